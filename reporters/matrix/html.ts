/**
 * One self-contained HTML page (inline CSS and JS, no external assets; works from file://):
 * engines header, verdict counts, the scenario × engine matrix grouped by area, and the
 * seed-claims view. Cells carry the verdict and reason statically; expected vs observed,
 * control, deviation record and server evidence are rendered on demand from embedded JSON
 * when a cell's <details> opens, so ~2,500 scenarios × 3 engines stay light to display.
 */
import type { EngineInfo } from '../../engines/engine.ts';
import { VERDICTS } from '../../harness/verdict.ts';
import { CLAIM_STATUSES, type ClaimRow, type MatrixModel, type ScenarioRow } from './model.ts';

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside <script>: no "</script", "<!--" or U+2028/2029 surprises. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const CLAIM_LABEL: Record<string, string> = {
  holds: 'holds',
  'does-not-hold': 'does not hold',
  deviates: 'deviates (not judged)',
  'not-observable': 'not observable from a page',
  undetermined: 'undetermined',
  untested: 'untested',
};

const CSS = `
:root{--pass:#1a7f37;--kd:#9a6700;--fd:#8250df;--fail:#cf222e;--inc:#57606a;--to:#bc4c00;--bg:#fff;--fg:#1f2328;--mut:#656d76;--line:#d0d7de;--dis:#fff8c5}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;padding:16px 20px;color:var(--fg);background:var(--bg)}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:18px 0 6px}h3{font-size:14px;margin:14px 0 4px}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}pre{white-space:pre-wrap;word-break:break-word;margin:2px 0;background:#f6f8fa;padding:4px 6px;border-radius:4px;max-height:360px;overflow:auto}
table{border-collapse:collapse}th,td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;text-align:left}
thead th{position:sticky;top:0;background:#f6f8fa;z-index:2}
.mut{color:var(--mut)}.small{font-size:12px}
.engines td ul{margin:0;padding-left:16px}
.b{display:inline-block;border-radius:10px;padding:0 7px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
.b.pass{background:var(--pass)}.b.known-deviation{background:var(--kd)}.b.fixed-deviation{background:var(--fd)}.b.fail{background:var(--fail)}.b.inconclusive{background:var(--inc)}.b.timeout{background:var(--to)}.b.notrun{background:#afb8c1}
.b.holds{background:var(--pass)}.b.does-not-hold{background:var(--fail)}.b.deviates{background:#d97706}.b.not-observable{background:#0969da}.b.undetermined{background:var(--kd)}.b.untested{background:#afb8c1}
.tabs{margin:16px 0 0;border-bottom:1px solid var(--line)}.tabs button{font:inherit;border:1px solid var(--line);border-bottom:none;background:#f6f8fa;padding:6px 12px;margin-right:4px;border-radius:6px 6px 0 0;cursor:pointer}
.tabs button[aria-selected=true]{background:#fff;font-weight:600;position:relative;top:1px}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;padding:8px 0}.filters label{white-space:nowrap}
#matrix{width:100%}#matrix td.sc{max-width:520px}#matrix td.cell{min-width:180px;max-width:420px}
tr.area th{background:#eaeef2;font-size:13px}
tr.disagree td.sc{box-shadow:inset 4px 0 0 var(--kd)}tr.disagree td{background:var(--dis)}
td.cell.odd{outline:3px dashed var(--fail);outline-offset:-3px}td.cell.odd summary::after{content:" ≠";color:var(--fail);font-weight:700}
details summary{cursor:pointer}details .body{margin-top:4px;font-size:12px}
.reason{font-size:12px;color:var(--mut);margin-top:2px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:6px}
table.claims{width:100%}.claims td.text{max-width:460px}.claims td.st{min-width:170px;max-width:380px}
.note{font-size:12px;background:#ddf4ff;padding:2px 6px;border-radius:4px;margin-top:3px}
.scroll{overflow-x:auto;max-width:100%}
.hide{display:none!important}
`;

