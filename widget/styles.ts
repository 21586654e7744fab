// css-tag alone, not all of lit: the script-tag loader draws the launcher with these styles.
import { css } from '@lit/reactive-element/css-tag.js';

/**
 * Everything lives in shadow DOM: the host page's CSS cannot reach in, ours cannot leak out. Theming goes
 * through CSS custom properties (--helpline-*) and ::part(launcher | panel | header | log | input | …).
 *
 * Why the CSS is as it is (comments stay out of the template: they would ship in the bundle):
 * - Every :host declaration is !important: a host page's rules on the helpline-chat element itself (even
 *   `* { font-size: 30px !important }`) would otherwise beat :host, and `all: initial` cuts off everything
 *   inherited from the page. Pages theme the widget through --helpline-* properties, not by restyling it.
 * - --_control (form controls' outlines) must reach 3:1 against the panel (WCAG 1.4.11); --_border
 *   (dividers) need not.
 * - Phones: the open panel takes the whole screen, minus notches and home indicators on pages with
 *   viewport-fit=cover; 16px inputs keep iOS from zooming in on focus.
 */
/** The dark palette: chosen by theme="dark", or by the system unless theme="light". */
const dark = css`
  --_bg: var(--helpline-bg, #111827) !important;
  --_fg: var(--helpline-fg, #f9fafb) !important;
  --_muted: var(--helpline-muted, #d1d5db) !important;
  --_bubble: var(--helpline-bubble, #1f2937) !important;
  --_border: var(--helpline-border, #374151) !important;
  --_control: var(--helpline-control-border, #9ca3af) !important;
  --_warn-bg: var(--helpline-warn-bg, #451a03) !important;
  --_warn-fg: var(--helpline-warn-fg, #fde68a) !important;
`;

