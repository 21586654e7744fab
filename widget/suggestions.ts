import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

export interface Suggestion {
  id: string;
  title: string;
}

/** The list's id, which the input names in aria-controls; options are `${LIST_ID}-<index>`. */
export const LIST_ID = 'helpline-suggest';

/**
 * Search-as-you-type under the message box, as the ARIA combobox pattern has it: the focus stays in the input,
 * ArrowDown/ArrowUp move through the list (aria-activedescendant), Enter picks, Escape closes the list.
 */
export class Suggestions implements ReactiveController {
  items: Suggestion[] = [];
  /** the option the arrows reached; -1 when none (Enter then sends the text as typed) */
  active = -1;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly pick: (id: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get open(): boolean {
    return this.items.length > 0;
  }

  set(items: Suggestion[]): void {
    this.items = items;
    this.active = -1;
    this.host.requestUpdate();
  }

  clear(): void {
    if (this.items.length) this.set([]);
  }

  /** Handles a key in the input; true when it was the list's (the caller then leaves it alone). */
  keydown(e: KeyboardEvent): boolean {
    if (!this.open) return false;
    const n = this.items.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      this.active = e.key === 'ArrowDown' ? (this.active + 1) % n : this.active <= 0 ? n - 1 : this.active - 1;
    } else if (e.key === 'Enter' && this.active >= 0) {
      this.pick(this.items[this.active].id);
    } else if (e.key === 'Escape') {
      this.clear();
    } else {
      return false;
    }
    e.preventDefault();
    e.stopPropagation(); // Escape closes the list, not the panel
    this.host.requestUpdate();
    return true;
  }

  /** The input's combobox attributes. */
  get activeId(): string | undefined {
    return this.active >= 0 ? `${LIST_ID}-${this.active}` : undefined;
  }

  render(label: string): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    // Options take clicks but never the focus: a mousedown would blur the input and lose the caret.
    return html`<ul class="suggest" part="suggestions" id=${LIST_ID} role="listbox" aria-label=${label}>
      ${this.items.map(
        (
          s,
          i,
        ) => html`<li id=${`${LIST_ID}-${i}`} role="option" aria-selected=${i === this.active ? 'true' : 'false'} class=${i === this.active ? 'active' : ''}
          @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.pick(s.id)}>${s.title}</li>`,
      )}
    </ul>`;
  }
}