const JS = `
(function(){
var D0=null;function data(){return D0||(D0=JSON.parse(document.getElementById('op-data').textContent))}
function el(t,a,h){var e=document.createElement(t);if(a)for(var k in a)e.setAttribute(k,a[k]);if(h!=null)e.innerHTML=h;return e}
function esc(s){return String(s==null?'':s).replace(/[&<>"']/g,function(c){return{'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]})}
function j(v){return '<pre>'+esc(JSON.stringify(v,null,1))+'</pre>'}
function href(u,t){return /^https?:\\/\\//.test(u)?'<a href="'+esc(u)+'" rel="noreferrer">'+esc(t)+'</a>':esc(t)}
function cellBody(key){
  var D=data();var c=D.cells[key];if(!c)return '<p class="mut">not run in this engine</p>';
  var s=D.scen[c.id]||{};var h='';
  h+='<div class="grid2"><div><b>expected</b> (blocked: '+esc(s.expected&&s.expected.blocked)+')'+j(s.expected&&s.expected.observation)+(s.expected&&s.expected.evidence?'<b>expected evidence</b>'+j(s.expected.evidence):'')+'</div><div><b>observed</b>'+j(c.observed)+'</div></div>';
  if(c.mismatches&&c.mismatches.length)h+='<b>differences from the standard</b><ul>'+c.mismatches.map(function(m){return '<li><code>'+esc(m)+'</code></li>'}).join('')+'</ul>';
  if(c.deviation)h+='<b>recorded deviation</b>: '+esc(c.deviation.reason)+' — '+href(c.deviation.link,c.deviation.link)+j(c.deviation.observed);
  if(c.control)h+='<b>control</b> ('+(c.control.ok?'succeeded':'FAILED')+')<div class="grid2"><div>expected'+j(c.control.expected)+'</div><div>observed'+j(c.control.observed)+'</div></div>';
  var ev=c.evidence||{};
  if(ev.summary&&Object.keys(ev.summary).length){h+='<b>server evidence</b><div class="scroll"><table><tr><th>response</th><th>arrived</th><th>preflight</th><th>actual</th><th>methods</th><th>Origin</th><th>cookies</th><th>Sec-Fetch-Site/Mode</th></tr>';
    for(var n in ev.summary){var e=ev.summary[n];h+='<tr><td><code>'+esc(n)+'</code></td><td>'+esc(e.arrived)+' ×'+esc(e.count)+'</td><td>'+esc(e.preflight)+(e.acrMethod?' <code>'+esc(e.acrMethod)+'</code>':'')+(e.acrHeaders?' <code>'+esc(e.acrHeaders)+'</code>':'')+'</td><td>'+esc(e.actual)+' ×'+esc(e.actualCount)+'</td><td>'+esc((e.methods||[]).join(' '))+'</td><td>'+esc(e.origin)+'</td><td>'+esc((e.cookies||[]).join(' '))+'</td><td>'+esc(e.secFetchSite)+' / '+esc(e.secFetchMode)+'</td></tr>'}
    h+='</table></div>'}
  if(ev.requests&&ev.requests.length)h+='<details><summary>'+ev.requests.length+' logged request(s)</summary>'+j(ev.requests)+'</details>';
  if(s.spec&&s.spec.length)h+='<b>standard</b><ul>'+s.spec.map(function(x){return '<li>'+href(x.url,x.section)+'</li>'}).join('')+'</ul>';
  if(c.visit)h+='<div class="mut">visit '+esc(c.visit.id)+' ('+esc(c.visit.probes)+' probes, '+esc(c.visit.durationMs)+' ms) · probe '+esc(s.probe)+'</div>';
  return h;
}
document.addEventListener('toggle',function(ev){var d=ev.target;if(!d.open||!d.dataset||!d.dataset.k||d.dataset.done)return;d.dataset.done='1';var b=d.querySelector('.lazy');if(b)b.innerHTML=cellBody(d.dataset.k)},true);
var tabs=document.querySelectorAll('.tabs button');
function show(name){for(var i=0;i<tabs.length;i++){var t=tabs[i];var on=t.dataset.tab===name;t.setAttribute('aria-selected',on);document.getElementById('tab-'+t.dataset.tab).classList.toggle('hide',!on)}}
for(var i=0;i<tabs.length;i++)tabs[i].addEventListener('click',function(){show(this.dataset.tab)});
function fromHash(){var h=decodeURIComponent(location.hash.slice(1));if(!h)return;var t=document.getElementById(h);if(!t)return;var tab=t.closest('[id^=tab-]');if(tab)show(tab.id.slice(4));t.classList.remove('hide');t.scrollIntoView()}
window.addEventListener('hashchange',fromHash);
var fv=document.getElementById('f-verdict'),fa=document.getElementById('f-area'),fd=document.getElementById('f-dis'),fq=document.getElementById('f-q'),fc=document.getElementById('f-count');
var rows=document.querySelectorAll('#matrix tr[data-area]');var bodies=document.querySelectorAll('#matrix tbody');
function apply(){var v=fv.value,a=fa.value,d=fd.checked,q=fq.value.trim().toLowerCase(),n=0;
  for(var i=0;i<rows.length;i++){var r=rows[i];var ok=(!a||r.dataset.area===a)&&(!v||(' '+r.dataset.v+' ').indexOf(' '+v+' ')>=0)&&(!d||r.classList.contains('disagree'))&&(!q||r.dataset.q.indexOf(q)>=0);r.classList.toggle('hide',!ok);if(ok)n++}
  for(var k=0;k<bodies.length;k++){var b=bodies[k];b.classList.toggle('hide',!b.querySelector('tr[data-area]:not(.hide)'))}
  fc.textContent=n+' of '+rows.length+' scenarios shown'}
[fv,fa,fd].forEach(function(x){x.addEventListener('change',apply)});fq.addEventListener('input',apply);
var cs=document.getElementById('f-claim');var crows=document.querySelectorAll('.claims tr[data-st]');
cs.addEventListener('change',function(){var v=cs.value;for(var i=0;i<crows.length;i++){crows[i].classList.toggle('hide',!!v&&(' '+crows[i].dataset.st+' ').indexOf(' '+v+' ')<0)}});
apply();fromHash();
})();
`;

