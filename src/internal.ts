/**
 * `helpline/internal`: the parts Helpline's own widget, relay and tools share with the engine. They are published
 * so that an app bundling `helpline` and `helpline/widget` gets one copy of them, but they are not the SDK: names
 * and signatures here may change in any release. Build on `helpline` (src/index.ts) instead.
 */
export { detectLanguage } from './text/index.js';
export { detectFrustration } from './bot/frustration.js';
export { messages, type Messages } from './pack/messages.js';
export { Emitter } from './bot/events.js';
export { emptyState, restoreState } from './bot/state.js';
export { safeUrl } from './safety/links.js';
export { LANG_PATTERN, ID_PATTERN } from './knowledge/article.js';
export { nextTask } from './util/tasks.js';
export { warmUpRedaction } from './safety/redact.js';
