/**
 * Helpline's public API: load a pack, create a bot, ask it questions. Runs in browsers and Node.
 * Building packs from markdown is in `helpline/node`; `helpline/internal` holds what the widget and tools share
 * with the engine, with no stability promise.
 */
export { PackError, PACK_VERSION, type Pack, type PackData, type PackLanguages } from './pack/pack.js';
export { loadPack } from './pack/load-pack.js';
export { MANIFEST_FILE, type PackManifest, type PackFileReader } from './pack/pack-folder.js';
export type { Article, Priority } from './knowledge/article.js';
export { BOT_EVENTS } from './bot/events.js';
export { createBot, MAX_MESSAGE, type Bot, type BotOptions, type BotEvents, type FoundArticle } from './bot/create-bot.js';
export type { Reply, ReplyKind, ArticleRef, Handoff, HandoffReason, UserContext } from './bot/reply.js';
export type { ConversationState, Turn } from './bot/state.js';
export { checkHours, isOpen, nextOpening, type BusinessHours, type Weekday } from './bot/hours.js';
export type { Messages } from './pack/messages.js';
export {
  redactSecrets,
  createRedactor,
  type Redaction,
  type RedactOptions,
  type Redactor,
  type ConversationRedaction,
  type SecretKind,
} from './safety/redact.js';
export type { WordSet } from './safety/word-set.js';
export type { Snippet } from './search/snippet.js';