export const styles = css`
  :host {
    all: initial !important;
    --_accent: var(--helpline-accent, #1a56db) !important;
    --_on-accent: var(--helpline-on-accent, var(--_auto-on-accent, #ffffff)) !important;
    --_bg: var(--helpline-bg, #ffffff) !important;
    --_fg: var(--helpline-fg, #111827) !important;
    --_muted: var(--helpline-muted, #4b5563) !important;
    --_bubble: var(--helpline-bubble, #f3f4f6) !important;
    --_border: var(--helpline-border, #d1d5db) !important;
    --_control: var(--helpline-control-border, #6b7280) !important;
    --_warn-bg: var(--helpline-warn-bg, #fef3c7) !important;
    --_warn-fg: var(--helpline-warn-fg, #78350f) !important;
    --_radius: var(--helpline-radius, 14px) !important;
    --_gap: var(--helpline-offset, 20px) !important;
    --_font: var(--helpline-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', 'Hiragino Sans', 'Malgun Gothic', sans-serif) !important;
    display: block !important;
    position: fixed !important;
    z-index: var(--helpline-z-index, 2147483000) !important;
    bottom: var(--_gap) !important;
    right: var(--_gap) !important;
    direction: ltr !important;
    unicode-bidi: isolate !important;
    font-family: var(--_font) !important;
    font-size: 15px !important;
    line-height: 1.45 !important;
    color: var(--_fg) !important;
  }
  :host([hidden]) { display: none !important; }
  :host([launcher-hidden]:not([open])) .launcher { display: none; }
  :host([position='bottom-left']) { right: auto !important; left: var(--_gap) !important; }
  :host([theme='dark']) { ${dark} }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) { ${dark} }
  }
  *, *::before, *::after { box-sizing: border-box; }
  button, input, textarea { font: inherit; color: inherit; margin: 0; }
  input::placeholder, textarea::placeholder { color: var(--_muted); opacity: 1; }
  button { cursor: pointer; }
  :focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

  .launcher {
    display: inline-flex; align-items: center; gap: 8px;
    border: 0; border-radius: 999px; padding: 12px 20px;
    background: var(--_accent); color: var(--_on-accent);
    font-weight: 600; box-shadow: 0 6px 20px rgb(0 0 0 / 0.25);
  }
  .launcher svg { width: 20px; height: 20px; fill: currentColor; }

  .panel {
    position: absolute; bottom: 0; right: 0;
    width: min(400px, calc(100vw - 2 * var(--_gap))); height: min(620px, calc(100vh - 2 * var(--_gap)));
    display: flex; flex-direction: column;
    background: var(--_bg); color: var(--_fg);
    border: 1px solid var(--_border); border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.3); overflow: hidden;
  }
  :host([position='bottom-left']) .panel { right: auto; left: 0; }
  @media (max-width: 520px) {
    :host([open]) { inset: 0 !important; }
    .panel { position: fixed; inset: 0; width: auto; height: auto; border-radius: 0; border: 0; }
    header { padding-top: calc(12px + env(safe-area-inset-top, 0px)); }
    .composer { padding-bottom: calc(10px + env(safe-area-inset-bottom, 0px)); }
    .composer input { font-size: 16px; }
  }

  header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: var(--_accent); color: var(--_on-accent); }
  header h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 700; }
  header button { border: 1px solid currentColor; background: transparent; color: inherit; border-radius: 999px; padding: 4px 10px; font-size: 13px; }
  header .close { border: 0; font-size: 22px; line-height: 1; padding: 2px 8px; }

  .log { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 10px; }
  .msg { max-width: 88%; padding: 9px 12px; border-radius: 12px; overflow-wrap: anywhere; }
  .user { align-self: flex-end; background: var(--_accent); color: var(--_on-accent); border-bottom-right-radius: 4px; white-space: pre-wrap; }
  .bot { align-self: flex-start; max-width: 100%; background: var(--_bubble); border-bottom-left-radius: 4px; }
  .bot h3 { margin: 0 0 6px; font-size: 15px; }
  .bot h3.title { font-size: 16px; }
  .bot h4.section { font-size: 14px; margin: 4px 0; }
  .bot .answer-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; margin-top: 6px; }
  .bot h3.title { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .bot .source { font-size: 13px; }
  .bot li > ul, .bot li > ol { margin: 2px 0; }
  .bot .table { overflow-x: auto; margin: 6px 0; }
  .bot table { border-collapse: collapse; font-size: 13px; }
  .bot th, .bot td { border: 1px solid var(--_border); padding: 3px 6px; text-align: left; vertical-align: top; }
  .bot pre { overflow-x: auto; padding: 6px 8px; border-radius: 6px; background: var(--_bg); font-size: 12px; }
  .bot blockquote { margin: 6px 0; padding-left: 8px; border-left: 3px solid var(--_border); }
  .bot h4 { margin: 8px 0 4px; font-size: 14px; }
  .bot p { margin: 0 0 8px; }
  .bot ul, .bot ol { margin: 0 0 8px; padding-left: 20px; }
  .bot a { color: inherit; text-decoration: underline; }
  .bot code { font-family: ui-monospace, monospace; font-size: 13px; background: rgb(127 127 127 / 0.15); padding: 0 4px; border-radius: 4px; }
  .notice { background: var(--_warn-bg); color: var(--_warn-fg); border-radius: 8px; padding: 6px 10px; margin-bottom: 8px; font-size: 13px; }
  .chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
  .chip { border: 1px solid var(--_accent); color: var(--_fg); background: var(--_bg); border-radius: 999px; padding: 5px 11px; font-size: 13px; text-align: left; }
  .feedback { display: flex; align-items: center; gap: 6px; margin-top: 6px; font-size: 13px; color: var(--_muted); }
  .feedback > button { display: inline-flex; border: 1px solid var(--_control); background: var(--_bg); border-radius: 8px; padding: 4px 8px; }
  .feedback svg { width: 16px; height: 16px; fill: currentColor; }
  .feedback > button:last-child svg { transform: rotate(180deg); }
  .not-helped { display: flex; flex-direction: column; gap: 6px; width: 100%; }
  .not-helped .comment { display: flex; gap: 6px; }
  .not-helped .comment input { flex: 1; min-width: 0; border: 1px solid var(--_control); border-radius: 8px; padding: 6px 8px; font: inherit; background: var(--_bg); color: inherit; }
  .not-helped .comment button { border: 1px solid var(--_control); background: var(--_bg); color: inherit; border-radius: 8px; padding: 4px 10px; font: inherit; }
  .system { align-self: center; font-size: 13px; color: var(--_muted); text-align: center; }
  .handoff { align-self: stretch; border: 1px solid var(--_border); border-radius: 12px; padding: 10px 12px; font-size: 14px; }
  .handoff form { display: flex; flex-direction: column; gap: 6px; margin-top: 8px; }
  .agent { align-self: flex-start; background: var(--_bubble); border-bottom-left-radius: 4px; white-space: pre-wrap; }
  .who { display: flex; align-items: center; gap: 6px; font-size: 12px; font-weight: 600; color: var(--_muted); margin-bottom: 2px; }
  .who img, .handoff .avatar { width: 20px; height: 20px; border-radius: 50%; object-fit: cover; vertical-align: middle; margin-right: 6px; }
  .handoff input, .handoff textarea { border: 1px solid var(--_control); border-radius: 8px; padding: 6px 8px; background: var(--_bg); }
  .primary { border: 0; border-radius: 8px; padding: 7px 12px; background: var(--_accent); color: var(--_on-accent); font-weight: 600; }
  .error { color: var(--_fg); }
  .state { padding: 24px; text-align: center; color: var(--_muted); }
  .first { display: flex; flex-direction: column; gap: 8px; }
  .first .greeting { margin: 0; padding: 10px 12px; border-radius: 12px; background: var(--_bubble); align-self: flex-start; max-width: 90%; }
  .first .languages { margin: 0; font-size: 12px; color: var(--_muted); }
  header .new { border: 0; padding: 4px; display: inline-flex; }
  .launcher .badge { min-width: 20px; height: 20px; padding: 0 6px; border-radius: 999px; background: #b91c1c; color: #fff; font-size: 12px; font-weight: 700; display: inline-flex; align-items: center; justify-content: center; }
  header .new svg { width: 18px; height: 18px; fill: currentColor; }

  .composer { position: relative; border-top: 1px solid var(--_border); padding: 10px; }
  .composer form { display: flex; gap: 8px; }
  .composer input { flex: 1; min-width: 0; border: 1px solid var(--_control); border-radius: 999px; padding: 9px 14px; background: var(--_bg); }
  .suggest { position: absolute; left: 10px; right: 10px; bottom: 100%; margin: 0 0 4px; padding: 4px; list-style: none; background: var(--_bg); border: 1px solid var(--_border); border-radius: 10px; box-shadow: 0 6px 20px rgb(0 0 0 / 0.15); }
  .suggest li { padding: 6px 8px; border-radius: 6px; cursor: pointer; }
  .suggest li:hover, .suggest li.active { background: var(--_bubble); outline: 2px solid var(--_accent); outline-offset: -2px; }
  .suggest li:hover { outline: 0; }
`;
