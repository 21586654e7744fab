import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { UiStrings, uiLanguage, type UiKey } from './i18n.js';

/**
 * The element's UI language and its strings: chosen from the element's `lang`, the page's `<html lang>` and
 * the browser, followed while the element is on the page (a single-page app that switches its language
 * switches the widget's, when the widget's is `auto`), each language's strings loaded from its chunk.
 */
export class UiLocale implements ReactiveController {
  /** the strings of the language shown (from the first connection: the attributes are set by then); English stands in until a language's chunk is in */
  strings?: UiStrings;
  /** the language being switched to, while its strings load */
  private wanted?: string;
  /** its strings loading: `updateComplete` waits for them */
  loading?: Promise<void>;
  private observer?: MutationObserver;

  constructor(private readonly host: ReactiveControllerHost & { lang: string }) {
    host.addController(this);
  }

  get language(): string {
    return this.strings?.language ?? 'en';
  }

  t(key: UiKey): string {
    return this.strings!.t(key);
  }

  /** Whether `key` is a UI string (the bot's sentences are not: src/pack/messages.ts). */
  exists(key: string): boolean {
    return this.strings!.exists(key);
  }

  /** The language the element's `lang`, the page and the browser choose now. */
  private get chosen(): string {
    return uiLanguage(this.host.lang, document.documentElement.lang, navigator.languages ?? []);
  }

  /** Switches to the language chosen now, once its strings are in; a later switch wins over this one. */
  follow(): void {
    const strings = this.strings;
    const lang = this.chosen;
    if (!strings || lang === (this.wanted ?? strings.language)) return;
    this.wanted = lang;
    this.loading = strings.load(lang).then(() => {
      if (this.wanted !== lang) return; // whichever chunk arrives first
      this.wanted = undefined;
      strings.language = lang;
      this.host.requestUpdate();
    });
  }

  hostConnected(): void {
    if (this.strings) this.follow();
    else {
      // In the chosen language at once: the launcher's label is there, the other strings follow.
      const strings = (this.strings = new UiStrings(this.chosen));
      this.loading = strings.load(strings.language).then(() => this.host.requestUpdate());
    }
    if (typeof MutationObserver === 'undefined') return;
    this.observer = new MutationObserver(() => this.follow());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
