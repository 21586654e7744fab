import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the focus may land on inside the panel. */
const FOCUSABLE = '.panel button, .panel input, .panel textarea, .panel a[href]';

/**
 * The open panel is a modal dialog: Tab and Shift+Tab cycle inside it, Escape closes it (the element then
 * gives the focus back to the launcher). Bound to the panel's keydown.
 */
export class FocusTrap implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly root: () => ShadowRoot | HTMLElement | DocumentFragment,
    private readonly close: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  readonly keydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.close();
      return;
    }
    if (e.key !== 'Tab') return;
    const root = this.root();
    const focusable = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled'));
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = (root as ShadowRoot).activeElement;
    if (e.shiftKey && active === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  };
}
