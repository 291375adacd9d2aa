/**
 * The matrix page's data, embedded once as JSON and rendered by the page's script on demand.
 * Compact by construction, so the page stays small as the catalog grows: every repeated string
 * (reasons, links, origins, visit ids, outcome words, citations) and every repeated JSON value
 * (observations, expectations, evidence summaries — most recur across engines and scenarios) is
 * stored once and referred to by index; logged requests are tuples in a fixed key order; server
 * evidence keeps only what says something (no null/false/0 fields; request paths only when they
 * are not the declared response's own URL); diagnostics (observation keys starting with `_`)
 * are left out. Nothing the page shows is dropped.
 */
import type { ResultRow } from '../../harness/judge/results.ts';
import { behaviour, CLAIM_STATUSES, type MatrixModel } from './model.ts';
import { FAMILIES } from './families.ts';
import { OP_QUERY, opPath } from '../../protocol/paths.ts';

/** Verdict words as shown (the page's classes carry the colours). */
export const VERDICT_LABEL: Record<string, string> = {
  pass: 'pass',
  'known-deviation': 'known deviation',
  'fixed-deviation': 'fixed deviation',
  fail: 'fail',
  inconclusive: 'inconclusive',
  timeout: 'timeout',
  'not-run': 'not run',
  error: 'harness error',
};

export const CLAIM_LABEL: Record<string, string> = {
  holds: 'holds',
  'does-not-hold': 'does not hold',
  deviates: 'deviates (not judged)',
  'not-observable': 'not observable from a page',
  undetermined: 'undetermined',
  untested: 'untested',
};

/** Index of each distinct value, in order of first use. */
class Table<T> {
  readonly list: T[] = [];
  private index = new Map<string, number>();
  constructor(private key: (v: T) => string = (v) => String(v)) {}
  of(v: T): number {
    const k = this.key(v);
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(v);
      this.index.set(k, i);
    }
    return i;
  }
}

function compactSummary(summary: Record<string, Record<string, unknown>> | undefined): Record<string, Record<string, unknown>> | undefined {
  if (!summary || !Object.keys(summary).length) return undefined;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, e] of Object.entries(summary)) {
    out[name] = Object.fromEntries(Object.entries(e).filter(([, v]) => !(v === null || v === false || v === 0 || (Array.isArray(v) && !v.length))));
  }
  return out;
}

/** Fields of a logged request, in tuple order: `n` a number, `s` a string (by index), `v` a JSON value (by index). */
export const REQUEST_FIELDS: Array<[string, 'n' | 's' | 'v']> = [
  ['t', 'n'],
  ['response', 's'],
  ['at', 's'],
  ['method', 's'],
  ['origin', 's'],
  ['cookie', 's'],
  ['referer', 's'],
  ['secFetchSite', 's'],
  ['secFetchMode', 's'],
  ['secFetchDest', 's'],
  ['secFetchUser', 's'],
  ['acrMethod', 's'],
  ['acrHeaders', 's'],
  ['custom', 'v'],
  ['contentType', 's'],
  ['status', 'n'],
  ['webSocket', 'v'],
  ['probe', 's'],
  ['path', 's'],
  ['secFetchStorageAccess', 's'],
];

export function pageData(m: MatrixModel) {
  const str = new Table<string>();
  const vals = new Table<unknown>((v) => JSON.stringify(v) ?? 'undefined');
  const words = new Table<[string, string]>((w) => w.join('\u0000'));
  const cites = new Table<[string, string]>((c) => c.join('\u0000'));
  const verdicts = m.verdicts;
  const E = m.engineNames;
  const scenIndex = new Map(m.scenarios.map((s, i) => [s.id, i]));
  const areaIndex = new Map(m.areas.map((a, i) => [a.area, i]));

  // Recorded deviations, one group per engine + reason + link, with the scenarios they cover.
  const devs = new Table<{ e: number; r: number; l: number; scen: number[]; n: Record<string, number> }>((d) => `${d.e}|${d.r}|${d.l}`);

  const families = pageFamilies(m, areaIndex);
  const familyIndex = new Map(families.map((f, i) => [f.id, i]));

  const scen = m.scenarios.map((s) => {
    const fam = s.family ? families[familyIndex.get(s.family.id)!] : undefined;
    return {
      id: s.id,
      a: areaIndex.get(s.area),
      t: s.title,
      ...(s.claims.length ? { c: s.claims } : {}),
      p: s.probe,
      s: (s.spec ?? []).map((c) => cites.of([c.url, c.section])),
      x: vals.of(s.expected),
      ...(Object.values(s.cells).find((r) => r?.control) ? { cx: vals.of(behaviour(Object.values(s.cells).find((r) => r?.control)!.control!.expected)) } : {}),
      ...(s.expectedOutcome ? { xo: words.of([s.expectedOutcome.word, s.expectedOutcome.tone]) } : {}),
      ...(fam ? { f: [familyIndex.get(fam.id), fam.axes.map((a) => a.levels.indexOf(s.family!.levels[a.name]))] } : {}),
      ...(s.disagree ? { d: 1 } : {}),
    };
  });

  const cells = pageCells(m, { str, vals, words, devs });
  const claimSections = [...new Set(m.claims.map((c) => c.section))];
  const claims = pageClaims(m, claimSections, scenIndex);
  return {
    engines: E,
    verdicts,
    labels: { verdicts: VERDICT_LABEL, claims: CLAIM_LABEL },
    areas: m.areas.map((a) => ({ name: a.area, scen: a.scenarios.map((s) => scenIndex.get(s.id)!) })),
    families,
    scen,
    cells,
    words: words.list,
    str: str.list,
    vals: vals.list,
    requestFields: REQUEST_FIELDS,
    cites: cites.list,
    devs: devs.list.map((d) => ({ ...d, scen: [...new Set(d.scen)] })),
    claims: { sections: claimSections, statuses: CLAIM_STATUSES, rows: claims },
    dis: m.scenarios.flatMap((s, i) => (s.disagree ? [i] : [])),
  };
}

