/**
 * The widget code the script-tag loader (script-tag.ts) imports: `<helpline-chat>` and everything it needs.
 * The loader drew a launcher into the element's shadow root; clear-loader.ts empties it before the element
 * is defined (imports run in order), so the widget renders into a clean root.
 */
import './clear-loader.js';
import './helpline-chat.js';
