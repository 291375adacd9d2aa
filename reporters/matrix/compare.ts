/**
 * What changed between two runs (two browser versions, or two flavours of one engine): the
 * comparison model behind `npm run compare` (scripts/compare.ts) and its page (compare-html.ts).
 */
import type { ResultRow, ResultsFile } from '../../harness/judge/results.ts';
import { behaviour } from './model.ts';
import { cellOutcome } from './outcome.ts';

export interface RowChange {
  id: string;
  engine: string;
  area: string;
  title: string;
  old: ResultRow['verdict'];
  new: ResultRow['verdict'];
  /** What the engine did, in a word (reporters/matrix/outcome.ts), in each run. */
  oldOutcome: string;
  newOutcome: string;
  /** Observed values that differ (`observed.…`), then server evidence that differs (`evidence.<response>.…`). */
  observedDiff: string[];
  reason: string;
}

export interface Comparison {
  changed: RowChange[];
  observationOnly: RowChange[];
  added: Array<{ id: string; engine: string; verdict: string }>;
  removed: Array<{ id: string; engine: string; verdict: string }>;
  engines: string[];
  unchanged: number;
}

/** Paths whose values differ, as `path: old → new`. */
export function diffValues(a: unknown, b: unknown, at = 'observed'): string[] {
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffValues(a[k], b[k], `${at}.${k}`));
  }
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa === sb ? [] : [`${at}: ${sa ?? '(absent)'} → ${sb ?? '(absent)'}`];
}

export function compareResults(oldFile: ResultsFile, newFile: ResultsFile): Comparison {
  const key = (r: ResultRow) => `${r.engine}|${r.id}`;
  const before = new Map(oldFile.rows.map((r) => [key(r), r]));
  const after = new Map(newFile.rows.map((r) => [key(r), r]));
  const out: Comparison = { changed: [], observationOnly: [], added: [], removed: [], engines: [], unchanged: 0 };
  for (const [k, n] of after) {
    const o = before.get(k);
    if (!o) {
      out.added.push({ id: n.id, engine: n.engine, verdict: n.verdict });
      continue;
    }
    // What the page observed, then what the server saw (the same behaviour from the other side: cookies, preflights).
    const observedDiff = [
      ...diffValues(behaviour(o.observed), behaviour(n.observed)),
      ...diffValues(o.evidence?.summary ?? {}, n.evidence?.summary ?? {}, 'evidence'),
    ];
    const change: RowChange = {
      id: n.id,
      engine: n.engine,
      area: n.area,
      title: n.title,
      old: o.verdict,
      new: n.verdict,
      oldOutcome: cellOutcome(o.probe, o.verdict, o.observed, o.evidence?.summary, o.expected).word,
      newOutcome: cellOutcome(n.probe, n.verdict, n.observed, n.evidence?.summary, n.expected).word,
      observedDiff,
      reason: n.reason,
    };
    if (o.verdict !== n.verdict) out.changed.push(change);
    else if (observedDiff.length) out.observationOnly.push(change);
    else out.unchanged++;
  }
  for (const [k, o] of before) if (!after.has(k)) out.removed.push({ id: o.id, engine: o.engine, verdict: o.verdict });
  for (const e of new Set([...oldFile.engines, ...newFile.engines].map((x) => x.engine))) {
    const a = oldFile.engines.find((x) => x.engine === e);
    const b = newFile.engines.find((x) => x.engine === e);
    const desc = (x: typeof a) => (x ? `${x.browser} [${x.flavour}, ${x.backend}] ${x.executable}` : '(not run)');
    if (desc(a) !== desc(b)) out.engines.push(`${e}: ${desc(a)} → ${desc(b)}`);
  }
  const order = (x: { id: string; engine: string }, y: { id: string; engine: string }) => x.id.localeCompare(y.id) || x.engine.localeCompare(y.engine);
  out.changed.sort(order);
  out.observationOnly.sort(order);
  out.added.sort(order);
  out.removed.sort(order);
  return out;
}

export function formatComparison(c: Comparison, names: [string, string], all = false): string {
  const L: string[] = [`originproof compare: ${names[0]} → ${names[1]}`];
  if (c.engines.length) L.push('', 'engine builds changed:', ...c.engines.map((e) => `  ${e}`));
  L.push('', `verdicts changed (${c.changed.length}):`);
  if (!c.changed.length) L.push('  (none)');
  for (const r of c.changed) {
    L.push(`  ${r.id} [${r.engine}]: ${r.old} → ${r.new}${r.oldOutcome !== r.newOutcome ? ` (${r.oldOutcome} → ${r.newOutcome})` : ''}`);
    for (const d of r.observedDiff) L.push(`      ${d}`);
    if (r.new !== 'pass') L.push(`      now: ${r.reason}`);
  }
  if (all) {
    L.push('', `same verdict, different observation (${c.observationOnly.length}):`);
    for (const r of c.observationOnly) L.push(`  ${r.id} [${r.engine}]: ${r.new}`, ...r.observedDiff.map((d) => `      ${d}`));
  }
  if (c.added.length) L.push('', `only in the new run (${c.added.length}):`, ...c.added.map((r) => `  ${r.id} [${r.engine}]: ${r.verdict}`));
  if (c.removed.length) L.push('', `only in the old run (${c.removed.length}):`, ...c.removed.map((r) => `  ${r.id} [${r.engine}]: ${r.verdict}`));
  const trans = new Map<string, number>();
  for (const r of c.changed) trans.set(`${r.old} → ${r.new}`, (trans.get(`${r.old} → ${r.new}`) ?? 0) + 1);
  L.push(
    '',
    `summary: ${c.changed.length} verdict(s) changed${trans.size ? ` (${[...trans].map(([t, n]) => `${n}× ${t}`).join(', ')})` : ''}, ${c.observationOnly.length} observation(s) changed under the same verdict, ${c.unchanged} unchanged, ${c.added.length} added, ${c.removed.length} removed${c.engines.length ? `, ${c.engines.length} engine build(s) changed` : ''}`,
  );
  return L.join('\n');
}