/** The page's interning tables: each string, value, outcome word, citation and deviation stored once. */
interface Tables {
  str: Table<string>;
  vals: Table<unknown>;
  words: Table<[string, string]>;
  devs: Table<{ e: number; r: number; l: number; scen: number[]; n: Record<string, number> }>;
}

/** A logged request as a tuple (REQUEST_FIELDS order, trailing absent fields cut). */
function requestTuple(tables: Pick<Tables, 'str' | 'vals'>, r: ResultRow, q: ResultRow['evidence']['requests'][number]): Array<number | null> {
  const fields: Record<string, unknown> = { ...q };
  if (q.probe === r.id) delete fields.probe;
  else if (q.probe?.startsWith(`${r.id}~`)) fields.probe = q.probe.slice(r.id.length);
  // The declared response's own URL says nothing the response name does not (the visit, probe
  // and mailbox parameters are the planner's own); other paths and queries do.
  const own = q.probe && q.response ? opPath.response(q.probe, q.response) : undefined;
  const [bare, query = ''] = q.path.split(/\?(.*)/s);
  const rest = new URLSearchParams(query);
  for (const k of Object.values(OP_QUERY)) rest.delete(k);
  fields.path = bare === own && !rest.size ? undefined : `${bare}${rest.size ? `?${rest}` : ''}`;
  const t = REQUEST_FIELDS.map(([k, kind]) => {
    const v = fields[k];
    if (v === undefined || v === null || v === '') return null;
    return kind === 'n' ? Number(v) : kind === 's' ? tables.str.of(String(v)) : tables.vals.of(v);
  });
  while (t.length && t[t.length - 1] === null) t.pop();
  return t;
}

/** The generated families present in the run, their axes' levels as met in the results. */
function pageFamilies(m: MatrixModel, areaIndex: Map<string, number>) {
  return FAMILIES.filter((f) => m.scenarios.some((s) => s.family?.id === f.id)).map((f) => {
    const members = m.scenarios.flatMap((s, i) => (s.family?.id === f.id ? [i] : []));
    // Levels met in the results and not declared follow the declared ones in first-seen order.
    const axes = f.axes.map((a) => {
      const seen = [...new Set(members.map((i) => m.scenarios[i].family!.levels[a.name]))];
      const levels = [...a.levels.filter((l) => seen.includes(l)), ...seen.filter((l) => !a.levels.includes(l))];
      return { name: a.name, label: a.label, side: a.side, levels, names: levels.map((l) => a.names?.[l] ?? l) };
    });
    return { id: f.id, title: f.title, note: f.note, area: areaIndex.get(f.area), axes, rows: f.rows, cols: f.cols, members };
  });
}

/** Per scenario, per engine: the verdict, outcome words, observation, control, deviation, evidence and requests, interned. */
function pageCells(m: MatrixModel, t: Tables) {
  const verdicts = m.verdicts;
  const E = m.engineNames;
  return m.scenarios.map((s, si) =>
    E.map((e, ei) => {
      const r = s.cells[e];
      if (!r) return 0;
      const out = s.outcomes[e]!;
      let dv: number | undefined;
      if (r.deviation) {
        dv = t.devs.of({ e: ei, r: t.str.of(r.deviation.reason), l: t.str.of(r.deviation.link), scen: [], n: {} });
        const d = t.devs.list[dv];
        d.scen.push(si);
        d.n[r.verdict] = (d.n[r.verdict] ?? 0) + 1;
      }
      const obs = behaviour(r.observed);
      const ev = compactSummary(r.evidence?.summary as never);
      const rq = r.evidence?.requests ?? [];
      return {
        v: verdicts.indexOf(r.verdict),
        o: t.words.of([out.word, out.tone]),
        ...(out.observedWord ? { ow: t.words.of([out.observedWord, 'none']) } : {}),
        r: t.str.of(r.reason),
        ...(r.mismatches?.length ? { m: r.mismatches } : {}),
        ...(obs !== null && obs !== undefined ? { ob: t.vals.of(obs) } : {}),
        ...(r.control ? { ct: [t.vals.of(behaviour(r.control.observed) ?? null), r.control.ok ? 1 : 0] } : {}),
        ...(dv !== undefined ? { dv, dvo: t.vals.of(r.deviation!.observed) } : {}),
        ...(ev ? { ev: t.vals.of(ev) } : {}),
        ...(rq.length ? { rq: rq.map((q) => requestTuple(t, r, q)) } : {}),
        ...(r.visit?.id
          ? { vi: [t.str.of(r.visit.id), r.visit.probes, r.visit.durationMs, ...(r.visit.attempts && r.visit.attempts.length > 1 ? [r.visit.attempts] : [])] }
          : {}),
      };
    }),
  );
}

function pageClaims(m: MatrixModel, claimSections: string[], scenIndex: Map<string, number>) {
  const E = m.engineNames;
  return m.claims.map((c) => ({
    id: c.id,
    sec: claimSections.indexOf(c.section),
    t: c.text,
    ...(c.verdict.note ? { n: c.verdict.note } : {}),
    ...(c.verdict.holdsPerStandard ? {} : { contra: 1 }),
    ...(c.notObservable ? { no: c.notObservable } : {}),
    sc: c.scenarios.map((id) => scenIndex.get(id)).filter((i) => i !== undefined),
    st: E.map((e) => [CLAIM_STATUSES.indexOf(c.engines[e]!.status), c.engines[e]!.detail]),
  }));
}

export type PageData = ReturnType<typeof pageData>;