function engineHeader(e: EngineInfo | undefined, name: string): string {
  if (!e) return `<tr><th>${esc(name)}</th><td colspan="5" class="mut">no engine record in the results</td></tr>`;
  const nd = e.nonDefault.length
    ? `<ul>${e.nonDefault.map((n) => `<li><code>${esc(n.setting)}</code> <span class="mut small">— ${esc(n.reason)}</span></li>`).join('')}</ul>`
    : '<span class="mut">(none: shipped defaults)</span>';
  return `<tr><th>${esc(name)}</th><td>${esc(e.browser)}<div class="mut small">version ${esc(e.version)}</div></td><td>${esc(e.flavour)} build</td><td>${esc(e.backend)}</td><td><code>${esc(e.executable)}</code></td><td>${nd}</td></tr>`;
}

function scenarioRow(s: ScenarioRow, m: MatrixModel): string {
  const vs = m.engineNames.map((e) => s.cells[e]?.verdict ?? 'notrun');
  const q = `${s.id} ${s.title} ${s.claims.join(' ')} ${s.probe}`.toLowerCase();
  const cells = m.engineNames
    .map((e) => {
      const r = s.cells[e];
      if (!r) return `<td class="cell"><span class="b notrun">not run</span></td>`;
      const odd = s.disagree && r.verdict !== s.majority ? ' odd' : '';
      return `<td class="cell v-${r.verdict}${odd}"><details data-k="${esc(`${e}|${s.id}`)}"><summary><span class="b ${r.verdict}">${r.verdict}</span></summary><div class="reason">${esc(r.reason)}</div><div class="body lazy"></div></details></td>`;
    })
    .join('');
  return `<tr id="s-${esc(s.id)}" data-area="${esc(s.area)}" data-v="${esc(vs.join(' '))}" data-q="${esc(q)}"${s.disagree ? ' class="disagree"' : ''}><td class="sc"><code>${esc(s.id)}</code><div>${esc(s.title)}</div><div class="mut small">${s.claims.map((c) => `<a href="#c-${esc(c)}">${esc(c)}</a>`).join(' ')}${s.claims.length ? ' · ' : ''}probe ${esc(s.probe)}</div></td>${cells}</tr>`;
}

