/**
 * The run-against-run page (`npm run compare -- OLD NEW`): per engine, which builds were
 * compared, then every verdict that changed (what the engine did before and now, the observed
 * values that differ) and every observation that changed under the same verdict, scenarios only
 * in one run, and a summary of transitions. Self-contained static HTML, styled like the matrix.
 */
import fs from 'node:fs';
import type { ResultsFile } from '../../harness/judge/results.ts';
import type { Comparison, RowChange } from './compare.ts';
import { esc, VERDICT_LABEL } from './html.ts';

const badge = (v: string) => `<span class="vb v-${esc(v)}">${esc(VERDICT_LABEL[v] ?? v)}</span>`;

function changeRows(list: RowChange[], withVerdicts: boolean): string {
  return list
    .map(
      (r) =>
        `<tr class="chg" data-id="${esc(r.id)}"><td class="sc"><div class="t">${esc(r.title)}</div><code>${esc(r.id)}</code> <span class="mut">${esc(r.area)}</span></td>` +
        (withVerdicts ? `<td>${badge(r.old)} → ${badge(r.new)}</td>` : `<td>${badge(r.new)}</td>`) +
        `<td>${r.oldOutcome === r.newOutcome ? esc(r.newOutcome) : `${esc(r.oldOutcome)} → <b>${esc(r.newOutcome)}</b>`}</td>` +
        `<td>${r.observedDiff.length ? `<ul>${r.observedDiff.map((d) => `<li><code>${esc(d)}</code></li>`).join('')}</ul>` : '<span class="mut">same observation and evidence</span>'}${r.new !== 'pass' && withVerdicts ? `<div class="x">now: ${esc(r.reason)}</div>` : ''}</td></tr>`,
    )
    .join('');
}

function table(list: RowChange[], withVerdicts: boolean): string {
  return `<table class="list"><thead><tr><th>scenario</th><th>${withVerdicts ? 'verdict before → now' : 'verdict'}</th><th>what the engine did</th><th>observed values and server evidence that differ</th></tr></thead><tbody>${changeRows(list, withVerdicts)}</tbody></table>`;
}

export interface ComparedRun {
  name: string;
  file: ResultsFile;
}

export function renderComparisonHtml(c: Comparison, runs: { old: ComparedRun; new: ComparedRun }): string {
  const engines = [...new Set([...runs.old.file.engines, ...runs.new.file.engines].map((e) => e.engine))].sort();
  const build = (f: ResultsFile, e: string) => {
    const i = f.engines.find((x) => x.engine === e);
    return i
      ? `${esc(i.browser)} <span class="mut">[${esc(i.flavour)}, ${esc(i.backend)}]</span> <code>${esc(i.executable)}</code>`
      : '<span class="mut">(not run)</span>';
  };
  const sections = engines
    .map((e) => {
      const changed = c.changed.filter((r) => r.engine === e);
      const obs = c.observationOnly.filter((r) => r.engine === e);
      const added = c.added.filter((r) => r.engine === e);
      const removed = c.removed.filter((r) => r.engine === e);
      const trans = new Map<string, number>();
      for (const r of changed) trans.set(`${r.old}|${r.new}`, (trans.get(`${r.old}|${r.new}`) ?? 0) + 1);
      const summary = [...trans]
        .map(([t, n]) => {
          const [a, b] = t.split('|');
          return `${n}× ${badge(a)} → ${badge(b)}`;
        })
        .join(' · ');
      const only = (title: string, list: Comparison['added']) =>
        list.length
          ? `<details><summary>${list.length} ${title}</summary><ul>${list.map((r) => `<li><code>${esc(r.id)}</code> ${badge(r.verdict)}</li>`).join('')}</ul></details>`
          : '';
      return `<section class="engine-changes" id="engine-${esc(e)}"><h2>${esc(e)}</h2>
<div class="kv"><span>before</span><span>${build(runs.old.file, e)}</span><span>now</span><span>${build(runs.new.file, e)}</span></div>
<p>${changed.length} verdict${changed.length === 1 ? '' : 's'} changed${summary ? `: ${summary}` : ''}; ${obs.length} observation${obs.length === 1 ? '' : 's'} changed under the same verdict.</p>
<h3>Verdicts that changed (${changed.length})</h3>${changed.length ? table(changed, true) : '<p class="mut">none</p>'}
<h3>Same verdict, different observation (${obs.length})</h3>${obs.length ? table(obs, false) : '<p class="mut">none</p>'}
${only('scenario(s) only in the new run', added)}${only('scenario(s) only in the old run', removed)}
</section>`;
    })
    .join('\n');
  const css = fs.readFileSync(new URL('./page/matrix.css', import.meta.url), 'utf8');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>originproof — run against run</title><style>${css}</style></head>
<body>
<header><h1>originproof — what changed between two runs</h1>
<p class="mut">before: <code>${esc(runs.old.name)}</code> (${esc(runs.old.file.date)}) · now: <code>${esc(runs.new.name)}</code> (${esc(runs.new.file.date)}) · ${c.changed.length} verdict(s) changed, ${c.observationOnly.length} observation(s) changed under the same verdict, ${c.unchanged} unchanged, ${c.added.length} added, ${c.removed.length} removed${c.engines.length ? ` · engine builds changed: ${c.engines.map(esc).join('; ')}` : ''}</p></header>
${sections}
</body></html>
`;
}
