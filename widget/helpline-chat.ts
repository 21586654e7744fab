import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  checkHours,
  createBot,
  nextOpening,
  redactSecrets,
  type Bot,
  type BotOptions,
  type BusinessHours,
  type Handoff,
  type Messages,
  type Pack,
  type Reply,
  type UserContext,
} from 'helpline';
import { messages, nextTask, warmUpRedaction } from '../src/internal.js';
import { styles } from './styles.js';
import type { UiKey } from './i18n.js';
import { safeUrl } from './markdown.js';
import { renderAnswer } from './answer-view.js';
import { renderSurvey, type SurveyAnswer } from './survey.js';
import type { Entry, Saved } from './session.js';
import type { DeliveryResult } from './handoff-outbox.js';
import { HandoffDelivery } from './handoff-delivery.js';
import { renderHandoffPanel } from './handoff-panel.js';
import { AgentSession, type AgentLine, type LiveState, type TextKey } from './agent-session.js';
import { PackLoading, type Status } from './pack-loading.js';
import { pickOnAccent } from './on-accent.js';
import { createApiBot } from './api-bot.js';
import { isTicket, rememberTicket } from './ticket-record.js';
import type { TicketStatus } from './ticket-status.js';
import { botLanguageHint } from './bot-language.js';
import { UiLocale } from './ui-locale.js';
import { firstTopics, languageNames, renderFirstScreen } from './first-screen.js';
import { BOT_EVENTS, emit } from './events.js';
import { SessionPersistence } from './session-persistence.js';
import { LIST_ID, Suggestions } from './suggestions.js';
import { FocusTrap } from './focus-trap.js';
import { LANG_PATTERN } from '../src/internal.js';

/** An entry before it gets its id. */
type EntryInput = Entry extends infer E ? (E extends Entry ? Omit<E, 'id'> : never) : never;

/**
 * Where the latest handoff stands. `undelivered`: it reached no one (nothing configured to send it to, or the
 * server refused it for good), so the user is told how to reach support instead.
 */
type HandoffState = LiveState | 'offline' | 'sent' | 'undelivered';

/** A thumb drawn, not an emoji: the same on every system, in the text colour (👎 is it turned over). */
const THUMB = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M2 21h4V9H2zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.5-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7z"/></svg>`;

/**
 * `<helpline-chat pack="/help/pack.json">`: a launcher button and a chat panel answering from a Helpline
 * pack. The pack is fetched when the panel first opens, not at page load. Bot events are re-emitted as
 * DOM events `helpline:<event>` that bubble out of the shadow root (widget/events.ts lists them all).
 *
 * @fires helpline:answer - the bot answered with an article ({ question, reply })
 * @fires helpline:clarify - the bot offered articles to choose from
 * @fires helpline:unanswered - the bot could not answer
 * @fires helpline:handoff - the conversation goes to a human (transcript redacted)
 * @fires helpline:feedback - 👍/👎 on an answer
 * @fires helpline:message - each message, the user's and the bot's
 * @fires helpline:ticket - a handoff outside business hours, with the user's email
 * @fires helpline:user-message - what the user wrote to a human agent (redacted)
 * @fires helpline:csat - the survey after a live conversation
 * @fires helpline:ready - the element is on the page and takes calls
 * @fires helpline:open - the panel opened
 * @fires helpline:close - the panel closed
 * @fires helpline:unread - ({ count }) messages that arrived while the panel was closed
 * @csspart launcher - the button that opens the chat
 * @csspart badge - the unread count on the launcher
 * @csspart panel - the chat panel
 * @csspart header - the panel's title bar
 * @csspart human-button - "Talk to a human"
 * @csspart end-button - "End chat" with an agent
 * @csspart new-button - "New conversation"
 * @csspart first-screen - the greeting, topics and languages before the first question
 * @csspart log - the conversation
 * @csspart user-message - the user's messages
 * @csspart bot-message - the bot's messages
 * @csspart agent-message - a human agent's messages
 * @csspart system-message - notes from the widget
 * @csspart feedback - 👍/👎 under an answer
 * @csspart chip - topic, suggestion and "Show the whole article" buttons
 * @csspart article-link - "Open in the help center"
 * @csspart composer - the message box and Send
 * @csspart suggestions - the list under the message box
 * @csspart input - the message box
 * @csspart send - the Send button
 * @cssprop --helpline-accent - accent colour (header, launcher, Send, the user's messages)
 * @cssprop --helpline-on-accent - text on the accent (default: black or white, whichever contrasts more)
 * @cssprop --helpline-bg - panel background
 * @cssprop --helpline-fg - text colour
 * @cssprop --helpline-muted - secondary text
 * @cssprop --helpline-bubble - the bot's message background
 * @cssprop --helpline-border - borders
 * @cssprop --helpline-control-border - form controls' outlines
 * @cssprop --helpline-warn-bg - notices' background
 * @cssprop --helpline-warn-fg - notices' text
 * @cssprop --helpline-radius - corner radius
 * @cssprop --helpline-font - font family
 * @cssprop --helpline-offset - distance from the corner
 * @cssprop --helpline-z-index - stacking order
 */
