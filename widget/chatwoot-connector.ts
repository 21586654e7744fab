/** The Chatwoot connector's chunk (loaded on demand by widget/chatwoot-link.ts). */
export { conversationOf, deliverHandoff, send } from './chatwoot-api.js';
export { subscribe } from './chatwoot-cable.js';
