import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Follows the page's `<html lang>` while the element is on the page: a single-page app that switches its
 * language switches the widget's (when the widget's language is `auto`) and the bot's hint with it.
 */
export class PageLanguage implements ReactiveController {
  private observer?: MutationObserver;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly changed: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof MutationObserver === 'undefined') return;
    this.observer = new MutationObserver(() => this.changed());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