export class HelplineChat extends LitElement {
  static override styles = styles;
  static override properties = {
    pack: { type: String },
    api: { type: String },
    lang: { type: String },
    heading: { type: String },
    accent: { type: String },
    position: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    open: { type: Boolean, reflect: true },
    handoffUrl: { type: String, attribute: 'handoff-url' },
    relay: { type: String },
    chatwoot: { type: String },
    chatwootInbox: { type: String, attribute: 'chatwoot-inbox' },
    contact: { type: String },
    hours: { attribute: false },
    settings: { attribute: false },
    status: { state: true },
    entries: { state: true },
    handoffState: { state: true },
    draft: { state: true },
    survey: { state: true },
    progress: { state: true },
    launcherHidden: { type: Boolean, reflect: true, attribute: 'launcher-hidden' },
    unread: { state: true },
  };

  /** URL of the pack built by `helpline build`. */
  declare pack: string;
  /** URL of a `helpline api` (data-api): questions are answered there, redacted in the browser first, and no pack is downloaded. */
  declare api: string;
  /** Pack downloads the script-tag loader started (URL → text), taken instead of downloading again. */
  preloaded?: Map<string, Promise<string>>;
  /** UI language: `auto` (page, then browser) or a code. Answers follow each question's language. */
  declare lang: string;
  declare heading: string;
  declare accent: string;
  declare position: 'bottom-right' | 'bottom-left';
  declare theme: 'auto' | 'light' | 'dark';
  declare open: boolean;
  /** Where handoffs are POSTed (JSON, Idempotency-Key header). */
  declare handoffUrl: string;
  /** A Helpline relay (`helpline relay`): handoffs go there and agents answer live through it. */
  declare relay: string;
  /** A Chatwoot installation (with `chatwootInbox`, an API inbox's identifier): handoffs become its conversations. */
  declare chatwoot: string;
  declare chatwootInbox: string;
  /** A link for when the bot cannot load (mailto: or a contact page). */
  declare contact: string;
  /** When agents work; outside these hours a handoff becomes a ticket with the user's email. Takes effect at once, mid-conversation too. */
  declare hours: BusinessHours | undefined;
  /** Overrides of the pack's answer thresholds (createBot's `settings`); take effect at once. */
  declare settings: BotOptions['settings'];
  /** A pack object given directly (SDK users who loaded it themselves), instead of `pack`. */
  packData?: Pack;

  declare status: Status;
  declare entries: Entry[];
  declare handoffState: HandoffState | undefined;
  /** Search-as-you-type under the input (an ARIA combobox). */
  private readonly suggestions = new Suggestions(this, (id) => void this.pick(id));
  declare draft: string;
  /** The satisfaction survey is waiting for an answer (a conversation with an agent ended, or an answer solved it). */
  declare survey: boolean;
  /** The survey was shown in this conversation: it is asked once. */
  private surveyed = false;
  /** The article an answered-and-solved survey is about. */
  private surveyTopic: string | undefined;
  /** The human half: `el.agent.join({ name })`, `say(text)`, `typing()`, `end()`. */
  readonly agent = new AgentSession(this);
  /** Where handoffs go and how far each got. */
  private readonly delivery = new HandoffDelivery(this, (r) => this.delivered(r));
  /** The conversation across page loads (sessionStorage). */
  private readonly session = new SessionPersistence(
    this,
    () => this.storageKey,
    () => this.snapshot(),
    (saved) => this.takeBack(saved),
  );
  /** The pack downloaded and the bot built, once; `status` and `progress` show how far. */
  private readonly packLoading = new PackLoading(
    this,
    (pack) => {
      if (!pack) return this.useBot(createApiBot(this.api, this.botOptions()));
      this.botPack = pack;
      this.useBot(createBot(pack, this.botOptions()));
    },
    () => {
      for (const q of this.unanswered.splice(0)) void this.answer(q.text).then(q.done);
    },
    // not fatal: a part that cannot download now is tried again by the first question that needs it
    () => (this.bot?.prepare(this.botLanguage) ?? Promise.resolve()).catch(() => {}),
  );
  /** Tab stays inside the open panel; Escape closes it. */
  private readonly focusTrap = new FocusTrap(
    this,
    () => this.renderRoot,
    () => (this.open = false),
  );
  /** The UI language (this element's `lang`, else the page's, else the browser's) and its strings. */
  private readonly locale = new UiLocale(this);
  /** Pack files downloaded of those the first answer needs, while loading. */
  declare progress: { done: number; total: number } | undefined;
  /** The launcher is not shown while the panel is closed (`Helpline.hide()`): the page opens the chat itself. */
  declare launcherHidden: boolean;
  /** Messages that arrived while the panel was closed (`unread` events). */
  declare unread: number;

  private bot?: Bot;
  /** The pack the bot answers from (none with `api`): a change of hours or settings builds a new bot over it. */
  private botPack?: Pack;
  private user?: UserContext;
  private nextId = 1;
  private savedState?: unknown;
  private lastHandoff?: Handoff;
  /** Questions asked before the bot could answer (still loading, or failed to load): answered when it can. */
  private unanswered: { text: string; done?: (r: Reply | undefined) => void }[] = [];
  /** Answers one at a time, in the order asked. */
  private answering: Promise<unknown> = Promise.resolve();