function claimRowHtml(c: ClaimRow, m: MatrixModel): string {
  const sts = m.engineNames.map((e) => c.engines[e]!.status);
  const scen = c.scenarios.length
    ? `<details><summary>${c.scenarios.length} scenario${c.scenarios.length > 1 ? 's' : ''}</summary>${c.scenarios.map((id) => `<div><a href="#s-${esc(id)}"><code>${esc(id)}</code></a></div>`).join('')}</details>`
    : '<span class="mut">none</span>';
  const note = [
    !c.verdict.holdsPerStandard
      ? `<div class="note">Per the standard this claim is wrong${c.verdict.note ? `: ${esc(c.verdict.note)}` : ''} — a scenario that passes means the claim does not hold.</div>`
      : '',
    c.verdict.holdsPerStandard && c.verdict.note ? `<div class="note">${esc(c.verdict.note)}</div>` : '',
    c.notObservable ? `<div class="note">Not observable from a page: ${esc(c.notObservable)}</div>` : '',
  ].join('');
  const cells = m.engineNames
    .map((e) => {
      const x = c.engines[e]!;
      return `<td class="st"><span class="b ${x.status}">${esc(CLAIM_LABEL[x.status])}</span><div class="reason">${esc(x.detail)}</div></td>`;
    })
    .join('');
  return `<tr id="c-${esc(c.id)}" data-st="${esc(sts.join(' '))}"><th>${esc(c.id)}</th><td class="text">${esc(c.text).replace(/`([^`]+)`/g, '<code>$1</code>') || '<span class="mut">(not in the seed list)</span>'}${note}</td><td>${scen}</td>${cells}</tr>`;
}

export function renderHtml(m: MatrixModel): string {
  const engineHead = m.engineNames
    .map((e) => {
      const info = m.engines.find((x) => x.engine === e);
      return `<th>${esc(e)}<div class="mut small">${esc(info ? `${info.browser} · ${info.flavour} · ${info.backend}` : '')}</div></th>`;
    })
    .join('');
  const counts = `<table class="counts"><thead><tr><th>engine</th>${VERDICTS.map((v) => `<th><span class="b ${v}">${v}</span></th>`).join('')}<th>cells</th></tr></thead><tbody>${m.engineNames
    .map(
      (e) =>
        `<tr><th>${esc(e)}</th>${VERDICTS.map((v) => `<td>${m.totals[e][v]}</td>`).join('')}<td>${VERDICTS.reduce((n, v) => n + m.totals[e][v], 0)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  const claimCounts = `<table class="counts"><thead><tr><th>engine</th>${CLAIM_STATUSES.map((s) => `<th><span class="b ${s}">${esc(CLAIM_LABEL[s])}</span></th>`).join('')}</tr></thead><tbody>${m.engineNames
    .map((e) => `<tr><th>${esc(e)}</th>${CLAIM_STATUSES.map((s) => `<td>${m.claimTotals[e][s]}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
  const areaOpts = m.areas.map((a) => `<option value="${esc(a.area)}">${esc(a.area)} (${a.scenarios.length})</option>`).join('');
  const verdictOpts = [...VERDICTS, 'notrun'].map((v) => `<option value="${v}">${v === 'notrun' ? 'not run' : v}</option>`).join('');
  const tbodies = m.areas
    .map((a) => {
      const dis = a.scenarios.filter((s) => s.disagree).length;
      return `<tbody><tr class="area"><th colspan="${m.engineNames.length + 1}">${esc(a.area)} <span class="mut">— ${a.scenarios.length} scenario${a.scenarios.length > 1 ? 's' : ''}${dis ? `, engines disagree on ${dis}` : ''}</span></th></tr>${a.scenarios.map((s) => scenarioRow(s, m)).join('')}</tbody>`;
    })
    .join('');
  const sections = [...new Set(m.claims.map((c) => c.section))];
  const claimTables = sections
    .map(
      (sec) =>
        `<h3>${esc(sec)}</h3><table class="claims"><thead><tr><th>claim</th><th>text</th><th>scenarios</th>${m.engineNames.map((e) => `<th>${esc(e)}</th>`).join('')}</tr></thead><tbody>${m.claims
          .filter((c) => c.section === sec)
          .map((c) => claimRowHtml(c, m))
          .join('')}</tbody></table>`,
    )
    .join('');
  const data = {
    scen: Object.fromEntries(m.scenarios.map((s) => [s.id, { expected: s.expected, spec: s.spec, probe: s.probe }])),
    cells: Object.fromEntries(
      m.scenarios.flatMap((s) =>
        m.engineNames.flatMap((e) => {
          const r = s.cells[e];
          return r
            ? [
                [
                  `${e}|${s.id}`,
                  {
                    id: r.id,
                    observed: r.observed,
                    mismatches: r.mismatches,
                    control: r.control,
                    deviation: r.deviation,
                    evidence: { summary: r.evidence?.summary, requests: (r.evidence?.requests ?? []).map(({ visitId: _v, probe: _p, ...rest }) => rest) },
                    visit: r.visit,
                  },
                ],
              ]
            : [];
        }),
      ),
    ),
  };
  const notes = m.notes.length ? `<ul class="small">${m.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>originproof conformance matrix — ${esc(m.date)}</title><style>${CSS}</style></head>
<body>
<header><h1>originproof — conformance matrix</h1>
<p class="mut">Run of ${esc(m.date)} · ${m.scenarios.length} scenarios × ${m.engineNames.length} engines = ${m.cellCount} results · engines disagree on <b>${m.disagreements}</b> scenario${m.disagreements === 1 ? '' : 's'} · expectations come from the Fetch/HTML standards (cited per scenario)</p></header>
<section id="engines"><h2>Engines judged</h2><table class="engines"><thead><tr><th>engine</th><th>browser</th><th>build</th><th>backend</th><th>executable</th><th>settings that differ from the shipped defaults</th></tr></thead><tbody>${m.engineNames
    .map((e) =>
      engineHeader(
        m.engines.find((x) => x.engine === e),
        e,
      ),
    )
    .join('')}</tbody></table>${notes}</section>
<section id="summary"><h2>Verdicts</h2>${counts}<h2>Seed claims</h2>${claimCounts}</section>
<nav class="tabs" role="tablist"><button data-tab="scenarios" aria-selected="true">Scenarios (${m.scenarios.length})</button><button data-tab="claims" aria-selected="false">Seed claims (${m.claims.length})</button></nav>
<section id="tab-scenarios">
<div class="filters"><label>verdict <select id="f-verdict"><option value="">any</option>${verdictOpts}</select></label>
<label>area <select id="f-area"><option value="">all</option>${areaOpts}</select></label>
<label><input type="checkbox" id="f-dis"> engines disagree</label>
<label>search <input id="f-q" type="search" placeholder="id, title, claim, probe"></label><span id="f-count" class="mut"></span></div>
<table id="matrix"><thead><tr><th>scenario</th>${engineHead}</tr></thead>${tbodies}</table>
</section>
<section id="tab-claims" class="hide">
<div class="filters"><label>status <select id="f-claim"><option value="">any</option>${CLAIM_STATUSES.map((s) => `<option value="${s}">${esc(CLAIM_LABEL[s])}</option>`).join('')}</select></label>
<span class="mut small">Decided from the claim's scenarios: each engine deviation among them is judged against the claim's own words in reporters/claims-verdicts.ts (refutes it, or goes beyond it); an unjudged one shows as "deviates". A claim the standard contradicts does not hold where the engine follows the standard.</span></div>
${claimTables}
</section>
<script type="application/json" id="op-data">${scriptJson(data)}</script>
<script>${JS}</script>
</body></html>
`;
}
