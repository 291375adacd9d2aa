/**
 * Disagreements with the parsing model, grouped into root causes a person can act on: per
 * engine, the same header (area), the same normalized difference (which observed keys differ,
 * and how) and the same recorded rule, with the kinds of variation (mutation families) it spans. Each group gets its count, one
 * minimal reproducer (the shortest variant: its exact response bytes and the probe), what the
 * other engines did on the same variants, and the rules (recorded root causes) that cover it.
 * Pure: rows and the catalog in, groups out (scripts/parsing.ts renders them).
 */
import type { ResultRow } from './results.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';

/** What the report needs to know about a variant (scenarios/parsing/build.ts Variant). */
export interface VariantMeta {
  family: string;
  mutation: string;
  base: string;
  lines: Array<[string, string]>;
  ctx: { slug: string; label: string };
}

export interface RootCause {
  engine: string;
  area: string;
  /** The kinds of variation among its variants (mutation families). */
  families: string[];
  /** The normalized difference, e.g. `resolved: false → true`. */
  difference: string;
  verdicts: Record<string, number>;
  count: number;
  mutations: string[];
  ids: string[];
  /** Recorded rules covering the rows (slugs from the deviation reasons), if any. */
  rules: string[];
  reproducer: { id: string; title: string; bytes: string; probe: string };
  /** Per other engine: how many of these variants it passed (agreed with the model), of how many it ran. */
  others: Record<string, { agree: number; of: number }>;
}

const short = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v));

/** Keys of the expectation the observation (or evidence) does not match, as `key: expected → observed`. */
export function differenceOf(row: ResultRow): string {
  if (row.verdict === 'inconclusive' || row.verdict === 'timeout') return `${row.verdict}: ${row.reason.replace(/\d+/g, 'N').slice(0, 120)}`;
  const parts: string[] = [];
  const walk = (exp: unknown, obs: unknown, path: string) => {
    if (exp && typeof exp === 'object' && !Array.isArray(exp)) {
      for (const [k, v] of Object.entries(exp))
        walk(v, obs && typeof obs === 'object' ? (obs as Record<string, unknown>)[k] : undefined, path ? `${path}.${k}` : k);
    } else if (Array.isArray(exp) && Array.isArray(obs) && exp.length === obs.length) {
      exp.forEach((v, i) => walk(v, obs[i], `${path}[${i}]`));
    } else if (JSON.stringify(exp) !== JSON.stringify(obs) && !(exp === null && obs === undefined)) parts.push(`${path}: ${short(exp)} → ${short(obs)}`);
  };
  walk(row.expected.observation, row.observed ?? {}, '');
  const summary = row.evidence?.summary ?? {};
  for (const [name, e] of Object.entries(row.expected.evidence ?? {})) walk(e, summary[name] ?? { arrived: false }, `evidence.${name}`);
  return parts.join('; ') || '(no difference in the expected keys)';
}

function rulesOf(row: ResultRow): string[] {
  return [...(row.deviation?.reason ?? '').matchAll(/\[([a-z0-9-]+)\]/g)].map((m) => m[1]);
}