  constructor() {
    super();
    this.pack = '';
    this.api = '';
    this.progress = undefined;
    this.lang = 'auto';
    this.heading = '';
    this.accent = '';
    this.position = 'bottom-right';
    this.theme = 'auto';
    this.open = false;
    this.handoffUrl = '';
    this.contact = '';
    this.status = 'idle';
    this.entries = [];
    this.handoffState = undefined;
    this.draft = '';
    this.relay = '';
    this.chatwoot = '';
    this.chatwootInbox = '';
    this.survey = false;
    this.launcherHidden = false;
    this.unread = 0;
  }

  /** `contact` when it is a link the page may follow (the same rule as article links). */
  private get contactLink(): string | undefined {
    return this.contact ? safeUrl(this.contact) : undefined;
  }

  /** The Chatwoot inbox, when both attributes are there. */
  private get chatwootDestination(): { url: string; inbox: string } | undefined {
    return this.chatwoot && this.chatwootInbox ? { url: this.chatwoot, inbox: this.chatwootInbox } : undefined;
  }

  private get storageKey(): string {
    return `helpline:${this.pack || 'inline'}`;
  }

  private t(key: UiKey): string {
    return this.locale.t(key);
  }

  /** A UI label or one of the bot's sentences, in the UI language. */
  uiText(key: TextKey, values: Record<string, string> = {}): string {
    if (this.locale.exists(key)) return this.t(key as UiKey);
    const table = (this.bot?.pack ?? this.packData)?.data.messages;
    return messages(this.locale.language, table)[key as keyof Messages].replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
  }

  /**
   * Done when the UI language's strings are in too (locales.ts: one chunk per language, which the loader fetches
   * beside the widget code). Until they are, English stands in; updates are not held back for them, as what an
   * update sets up (where handoffs go, the pack loading) must not wait for strings.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.locale.loading;
    return super.getUpdateComplete();
  }

  /** The language hint the bot gets with each question (bot-language.ts): read at each question, never frozen. */
  get botLanguage(): string {
    return botLanguageHint(this.lang, this.locale.language, this.botPack?.data.languages);
  }

  /**
   * Changes the UI language and the bot's language hint now (`auto`: follow the page and the browser again).
   * The conversation stays; later questions are answered with the new hint.
   */
  setLocale(code: string): void {
    if (typeof code !== 'string' || (code !== 'auto' && !LANG_PATTERN.test(code))) {
      throw new TypeError(`helpline: setLocale(${JSON.stringify(code)}): give a language code such as 'en', 'pt-BR' or 'zh-TW', or 'auto'`);
    }
    this.lang = code;
  }

  override connectedCallback(): void {
    this.session.restore(); // before the controllers connect: the agent session resumes its relay stream
    super.connectedCallback();
    // The first message's redaction would compile its patterns in the task that sends it: done now, in short
    // tasks of their own.
    setTimeout(() => void warmUpRedaction());
  }

  /** A saved conversation taken back (SessionPersistence.restore). */
  private takeBack(saved: Saved): void {
    this.entries = saved.entries;
    this.nextId = Math.max(0, ...saved.entries.map((e) => e.id)) + 1;
    this.savedState = saved.state;
    this.handoffState = saved.handoff as HandoffState | undefined;
    this.delivery.states = (saved.deliveries ?? {}) as HandoffDelivery['states'];
    this.agent.restore(saved.agent);
    this.survey = Boolean(saved.survey);
    this.surveyed = Boolean(saved.surveyed);
    this.surveyTopic = saved.surveyTopic;
    if (saved.open) this.open = true;
  }

  /** What is saved of the conversation. */
  private snapshot(): Saved {
    return {
      entries: this.entries,
      state: this.bot?.state ?? this.savedState,
      open: this.open,
      handoff: this.handoffState,
      deliveries: this.delivery.states,
      agent: this.agent.saved(),
      survey: this.survey,
      surveyed: this.surveyed,
      surveyTopic: this.surveyTopic,
    };
  }

  private persist(): void {
    this.session.save();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang')) this.locale.follow();
    if ((changed.has('hours') || changed.has('settings')) && this.bot && this.botPack) this.useBot(createBot(this.botPack, this.botOptions()));
    if (changed.has('accent')) {
      // CSSOM, not a style attribute: works under a strict Content-Security-Policy.
      if (this.accent) this.style.setProperty('--helpline-accent', this.accent);
      else this.style.removeProperty('--helpline-accent');
    }
    if (changed.has('handoffUrl') || changed.has('relay') || changed.has('chatwoot') || changed.has('chatwootInbox'))
      this.delivery.configure(this.relay, this.handoffUrl, this.chatwootDestination);
    if (changed.has('open') && this.open && this.status === 'idle') void this.load();
  }

  /** Whether `helpline:ready` has fired: the element is drawn in its UI language and takes calls. */
  isReady = false;

