/**
 * The page of `helpline serve`: the widget on the knowledge folder being edited, a side panel that
 * explains the last answer, and the folder's problems (with file and line) instead of the bot when the
 * folder has errors. The page reloads itself when the server announces a new build.
 */
import type { Problem } from '../knowledge/article.js';
import { esc } from './html.js';
import { explainChoice } from './explain.js';

/** What the server knows about the current build. */
export interface PreviewState {
  dir: string;
  /** changes with every build that changed something; the page reloads when it differs from its own */
  version: string;
  ok: boolean;
  problems: Problem[];
  summary: string;
  settings: { answer: number; clarify: number; intent: number };
  /** false when dist/helpline.js is missing */
  widget: boolean;
  /** the folder has errors, and the bot runs the last good build */
  stale?: boolean;
}

/** JSON that is safe inside an inline script. */
const inline = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));

/** The preview page for the current state. */
export function previewPage(s: PreviewState): string {
  const errors = s.problems.filter((p) => p.severity === 'error');
  const warnings = s.problems.filter((p) => p.severity === 'warning');
  const line = (p: Problem) => `<li><code>${esc(p.file)}:${p.line}</code> <span class="${p.severity}">${esc(p.severity)}</span> ${esc(p.message)}</li>`;
  const bot = `<script src="/helpline.js" data-pack="/pack.json?v=${esc(s.version)}" data-open="true" data-title="Preview" async></script>`;
  const stage = !s.ok
    ? `<section class="problems" id="problems"><h2>${errors.length} error(s): ${s.stale ? 'the bot runs the last good build' : 'the bot is not rebuilt'} until they are fixed</h2><ul>${errors.map(line).join('')}</ul></section>${s.stale && s.widget ? bot : ''}`
    : !s.widget
      ? `<section class="problems"><h2>dist/helpline.js is missing</h2><p>Run <code>npm run build</code> in the Helpline folder, then reload.</p></section>`
      : `<section class="hello"><h2>Ask the bot</h2><p>The chat opens at the bottom right. Every question you ask is explained in the panel on the left.</p></section>
${bot}`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${s.ok ? '' : '✖ '}Helpline preview — ${esc(s.dir)}</title>
<style>
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1d2430; background: #f6f7f9; display: grid; grid-template-columns: 400px 1fr; grid-template-rows: auto 1fr; min-height: 100vh; }
header { grid-column: 1 / -1; background: #fff; border-bottom: 1px solid #dde2ea; padding: 10px 20px; }
header h1 { font-size: 17px; margin: 0; }
header p { margin: 0; color: #5b6474; font-size: 13px; }
main { padding: 20px; }
aside { grid-column: 1; grid-row: 2; background: #fff; border-right: 1px solid #dde2ea; padding: 16px; overflow-y: auto; font-size: 14px; }
main { grid-column: 2; grid-row: 2; }
aside h2 { font-size: 15px; margin: 0 0 8px; }
code { font: 13px ui-monospace, Menlo, Consolas, monospace; background: #eef1f5; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
.hello { max-width: 380px; }
.problems { background: #fff; border: 2px solid #c8432f; border-radius: 8px; padding: 12px 16px; }
.problems h2 { color: #c8432f; font-size: 16px; margin-top: 0; }
.problems li { margin: 4px 0; }
.error { color: #c8432f; font-weight: 600; }
.warning { color: #a06d00; font-weight: 600; }
details { margin-top: 16px; }
.kind { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; background: #5b6474; font-weight: 600; }
.kind.answer { background: #2e8b57; } .kind.clarify { background: #c98a12; } .kind.fallback, .kind.unanswered { background: #c8432f; } .kind.handoff { background: #2f6fdf; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 10px; margin: 10px 0; }
dt { color: #5b6474; }
dd { margin: 0; overflow-wrap: anywhere; }
.cand { display: grid; grid-template-columns: 1fr 120px 40px; gap: 6px; align-items: center; margin: 3px 0; }
.cand .bar { height: 10px; background: #eef1f5; border-radius: 3px; position: relative; }
.cand .bar span { position: absolute; inset: 0 auto 0 0; background: #2f6fdf; border-radius: 3px; }
.cand .bar i { position: absolute; top: -3px; bottom: -3px; width: 2px; background: #1d2430; }
.why { background: #f6f7f9; border-left: 3px solid #2f6fdf; padding: 8px 10px; margin-top: 10px; }
.muted { color: #5b6474; }
@media (max-width: 900px) { body { grid-template-columns: 1fr; } main, aside { grid-column: 1; grid-row: auto; } aside { border-right: 0; border-top: 1px solid #dde2ea; } }
</style>
</head>
<body>
<header><h1>Helpline preview — <code>${esc(s.dir)}</code></h1><p>${esc(s.summary)} · thresholds: answer ${s.settings.answer}, clarify ${s.settings.clarify} · the page reloads when a file changes</p></header>
<main>
${stage}
${warnings.length ? `<details><summary>${warnings.length} warning(s)</summary><ul>${warnings.map(line).join('')}</ul></details>` : ''}
</main>
<aside id="panel" aria-live="polite">
<h2>Last question</h2>
<p class="muted" id="empty">Ask the bot something: the language it detected, its top candidates and why it answered, asked "did you mean" or fell back appear here.</p>
<div id="last" hidden>
<p id="question"></p>
<dl>
<dt>outcome</dt><dd><span class="kind" id="kind"></span> <span id="confidence" class="muted"></span></dd>
<dt>language</dt><dd id="lang"></dd>
<dt>search top</dt><dd id="search"></dd>
</dl>
<div id="candidates"></div>
<p class="muted">Top candidates by probability; the line marks the answer threshold.</p>
<p class="why" id="why"></p>
<p id="handoff"></p>
</div>
</aside>
<script>
(() => {
  const VERSION = ${inline(s.version)};
  const SETTINGS = ${inline(s.settings)};
  // Tools that keep function names (tsx) wrap inner functions in __name(); the page has no such helper.
  const __name = (f) => f;
  const explain = (${explainChoice.toString()});
  const $ = (id) => document.getElementById(id);
  const show = () => { $('empty').hidden = true; $('last').hidden = false; };

  function question(text) {
    show();
    $('question').textContent = '“' + text + '”';
    for (const id of ['kind', 'confidence', 'lang', 'search', 'why', 'handoff']) $(id).textContent = '';
    $('candidates').replaceChildren();
  }
  function reply(detail) {
    const r = detail && detail.reply;
    if (!r) return;
    show();
    if (detail.question) $('question').textContent = '“' + detail.question + '”';
    $('kind').textContent = r.kind;
    $('kind').className = 'kind ' + r.kind;
    $('confidence').textContent = 'confidence ' + Number(r.confidence).toFixed(2);
    const d = r.debug || { candidates: [] };
    $('lang').textContent = d.detected ? d.detected.lang + (d.detected.confident ? ' (confident)' : ' (unsure: page or earlier language decided)') + (r.lang !== d.detected.lang ? ', replied in ' + r.lang : '') : r.lang;
    $('search').textContent = d.searchTop || 'nothing';
    const rows = (d.candidates || []).map((c) => {
      const row = document.createElement('div');
      row.className = 'cand';
      const label = document.createElement('code');
      label.textContent = c.label;
      const bar = document.createElement('div');
      bar.className = 'bar';
      bar.title = 'answer threshold ' + SETTINGS.answer;
      const fill = document.createElement('span');
      fill.style.width = Math.max(0, Math.min(1, c.p)) * 100 + '%';
      const mark = document.createElement('i');
      mark.style.left = SETTINGS.answer * 100 + '%';
      bar.append(fill, mark);
      const p = document.createElement('span');
      p.textContent = Number(c.p).toFixed(2);
      row.append(label, bar, p);
      return row;
    });
    $('candidates').replaceChildren(...rows);
    $('why').textContent = explain(r);
  }
  document.addEventListener('helpline:message', (e) => {
    const t = e.detail || {};
    if (t.role === 'user') question(t.text);
    else if (t.kind === 'smalltalk' || t.kind === 'handoff') {
      $('kind').textContent = t.kind;
      $('kind').className = 'kind ' + t.kind;
      $('why').textContent = t.kind === 'smalltalk' ? 'Small talk: a conversational intent (greeting, thanks, goodbye) won.' : 'The user asked for a person.';
    }
  });
  for (const name of ['answer', 'clarify', 'unanswered']) document.addEventListener('helpline:' + name, (e) => reply(e.detail));
  document.addEventListener('helpline:handoff', (e) => {
    const h = e.detail || {};
    show();
    $('handoff').textContent = 'Handed off: ' + h.reason + ', priority ' + h.priority + ', team ' + h.team + (h.topic ? ', topic ' + h.topic : '');
  });
  const events = new EventSource('/events');
  events.addEventListener('version', (e) => { if (e.data !== VERSION) location.reload(); });
})();
</script>
</body>
</html>
`;
}
