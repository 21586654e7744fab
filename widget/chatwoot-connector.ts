/** The Chatwoot connector's chunk (loaded on demand by widget/chatwoot-link.ts). */
export { deliverHandoff, send } from './chatwoot-api.js';
export { subscribe } from './chatwoot-cable.js';