  protected override firstUpdated(): void {
    // after the UI language's strings (getUpdateComplete): a page told "ready" sees the chat in its language
    void this.updateComplete.then(() => {
      this.isReady = true;
      emit(this, 'ready', undefined);
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Computed styles are read when the colours may have changed, not on every keystroke.
    if (changed.has('accent') || changed.has('theme') || changed.has('open') || changed.has('launcherHidden')) this.pickOnAccent();
    // A new log element (opened, loaded) or a new message scrolls; a 👍 on an old answer does not. In the next
    // frame, before it paints: reading the log's layout here would lay the panel out once more in this task.
    if (changed.has('open') || changed.has('status') || (changed.has('entries') && changed.get('entries')?.length !== this.entries.length))
      requestAnimationFrame(() => this.scrollToLatest());
    if (changed.has('open') && changed.get('open') !== undefined) {
      emit(this, this.open ? 'open' : 'close', undefined);
      if (this.open && this.unread) {
        this.unread = 0;
        emit(this, 'unread', { count: 0 });
      }
    }
    if (changed.has('open')) {
      // Only a user's open moves the focus: a panel restored open on page load must not steal it.
      if (this.open && changed.get('open') === false) this.focusInput();
      else if (!this.open && changed.get('open') === true) (this.renderRoot.querySelector('.launcher') as HTMLElement | null)?.focus();
      this.persist();
    }
  }

  private focusInput(): void {
    (this.renderRoot.querySelector('.composer input') as HTMLElement | null)?.focus();
  }

  /**
   * Shows the newest message from its top (with the question above an answer), not the end of a long
   * article; when everything new fits, that is simply the bottom of the log.
   */
  private scrollToLatest(): void {
    const log = this.renderRoot.querySelector('.log');
    const items = log?.querySelectorAll('.msg, .system');
    if (!log || !items?.length) return;
    let anchor = items[items.length - 1];
    const before = items[items.length - 2];
    if (anchor.classList.contains('bot') && before?.classList.contains('user')) anchor = before;
    log.scrollTop += anchor.getBoundingClientRect().top - log.getBoundingClientRect().top - 12;
  }

  /** Black or white text on the accent, whichever contrasts more (on-accent.ts). */
  private pickOnAccent(): void {
    pickOnAccent(this, this.renderRoot.querySelector('.launcher, header'));
  }

  /** Loads the pack and starts the bot (once). Resolves when ready or failed; callers during loading wait too. */
  load(): Promise<void> {
    return this.bot ? Promise.resolve() : this.packLoading.load();
  }

  /** The bot's options now: the conversation so far, the user, and hours and settings as they are. */
  private botOptions(): BotOptions {
    const badHours = this.hours && checkHours(this.hours);
    if (badHours) console.error(`helpline: hours ${badHours}; business hours are off (handoffs stay live)`);
    return {
      lang: this.botLanguage,
      state: this.bot?.state ?? this.savedState,
      user: this.user,
      hours: badHours ? undefined : this.hours,
      settings: this.settings,
    };
  }

  /** Takes a bot into use: its events become the element's. */
  private useBot(bot: Bot): void {
    this.bot = bot;
    for (const name of BOT_EVENTS) {
      bot.on(name, (detail) => this.bot === bot && emit(this, name, detail as never));
    }
    bot.on('handoff', (h) => this.bot === bot && this.onHandoff(h));
  }

  /** Opens the panel. */
  show(): void {
    this.open = true;
  }

  /** Closes the panel. */
  hide(): void {
    this.open = false;
  }

  /** Opens the panel if closed, closes it if open. */
  toggle(): void {
    this.open = !this.open;
  }

  /** Shows one article as an answer, by its id (opens the panel; waits for the pack). */
  async showArticle(id: string): Promise<Reply | undefined> {
    this.open = true;
    await this.load();
    return this.pick(String(id));
  }

  /** Puts text in the message box without sending it (opens the panel); the user edits and sends it. */
  prefill(text: string): void {
    this.open = true;
    this.draft = String(text ?? '').slice(0, 2000);
    this.suggestions.clear();
    void this.updateComplete.then(() => this.focusInput());
  }

  /**
   * Logging out: forgets the user and the conversation (agent included), and removes what this page saved of
   * them. Handoffs already accepted for delivery still go out: someone was promised an answer.
   */
  logout(): void {
    this.user = undefined;
    this.reset();
    if (this.botPack) this.useBot(createBot(this.botPack, this.botOptions()));
    else if (this.bot) this.useBot(createApiBot(this.api, this.botOptions()));
    this.unread = 0;
    this.session.forget();
  }

  /** Asks a question as if the user typed it (opens the panel). */
  async ask(text: string): Promise<Reply | undefined> {
    this.open = true;
    if (this.agent.live) {
      // With a human now: the bot stays out of it (and cannot open a second handoff). The pack brings the
      // word lists that find a pasted seed phrase, so the message waits for it.
      await this.load();
      const id = this.nextId;
      this.push({ role: 'user', text: this.agent.userMessage(String(text), `${this.agent.handoff ?? 'm'}-${id}`) });
      return undefined;
    }
    // Shown at once, even while the pack loads: what the page shows is what the bot keeps.
    this.push({ role: 'user', text: redactSecrets(text).text });
    if (!this.bot) {
      // Answered by start() when the pack arrives; a failed load keeps the question for the retry.
      const answered = new Promise<Reply | undefined>((done) => this.unanswered.push({ text, done }));
      await this.load();
      if (!this.bot) {
        for (const q of this.unanswered) {
          q.done?.(undefined);
          q.done = undefined;
        }
        return undefined;
      }
      return answered;
    }
    return this.answer(text);
  }

  private answer(text: string): Promise<Reply> {
    // Drawn in a task after the one that found it: on a slow phone each is long, together they block input.
    const shown = this.answering
      .then(() => this.bot!.ask(text, { lang: this.botLanguage }))
      .then(async (r) => {
        await nextTask();
        this.push({ role: 'bot', reply: r });
        return r;
      });
    this.answering = shown.catch(() => {});
    return shown;
  }

  /** Tells the bot who the signed-in user is; handoffs carry it. */
  identify(user: UserContext): void {
    this.user = { ...user };
    this.bot?.identify(this.user);
  }

  /** Lets the host page's live chat report the handoff's progress (e.g. an agent joined). */
  setHandoffStatus(state: HandoffState): void {
    this.handoffState = state;
    this.persist();
  }

  /** A line from the agent's side of the conversation. */
  addLine(line: AgentLine): void {
    this.push(line);
  }

  /** The live conversation is over: ask how it went (once). */
  conversationEnded(_by: 'agent' | 'user'): void {
    this.askSurvey(undefined);
  }

  /** At the end of a conversation, once per conversation: how did it go? */
  private askSurvey(topic: string | undefined): void {
    if (this.surveyed || this.survey) return;
    this.survey = true;
    this.surveyTopic = topic;
    this.persist();
  }

  /** The survey's answer (or a skip). */
  private rated(a: SurveyAnswer | undefined): void {
    this.survey = false;
    this.surveyed = true;
    if (a) {
      this.agent.rate(a, this.bot?.state.lang ?? this.locale.language, this.surveyTopic);
      this.push({ role: 'system', text: '', key: 'csatThanks' });
    }
    this.persist();
  }

  /** How far the current handoff got: a final refusal is told to the user; the relay's answer is followed. */
  private delivered(r: DeliveryResult): void {
    if (isTicket(r.id)) this.ticketDelivered(r);
    if (r.id !== this.agent.handoff) return;
    if (r.delivery === 'failed' && (this.handoffState === 'queued' || this.handoffState === 'sent')) this.handoffState = 'undelivered';
    this.agent.accepted(r);
    this.persist();
  }

  /** Keeps how far a ticket got, and where to ask about it later (the relay's conversation, Chatwoot's). */
  private ticketDelivered(r: DeliveryResult): void {
    const body = r.body as { conversation?: unknown; token?: unknown; chatwoot?: { contact?: unknown; token?: unknown; conversation?: unknown } } | undefined;
    const cw = body?.chatwoot;
    const chatwoot = this.chatwootDestination;
    const link =
      r.delivery !== 'delivered'
        ? {}
        : this.relay && typeof body?.conversation === 'string' && typeof body.token === 'string'
          ? { relay: { url: this.relay.replace(/\/+$/, ''), conversation: body.conversation, token: body.token } }
          : chatwoot && typeof cw?.contact === 'string' && typeof cw.token === 'string' && typeof cw.conversation === 'number'
            ? { chatwoot: { ...chatwoot, contact: cw.contact, token: cw.token, conversation: cw.conversation } }
            : {};
    rememberTicket(r.id, { delivery: r.delivery, ...link });
  }

  /** Where a ticket from the offline form stands (`Helpline.ticket(id)`; the id is the `helpline:ticket` event's). */
  ticket(id: string): Promise<TicketStatus> {
    return import('./ticket-status.js').then((m) => m.ticketStatus(String(id)));
  }

  /** "New conversation": an empty log and a new conversation with the bot (and no agent), the first screen again. */
  newConversation(): void {
    this.reset();
    this.draft = '';
    this.suggestions.clear();
    void this.updateComplete.then(() => this.focusInput());
  }

  /** Forgets the conversation. */
  reset(): void {
    this.entries = [];
    this.handoffState = undefined;
    this.savedState = undefined;
    this.survey = false;
    this.surveyed = false;
    this.surveyTopic = undefined;
    this.agent.reset();
    this.bot?.reset();
    this.persist();
  }

  private push(entry: EntryInput): void {
    this.entries = [...this.entries, { ...entry, id: this.nextId++ } as Entry];
    this.persist();
    if (!this.open && entry.role !== 'user') {
      this.unread++;
      emit(this, 'unread', { count: this.unread });
    }
  }

  private onHandoff(h: Handoff): void {
    this.lastHandoff = h;
    this.agent.reset(h.id, { relay: this.relay, chatwoot: this.chatwootDestination }, h.topic);
    this.survey = false;
    if (!this.delivery.configured) {
      this.delivery.send(h); // records that it reached no one, and tells the integrator why
      this.handoffState = 'undelivered';
    } else {
      if (h.live) this.delivery.send(h); // outside business hours it waits for the ticket form
      this.handoffState = h.live ? 'queued' : 'offline';
    }
    this.persist();
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const text = this.draft.trim();
    if (!text) return;
    this.draft = '';
    this.suggestions.clear();
    await this.ask(text);
  }

  private onInput(e: Event): void {
    this.draft = (e.target as HTMLInputElement).value;
    this.suggestions.set(this.bot && !this.agent.live && this.draft.trim().length >= 3 ? this.bot.suggest(this.draft, { limit: 4 }) : []);
  }

  private async pick(id: string): Promise<Reply | undefined> {
    this.suggestions.clear();
    this.draft = '';
    this.focusInput(); // the clicked chip or suggestion may be gone after this render
    if (!this.bot) return undefined;
    const reply = await this.bot.show(id);
    this.push({ role: 'user', text: reply.article?.title ?? id });
    this.push({ role: 'bot', reply });
    return reply;
  }

  private feedback(entry: Extract<Entry, { role: 'bot' }>, helpful: boolean): void {
    const article = entry.reply.article;
    if (!article || entry.feedback) return;
    this.bot?.feedback(article.id, helpful);
    const others = helpful ? undefined : this.otherArticles(entry);
    this.entries = this.entries.map((e) =>
      e.id === entry.id ? { ...e, feedback: helpful ? 'up' : 'down', ...(others?.length ? { others } : {}) } : e,
    ) as Entry[];
    // 👍 marks the question solved: the end of this conversation, unless the user goes on.
    if (helpful) this.askSurvey(article.id);
    this.persist();
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`[data-entry="${entry.id}"] .feedback [tabindex]`) as HTMLElement | null)?.focus());
  }

  /** The user's question that an answer answered (the line before it). */
  private questionOf(entry: Extract<Entry, { role: 'bot' }>): string | undefined {
    const at = this.entries.findIndex((e) => e.id === entry.id);
    const before = this.entries
      .slice(0, at)
      .reverse()
      .find((e) => e.role === 'user');
    return before?.role === 'user' ? before.text : undefined;
  }

  /** After a 👎: the next articles search finds for the same question. */
  private otherArticles(entry: Extract<Entry, { role: 'bot' }>): { id: string; title: string }[] {
    const question = this.questionOf(entry);
    if (!question || !this.bot) return [];
    return this.bot
      .search(question, { lang: entry.reply.lang, limit: 4 })
      .filter((a) => a.id !== entry.reply.article?.id)
      .slice(0, 3)
      .map(({ id, title }) => ({ id, title }));
  }

  /** After a 👎: what the user was looking for, redacted by the bot, as the same verdict's comment. */
  private sendComment(event: SubmitEvent, entry: Extract<Entry, { role: 'bot' }>): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('comment') as HTMLInputElement;
    const comment = input.value.trim();
    if (!comment || !entry.reply.article) return;
    this.bot?.feedback(entry.reply.article.id, false, comment);
    this.entries = this.entries.map((e) => (e.id === entry.id ? { ...e, feedback: 'commented' } : e)) as Entry[];
    if (redactSecrets(comment).found.length) this.push({ role: 'system', text: '', key: 'secretWarning' });
    this.persist();
  }

  private expand(entry: Extract<Entry, { role: 'bot' }>): void {
    this.entries = this.entries.map((e) => (e.id === entry.id ? { ...e, expanded: true } : e)) as Entry[];
    this.persist();
  }

  private async requestHuman(): Promise<void> {
    await this.load();
    if (!this.bot) {
      // The pack did not load: no handoff can be made safely (the seed-phrase lists come with it), so the user
      // is told so, once, next to the contact link, and nobody is said to be alerted.
      if (!this.entries.some((e) => e.role === 'system' && e.key === 'humanUnavailable')) this.push({ role: 'system', text: '', key: 'humanUnavailable' });
      return;
    }
    // Already waiting for or talking to an agent: a second press must not open a second ticket.
    if (this.agent.live) return;
    this.push({ role: 'user', text: this.t('human') }); // what the user asked for, in their words
    this.bot.handoff('requested');
  }

  private sendTicket(e: Event): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    // redacted like every message: the form is where users paste the most (seed phrases, card numbers)
    const description = redactSecrets((form.elements.namedItem('description') as HTMLTextAreaElement).value.trim()).text;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      (form.elements.namedItem('email') as HTMLInputElement).setCustomValidity(this.t('badEmail'));
      form.reportValidity();
      return;
    }
    const ticket = { ...(this.lastHandoff ?? this.bot!.handoff('requested')), ticket: { email, description } };
    emit(this, 'ticket', ticket as Parameters<typeof emit<'ticket'>>[2]);
    rememberTicket(ticket.id, { delivery: 'sending' });
    this.delivery.send(ticket);
    this.handoffState = 'sent';
    this.persist();
  }

  override render(): TemplateResult {
    const title = this.heading || this.t('title');
    if (!this.open) {
      if (this.launcherHidden) return html``;
      return html`<button class="launcher" part="launcher" aria-haspopup="dialog" aria-expanded="false" @click=${this.show}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16v12H7l-3 3z" /></svg>${this.t('launcher')}${this.unread ? html`<span class="badge" part="badge">${this.unread}<span class="sr-only"> ${this.t('unread')}</span></span>` : nothing}
      </button>`;
    }
    return html`<section class="panel" part="panel" role="dialog" aria-modal="true" aria-labelledby="helpline-title" lang=${this.locale.language} @keydown=${this.focusTrap.keydown}>
      <!-- not a landmark: the page has its own banner, and the dialog is labelled by its title -->
      <header part="header" role="none">
        <h2 id="helpline-title">${title}</h2>
        ${
          this.agent.live
            ? html`<button class="human" part="end-button" @click=${() => this.agent.end('user')}>${this.t('endChat')}</button>`
            : html`<button class="human" part="human-button" @click=${this.requestHuman}>${this.t('human')}</button>`
        }
        ${
          this.entries.length || this.handoffState
            ? html`<button class="new" part="new-button" aria-label=${this.t('newChat')} title=${this.t('newChat')} @click=${this.newConversation}><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 5V2L7 6l5 4V7a6 6 0 1 1-6 6H4a8 8 0 1 0 8-8z"/></svg></button>`
            : nothing
        }
        <button class="close" aria-label=${this.t('minimize')} @click=${this.hide}>×</button>
      </header>
      ${this.renderBody()}
    </section>`;
  }

  private renderBody(): TemplateResult {
    if (this.status === 'error') {
      // The questions asked stay in view above the retry: they are answered when it works.
      return html`${this.entries.length ? html`<div class="log" part="log" role="log" aria-label=${this.t('messages')}>${this.entries.map((e) => this.renderEntry(e))}</div>` : nothing}
        <div class="state error" role="alert">
        <p>${this.t('loadError')}</p>
        <button class="primary" @click=${() =>
          void this.load()
            .then(() => this.updateComplete)
            .then(() => this.focusInput())}>${this.t('retry')}</button>
        ${this.contactLink ? html`<p><a href=${this.contactLink}>${this.t('contact')}</a></p>` : nothing}
      </div>`;
    }
    const progress = this.progress && this.progress.total > 1 ? ` ${Math.round((100 * this.progress.done) / this.progress.total)}%` : '';
    // One template for loading and ready, so the composer (and what the user is typing in it) stays the
    // same element when the pack arrives.
    return html`${
      this.status === 'loading' && !this.entries.length
        ? html`${this.renderFirstScreen()}<div class="state" role="status">${this.t('loading')}${progress}</div>`
        : html`<div class="log" part="log" role="log" aria-live="polite" aria-label=${this.t('messages')}>
            ${this.entries.length || this.handoffState || this.survey ? nothing : this.renderFirstScreen()}
            ${this.entries.map((e) => this.renderEntry(e))} ${this.renderHandoff()}
            ${this.survey ? renderSurvey({ question: this.uiText('csatQuestion'), comment: this.uiText('csatComment'), skip: this.t('skip') }, (a) => this.rated(a)) : nothing}
            ${this.status === 'loading' ? html`<div class="system loading" role="status">${this.t('loading')}${progress}</div>` : nothing}
          </div>`
    }
      ${this.renderComposer()}`;
  }

  /** After a 👎: rephrase the question, another article, a human, or say what was missing. */
  private renderNotHelped(e: Extract<Entry, { role: 'bot' }>): unknown {
    const question = this.questionOf(e);
    return html`<div class="not-helped" role="group" aria-label=${this.t('notHelped')}>
      <span role="status" tabindex="-1">${this.t('notHelped')}</span>
      <div class="chips">
        ${question ? html`<button class="chip rephrase" @click=${() => this.prefill(question)}>${this.t('rephrase')}</button>` : nothing}
        ${(e.others ?? []).map((o) => html`<button class="chip" part="chip" @click=${() => void this.pick(o.id)}>${o.title}</button>`)}
        <button class="chip" @click=${this.requestHuman}>${this.t('human')}</button>
      </div>
      <form class="comment" @submit=${(ev: SubmitEvent) => this.sendComment(ev, e)}>
        <input name="comment" maxlength="500" aria-label=${this.t('commentHint')} placeholder=${this.t('commentHint')} autocomplete="off" />
        <button type="submit">${this.t('send')}</button>
      </form>
    </div>`;
  }

  /** Before the first question: a greeting, popular topics (once the pack is there) and the languages the bot answers in. */
  private renderFirstScreen(): TemplateResult {
    const data = this.botPack?.data;
    return renderFirstScreen({
      greeting: this.t('greeting'),
      topicsLabel: this.t('topics'),
      languagesLabel: this.t('answersIn'),
      topics: data ? firstTopics(data.articles, this.botLanguage, data.defaultLang) : [],
      languages: data ? languageNames(data.languages) : [],
      pick: (id) => void this.pick(id),
    });
  }

  private renderEntry(e: Entry): TemplateResult {
    if (e.role === 'user')
      return html`<div class="msg user" part="user-message" data-entry=${e.id}><span class="sr-only">${this.t('you')}: </span><span dir="auto">${e.text}</span></div>`;
    if (e.role === 'system') return html`<div class="system" part="system-message" data-entry=${e.id}>${e.key ? this.uiText(e.key, e.values) : e.text}</div>`;
    if (e.role === 'agent') {
      return html`<div class="msg agent" part="agent-message" data-entry=${e.id}>
        <span class="who">${e.avatar ? html`<img src=${e.avatar} alt="" referrerpolicy="no-referrer" />` : nothing}${e.name ?? this.t('agent')}</span><span dir="auto">${e.text}</span>
      </div>`;
    }
    const r = e.reply;
    // A handoff that reached no one: the bot's "an agent will reply" / "I've alerted our team" is not shown.
    const lost = r.handoff && this.delivery.lost(r.handoff.id);
    const promise = lost && this.bot ? messages(r.lang, this.bot.pack.data.messages).handoffUrgent : undefined;
    const notices = r.notices.filter((n) => n !== promise).map((n) => html`<div class="notice" role="note">${n}</div>`);
    const human = r.offerHuman ? html`<div class="chips"><button class="chip" @click=${this.requestHuman}>${this.t('human')}</button></div>` : nothing;
    let body: unknown;
    let feedback: unknown = nothing;
    if (r.kind === 'answer' && r.article) {
      // The matching section (or the first lines) first: a whole article is a wall on a phone.
      body = renderAnswer(r as Parameters<typeof renderAnswer>[0], {
        expanded: Boolean(e.expanded),
        wholeArticle: this.t('wholeArticle'),
        openArticle: this.t('openArticle'),
        expand: () => this.expand(e),
      });
      feedback = html`<div class="feedback" part="feedback">
        ${
          e.feedback === 'down'
            ? this.renderNotHelped(e)
            : e.feedback
              ? html`<span role="status" tabindex="-1">${this.t('thanks')}</span>`
              : html`<span>${this.t('helpful')}</span>
              <button aria-label=${this.t('yes')} @click=${() => this.feedback(e, true)}>${THUMB}</button>
              <button aria-label=${this.t('no')} @click=${() => this.feedback(e, false)}>${THUMB}</button>`
        }
      </div>`;
    } else if (r.kind === 'clarify') {
      body = html`<p>${r.text}</p><div class="chips" role="group" aria-label=${this.t('didYouMean')}>
        ${(r.suggestions ?? []).map((s) => html`<button class="chip" part="chip" @click=${() => this.pick(s.id)}>${s.title}</button>`)}
      </div>`;
    } else {
      body = html`<p>${lost && r.kind === 'handoff' ? this.uiText('handoffUndelivered') : r.text}</p>`;
    }
    // The reply is in the question's language; the controls around it are in the UI's.
    return html`<div class="msg bot" part="bot-message" data-entry=${e.id}><span class="sr-only">${this.t('bot')}: </span><div lang=${r.lang}>${notices}${body}</div>${feedback}${human}</div>`;
  }

  private renderHandoff(): TemplateResult | typeof nothing {
    const id = this.agent.handoff;
    return renderHandoffPanel({
      state: this.handoffState,
      delivery: id ? this.delivery.states[id] : undefined,
      agent: this.agent.agent,
      typing: this.agent.isTyping,
      contact: this.contactLink ?? '',
      text: (key, values) => this.uiText(key, values),
      when: () => this.whenAgentsReturn(),
      sendTicket: (e) => this.sendTicket(e),
    });
  }

  /** When agents are back, in the UI language and the support team's time zone. */
  private whenAgentsReturn(): string {
    const next = this.hours && nextOpening(this.hours, new Date());
    if (!next) return this.uiText('handoffOfflineSoon');
    return new Intl.DateTimeFormat(this.locale.language, {
      weekday: 'long',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: this.hours!.timeZone,
      timeZoneName: 'short',
    }).format(next);
  }

  private renderComposer(): TemplateResult {
    return html`<div class="composer" part="composer">
      ${this.suggestions.render(this.t('suggested'))}
      <form @submit=${this.submit}>
        <label class="sr-only" for="helpline-input">${this.t('placeholder')}</label>
        <input id="helpline-input" part="input" autocomplete="off" maxlength="2000" .value=${this.draft} placeholder=${this.t('placeholder')} @input=${this.onInput}
          role="combobox" aria-autocomplete="list" aria-controls=${this.suggestions.open ? LIST_ID : nothing} aria-expanded=${this.suggestions.open ? 'true' : 'false'} aria-activedescendant=${this.suggestions.activeId ?? nothing}
          @keydown=${(e: KeyboardEvent) => this.suggestions.keydown(e)} />
        <button class="primary" part="send" type="submit">${this.t('send')}</button>
      </form>
    </div>`;
  }
}

if (!customElements.get('helpline-chat')) customElements.define('helpline-chat', HelplineChat);

declare global {
  interface HTMLElementTagNameMap {
    'helpline-chat': HelplineChat;
  }
}
