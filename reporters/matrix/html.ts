/**
 * One self-contained HTML page (inline CSS and JS, no external assets; works from file://).
 * The front page answers, in order: which browsers were judged (build, backend, the settings
 * that touch the origin boundary first, the rest folded), the verdict summary, where engines
 * disagree and every recorded deviation (reason and link), the seed claims, then the areas —
 * generated families as grids along their axes, other scenarios as rows. Only the engines and
 * the summary are static HTML; everything else is rendered by page/matrix.js from the data
 * embedded once (page-data.ts), areas only when opened, so the file stays small and the page is
 * usable at once with the full catalog.
 */
import fs from 'node:fs';
import type { EngineInfo } from '../../engines/engine.ts';
import type { MatrixModel } from './model.ts';
import { pageData, VERDICT_LABEL } from './page-data.ts';

export { VERDICT_LABEL };

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside <script>: no "</script", "<!--" or U+2028/2029 surprises. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const asset = (name: string) => fs.readFileSync(new URL(`./page/${name}`, import.meta.url), 'utf8');

function settingList(list: EngineInfo['nonDefault']): string {
  return `<ul>${list.map((n) => `<li><code>${esc(n.setting)}</code> <span class="mut">— ${esc(n.reason)}</span></li>`).join('')}</ul>`;
}

function engineCard(e: EngineInfo | undefined, name: string): string {
  if (!e) return `<div class="engine" data-engine="${esc(name)}"><h3>${esc(name)}</h3><p class="mut">no engine record in the results</p></div>`;
  const boundary = e.nonDefault.filter((n) => n.boundary);
  const rest = e.nonDefault.filter((n) => !n.boundary);
  return `<div class="engine" data-engine="${esc(name)}">
<h3>${esc(name)}: ${esc(e.browser)}</h3>
<div class="kv"><span>version</span><b>${esc(e.version)}</b><span>build</span><b>${esc(e.flavour)}</b><span>driven by</span><b>${esc(e.backend)}</b><span>executable</span><code>${esc(e.executable)}</code></div>
${e.profile ? `<div class="profile"><b>What a visit runs in</b><p>${esc(e.profile.kind)} <span class="mut">— ${esc(e.profile.how)}; permissions granted: ${e.profile.permissions.length ? esc(e.profile.permissions.join(', ')) : 'none'}</span></p><ul>${e.profile.effects.map((x) => `<li>${esc(x)}</li>`).join('')}${e.profile.areas.length ? `<li>verdicts that depend on this kind of profile: ${esc(e.profile.areas.join(', '))}</li>` : ''}</ul></div>` : ''}
<div class="boundary"><b>Settings that touch the origin boundary</b>${boundary.length ? settingList(boundary) : '<p class="mut">none recorded as touching it</p>'}</div>
${rest.length ? `<details><summary>${rest.length} other setting${rest.length > 1 ? 's' : ''} differ from the shipped defaults (automation, network; no origin-boundary effect)</summary>${settingList(rest)}</details>` : ''}
${e.commandLine?.length ? `<details><summary>command line</summary><pre>${esc(e.commandLine.join(' '))}</pre></details>` : ''}
</div>`;
}

function summaryTable(m: MatrixModel): string {
  const shown = m.verdicts.filter((v) => m.engineNames.some((e) => m.totals[e][v]));
  return `<table class="counts"><thead><tr><th>engine</th>${shown.map((v) => `<th><span class="vb v-${esc(v)}">${esc(VERDICT_LABEL[v] ?? v)}</span></th>`).join('')}<th>results</th></tr></thead><tbody>${m.engineNames
    .map(
      (e) =>
        `<tr><th>${esc(e)}</th>${shown.map((v) => `<td>${m.totals[e][v] ?? 0}</td>`).join('')}<td>${Object.values(m.totals[e]).reduce((n, x) => n + x, 0)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

export function renderHtml(m: MatrixModel): string {
  const data = pageData(m);
  const kd = m.scenarios.reduce((n, s) => n + Object.values(s.cells).filter((r) => r?.verdict === 'known-deviation').length, 0);
  const notes = m.notes.length ? `<ul class="notes">${m.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>originproof — what crosses the origin boundary — ${esc(m.date)}</title><style>${asset('matrix.css')}</style></head>
<body>
<header><h1>originproof — what crosses the origin boundary</h1>
<p class="mut">Run of ${esc(m.date)} · ${m.scenarios.length} scenarios × ${m.engineNames.length} engines = ${m.cellCount} results · engines disagree on <b>${m.disagreements}</b> · ${kd} recorded deviation${kd === 1 ? '' : 's'} observed · expectations from the Fetch and HTML standards, cited per scenario</p>${notes}</header>
<section id="engines"><h2>Engines judged</h2><div class="engines">${m.engineNames
    .map((e) =>
      engineCard(
        m.engines.find((x) => x.engine === e),
        e,
      ),
    )
    .join('')}</div></section>
<section id="summary"><h2>Summary</h2>${summaryTable(m)}<p class="legend">Each cell says what the engine did — <span class="g t-open">●</span> got through (readable, reachable, delivered, opener kept), <span class="g t-partial">◐</span> sent or loaded but unreadable, <span class="g t-closed">✕</span> blocked or severed, <span class="g t-state">◆</span> a state (isolated) — coloured by the verdict: ${m.verdicts
    .map((v) => `<span class="vb v-${esc(v)}">${esc(VERDICT_LABEL[v] ?? v)}</span>`)
    .join(' ')}. Where the engine deviates, what the standard expects is written beside it. Click any cell for the evidence and the spec citation.</p></section>
<section id="differences"><h2>Where engines disagree</h2><div id="disagree" class="pending">rendering…</div><h2>Recorded deviations</h2><div id="deviations" class="pending">rendering…</div><h2>Needs attention</h2><div id="attention" class="pending">rendering…</div></section>
<section id="claims"><h2>Seed claims</h2><div id="claims-body" class="pending">rendering…</div></section>
<section id="areas"><h2>Areas</h2><div class="filters"><label>search <input id="q" type="search" placeholder="id, title, claim, outcome"></label> <label>show <select id="show"><option value="">everything</option><option value="dis">where engines disagree</option><option value="dev">not a plain pass</option></select></label> <span id="q-count" class="mut"></span></div><div id="q-results"></div><div id="area-list" class="pending">rendering…</div></section>
<aside id="panel" hidden><button id="panel-close" aria-label="close">×</button><div id="panel-body"></div></aside>
<script type="application/json" id="op-data">${scriptJson(data)}</script>
<script>${asset('matrix.js')}</script>
</body></html>
`;
}