const escBytes = (s: string) =>
  s.replace(/[^\x20-\x7e]/g, (c) => (c === '\r' ? '\\r' : c === '\n' ? '\\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));

/** The declared responses of a scenario as the server sends them (escaped bytes, one header line a line). */
export function renderResponses(responses: Record<string, DeclaredResponse> | undefined): string {
  const out: string[] = [];
  const one = (label: string, d: Omit<DeclaredResponse, 'preflight'>) => {
    const lines = [...(d.headers ?? [])];
    if (!lines.some(([n]) => n.toLowerCase() === 'cache-control')) lines.push(['Cache-Control', 'no-store']);
    out.push(`# ${label}`, `HTTP/1.1 ${d.status ?? 200}`, ...lines.map(([n, v]) => `${escBytes(n)}: ${escBytes(v)}`));
    if (d.kind === 'agent') out.push('', '(the agent document: runtime scripts only)');
    else if (d.body) out.push('', escBytes(d.body));
  };
  for (const [name, d] of Object.entries(responses ?? {})) {
    if (d.preflight) one(`${name}, answer to the CORS preflight (OPTIONS)`, d.preflight);
    one(name, d);
  }
  return out.join('\n');
}

export function renderProbe(s: Scenario): string {
  const page = `page ${s.page?.at ?? 'site'}${s.page?.headers?.length ? ` with ${s.page.headers.map(([n, v]) => `${n}: ${v}`).join(', ')}` : ''}`;
  const ctx = s.probe.context?.length ? `, inside ${s.probe.context.map((c) => `${c.via} ${c.at}/${c.response}`).join(' → ')}` : '';
  return `${page}${ctx}: ${s.probe.kind} ${JSON.stringify(s.probe.params)}`;
}

export function findRootCauses(rows: ResultRow[], catalog: Map<string, Scenario>, meta: Map<string, VariantMeta>): RootCause[] {
  const byEngineId = new Map(rows.map((r) => [`${r.engine}|${r.id}`, r]));
  const engines = [...new Set(rows.map((r) => r.engine))].sort();
  const groups = new Map<string, { rows: ResultRow[]; area: string; difference: string; engine: string }>();
  for (const row of rows) {
    if (row.verdict === 'pass') continue;
    const difference = differenceOf(row);
    // Same engine, same header, same normalized difference, same recorded rule(s): one root cause.
    const key = `${row.engine}|${row.area}|${difference}|${rulesOf(row).join(',')}`;
    const g = groups.get(key) ?? { rows: [], area: row.area, difference, engine: row.engine };
    g.rows.push(row);
    groups.set(key, g);
  }
  const causes: RootCause[] = [];
  for (const g of groups.values()) {
    const sized = g.rows
      .map((r) => ({ r, size: JSON.stringify(meta.get(r.id)?.lines ?? []).length }))
      .sort((a, b) => a.size - b.size || a.r.id.localeCompare(b.r.id));
    const smallest = sized[0].r;
    const s = catalog.get(smallest.id);
    const others: RootCause['others'] = {};
    for (const e of engines.filter((x) => x !== g.engine)) {
      const theirs = g.rows.map((r) => byEngineId.get(`${e}|${r.id}`)).filter((x): x is ResultRow => !!x);
      if (theirs.length) others[e] = { agree: theirs.filter((t) => t.verdict === 'pass').length, of: theirs.length };
    }
    const verdicts: Record<string, number> = {};
    for (const r of g.rows) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
    causes.push({
      engine: g.engine,
      area: g.area,
      families: [...new Set(g.rows.map((r) => meta.get(r.id)?.family ?? 'unknown'))].sort(),
      difference: g.difference,
      verdicts,
      count: g.rows.length,
      mutations: [...new Set(g.rows.map((r) => meta.get(r.id)?.mutation ?? '?'))].sort(),
      ids: g.rows.map((r) => r.id).sort(),
      rules: [...new Set(g.rows.flatMap(rulesOf))].sort(),
      reproducer: {
        id: smallest.id,
        title: smallest.title,
        bytes: renderResponses(s?.responses as Record<string, DeclaredResponse>),
        probe: s ? renderProbe(s) : '(not in the catalog)',
      },
      others,
    });
  }
  return causes.sort((a, b) => a.engine.localeCompare(b.engine) || a.area.localeCompare(b.area) || b.count - a.count);
}

export interface RuleSummary {
  engine: string;
  rule: string;
  count: number;
  areas: string[];
  reason: string;
  link: string;
  /** Per other engine: of the same variants, how many it passed (agreed with the model). */
  others: Record<string, { agree: number; of: number }>;
}

/**
 * One line per recorded rule and engine: how many rows it explains, on which headers. Reason and
 * link come from `rules` when given (a row that several rules explain carries only the first link).
 */
export function summarizeRules(rows: ResultRow[], rules: Array<{ engine: string; slug: string; reason: string; link: string }> = []): RuleSummary[] {
  const recorded = new Map(rules.map((r) => [`${r.engine}|${r.slug}`, r]));
  const byEngineId = new Map(rows.map((r) => [`${r.engine}|${r.id}`, r]));
  const engines = [...new Set(rows.map((r) => r.engine))].sort();
  const out = new Map<string, RuleSummary & { ids: string[] }>();
  for (const r of rows) {
    if (r.verdict !== 'known-deviation' && r.verdict !== 'fixed-deviation') continue;
    for (const rule of rulesOf(r)) {
      const key = `${r.engine}|${rule}`;
      const known = recorded.get(key);
      const s = out.get(key) ?? { engine: r.engine, rule, count: 0, areas: [], reason: '', link: known?.link ?? r.deviation?.link ?? '', others: {}, ids: [] };
      s.count++;
      s.ids.push(r.id);
      if (!s.areas.includes(r.area)) s.areas.push(r.area);
      s.reason =
        known?.reason ??
        (r.deviation?.reason ?? '')
          .split(' + ')
          .find((x) => x.startsWith(`[${rule}]`))
          ?.slice(rule.length + 3) ??
        '';
      out.set(key, s);
    }
  }
  return [...out.values()].map(({ ids, ...s }) => {
    for (const e of engines.filter((x) => x !== s.engine)) {
      const theirs = ids.map((id) => byEngineId.get(`${e}|${id}`)).filter((x): x is ResultRow => !!x);
      if (theirs.length) s.others[e] = { agree: theirs.filter((t) => t.verdict === 'pass').length, of: theirs.length };
    }
    return { ...s, areas: s.areas.sort() };
  });
}
