/**
 * The matrix as data: scenarios grouped by area (rows) × engines (columns), each cell the row the
 * harness produced and what the engine did in a word (outcome.ts); engines' verdicts compared;
 * generated families with their axis levels (families.ts); and the seed-claims view (per claim
 * and engine: holds / does not hold / not observable from a page / undetermined / untested).
 * Renderers (html.ts, markdown.ts) only format this.
 */
import type { EngineInfo, EngineName } from '../../engines/engine.ts';
import type { ResultRow, ResultsFile } from '../../harness/judge/results.ts';
import { VERDICTS, type Verdict } from '../../harness/judge/verdict.ts';
import { claimVerdict, matchClaim, type ClaimVerdict } from '../claims-verdicts.ts';
import type { NotObservable } from './not-observable.ts';
import type { SeedClaim } from './seed-claims-parse.ts';
import { cellOutcome, expectedOutcomeOf, type Outcome } from './outcome.ts';
import { familyOf } from './families.ts';

/**
 * Verdicts a report shows, in order: the harness's own, then `not-run` (the engine never got to
 * the scenario) and `error` (the harness failed around it), which results may carry; any other
 * verdict found in a results file is appended, never dropped.
 */
export const SHOWN_VERDICTS: string[] = [...new Set<string>([...VERDICTS, 'not-run', 'error'])];

export interface ScenarioRow {
  id: string;
  area: string;
  title: string;
  claims: string[];
  probe: string;
  spec: ResultRow['spec'];
  expected: ResultRow['expected'];
  cells: Partial<Record<EngineName, ResultRow>>;
  /** What each engine did, in a word (or why there is no result). */
  outcomes: Partial<Record<EngineName, Outcome & { observedWord?: string }>>;
  /** What the standard expects, in the same words; undefined when the expectation does not say. */
  expectedOutcome: Outcome | undefined;
  /** The generated family this scenario is a cell of, with its level on every axis. */
  family?: { id: string; levels: Record<string, string> };
  /** The engines that ran it do not all reach the same verdict. */
  disagree: boolean;
  /** The most common verdict (ties: the first in SHOWN_VERDICTS order). */
  majority: Verdict | undefined;
}

/** deviates: the engine deviates from the standard in one of the claim's scenarios, and nobody has yet judged that deviation against the claim's words (reporters/claims-verdicts.ts). */
export type ClaimStatus = 'holds' | 'does-not-hold' | 'deviates' | 'not-observable' | 'undetermined' | 'untested';

export interface ClaimCell {
  status: ClaimStatus;
  /** One sentence; for "does not hold" it names what was observed. */
  detail: string;
  /** The rows that decided it. */
  rows: ResultRow[];
}

export interface ClaimRow {
  id: string;
  section: string;
  text: string;
  /** false when a scenario names a claim that is not in the seed list. */
  seeded: boolean;
  scenarios: string[];
  verdict: ClaimVerdict;
  notObservable?: string;
  engines: Partial<Record<EngineName, ClaimCell>>;
}

export interface MatrixModel {
  date: string;
  engines: EngineInfo[];
  engineNames: EngineName[];
  areas: Array<{ area: string; scenarios: ScenarioRow[] }>;
  scenarios: ScenarioRow[];
  /** Verdicts shown, in order (SHOWN_VERDICTS plus any other found in the results). */
  verdicts: string[];
  totals: Record<string, Record<string, number>>;
  cellCount: number;
  disagreements: number;
  claims: ClaimRow[];
  claimTotals: Record<string, Record<ClaimStatus, number>>;
  notes: string[];
}

export const CLAIM_STATUSES: ClaimStatus[] = ['holds', 'does-not-hold', 'deviates', 'not-observable', 'undetermined', 'untested'];
const STANDARD_SEEN: Verdict[] = ['pass', 'fixed-deviation'];
const DEVIATES: Verdict[] = ['known-deviation', 'fail'];

/** Observation keys starting with `_` are diagnostics (timings), not behaviour. */
export function behaviour(o: unknown): unknown {
  if (Array.isArray(o)) return o.map(behaviour);
  if (o && typeof o === 'object') {
    return Object.fromEntries(
      Object.entries(o as Record<string, unknown>)
        .filter(([k]) => !k.startsWith('_'))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, behaviour(v)]),
    );
  }
  return o;
}

export function shortJson(v: unknown, max = 160): string {
  const s = JSON.stringify(behaviour(v)) ?? 'null';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function majorityOf(verdicts: Verdict[], order: string[]): Verdict | undefined {
  let best: Verdict | undefined;
  let n = 0;
  for (const v of order) {
    const c = verdicts.filter((x) => x === v).length;
    if (c > n) [best, n] = [v as Verdict, c];
  }
  return best;
}

function claimCell(rows: ResultRow[], verdict: ClaimVerdict, notObservable: string | undefined): ClaimCell {
  if (!rows.length) {
    return notObservable
      ? { status: 'not-observable', detail: notObservable, rows }
      : { status: 'untested', detail: 'no scenario for this claim ran in this engine', rows };
  }
  const deviating = rows.filter((r) => DEVIATES.includes(r.verdict));
  const broken = rows.filter((r) => !STANDARD_SEEN.includes(r.verdict) && !DEVIATES.includes(r.verdict));
  const observedOf = (r: ResultRow) =>
    `${r.id}: ${r.verdict}, observed ${shortJson(r.observed)}${r.mismatches.length ? ` (${r.mismatches.slice(0, 3).join('; ')})` : ''}`;
  const brokenDetail = () => broken.map((r) => `${r.id}: ${r.verdict} — ${r.reason}`).join(' · ');
  if (!verdict.holdsPerStandard) {
    // The claim contradicts the standard: standard behaviour refutes it.
    if (deviating.length) {
      return {
        status: 'undetermined',
        detail: `the engine deviates from the standard here, which the claim also contradicts; compare: ${deviating.map(observedOf).join(' · ')}`,
        rows,
      };
    }
    if (broken.length) return { status: 'undetermined', detail: brokenDetail(), rows };
    return {
      status: 'does-not-hold',
      detail: `the engine does what the standard says, which contradicts the claim${verdict.note ? `: ${verdict.note}` : ''}`,
      rows,
    };
  }
  const refuting = deviating.flatMap((r) => {
    const m = matchClaim(verdict.refutedBy, r.id, r.engine);
    return m ? [`${r.id}: ${m.why}`] : [];
  });
  if (refuting.length) return { status: 'does-not-hold', detail: refuting.join(' · '), rows };
  const beyond: string[] = [];
  const unjudged: ResultRow[] = [];
  for (const r of deviating) {
    const m = matchClaim(verdict.beyondClaim, r.id, r.engine);
    if (m) beyond.push(`${r.id} (${m.why})`);
    else if (verdict.latitude) beyond.push(`${r.id}: ${r.deviation?.reason ?? r.reason}`);
    else unjudged.push(r);
  }
  if (unjudged.length) return { status: 'deviates', detail: `not yet judged against the claim: ${unjudged.map(observedOf).join(' · ')}`, rows };
  if (broken.length) return { status: 'undetermined', detail: brokenDetail(), rows };
  const n = `${rows.length - deviating.length} of ${rows.length} scenario${rows.length > 1 ? 's' : ''} observed what the standard (and the claim) says`;
  if (verdict.latitude) {
    return {
      status: 'holds',
      detail: beyond.length
        ? `the claim leaves engines a choice, and this engine takes it: ${beyond.join(' · ')}`
        : `the claim leaves engines a choice; this engine keeps the standard's default (${n})`,
      rows,
    };
  }
  return { status: 'holds', detail: beyond.length ? `${n}; deviations beyond what the claim says: ${beyond.join(' · ')}` : n, rows };
}

export interface ModelOptions {
  notes?: string[];
  /** How each claim's wording relates to the standard (default: reporters/claims-verdicts.ts). */
  claimVerdictOf?: (claim: string) => ClaimVerdict;
}

export function buildModel(file: ResultsFile, seedClaims: SeedClaim[], notObservable: NotObservable[], opts: ModelOptions = {}): MatrixModel {
  const notes = opts.notes ?? [];
  const verdictOf = opts.claimVerdictOf ?? claimVerdict;
  const engineSet = new Set<EngineName>([...file.engines.map((e) => e.engine), ...file.rows.map((r) => r.engine)]);
  const engineNames = [...engineSet].sort();
  const scenarios = scenarioRows(file);
  const verdicts = [...new Set<string>([...SHOWN_VERDICTS, ...file.rows.map((r) => r.verdict)])];
  let disagreements = 0;
  for (const s of scenarios) {
    const vs = Object.values(s.cells).map((r) => r!.verdict);
    s.majority = majorityOf(vs, verdicts);
    s.disagree = new Set(vs).size > 1;
    if (s.disagree) disagreements++;
  }
  const areas: MatrixModel['areas'] = [];
  for (const s of scenarios) {
    const last = areas[areas.length - 1];
    if (last && last.area === s.area) last.scenarios.push(s);
    else areas.push({ area: s.area, scenarios: [s] });
  }
  const totals: MatrixModel['totals'] = {};
  for (const e of engineNames) totals[e] = Object.fromEntries(verdicts.map((v) => [v, 0]));
  for (const r of file.rows) totals[r.engine][r.verdict]++;

  const claims = claimRows(scenarios, engineNames, seedClaims, notObservable, verdictOf);
  const claimTotals: MatrixModel['claimTotals'] = {};
  for (const e of engineNames) {
    claimTotals[e] = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>;
    for (const c of claims) claimTotals[e][c.engines[e]!.status]++;
  }
  return {
    date: file.date,
    engines: [...file.engines].sort((a, b) => a.engine.localeCompare(b.engine)),
    engineNames,
    areas,
    scenarios,
    verdicts,
    totals,
    cellCount: file.rows.length,
    disagreements,
    claims,
    claimTotals,
    notes,
  };
}

/** One row per scenario, its cells and outcomes per engine, sorted by area then id. */
function scenarioRows(file: ResultsFile): ScenarioRow[] {
  const byId = new Map<string, ScenarioRow>();
  for (const r of file.rows) {
    let s = byId.get(r.id);
    if (!s) {
      s = {
        id: r.id,
        area: r.area,
        title: r.title,
        claims: r.claims ?? [],
        probe: r.probe,
        spec: r.spec ?? [],
        expected: r.expected,
        cells: {},
        outcomes: {},
        expectedOutcome: expectedOutcomeOf(r.probe, r.expected ?? { observation: {} }),
        disagree: false,
        majority: undefined,
      };
      const fam = familyOf(r.area, r.id, r.title);
      if (fam) s.family = { id: fam.family.id, levels: fam.levels };
      byId.set(r.id, s);
    }
    s.cells[r.engine] = r;
    s.outcomes[r.engine] = cellOutcome(r.probe, r.verdict, r.observed, r.evidence?.summary, r.expected);
  }
  return [...byId.values()].sort((a, b) => a.area.localeCompare(b.area) || a.id.localeCompare(b.id));
}

/** One row per seed claim (and per claim a scenario names that the seed list lacks), with its status per engine. */
function claimRows(
  scenarios: ScenarioRow[],
  engineNames: EngineName[],
  seedClaims: SeedClaim[],
  notObservable: NotObservable[],
  verdictOf: (claim: string) => ClaimVerdict,
): ClaimRow[] {
  const nob = new Map(notObservable.map((n) => [n.claim, n.reason]));
  const claimIds = new Map<string, SeedClaim & { seeded: boolean }>(seedClaims.map((c) => [c.id, { ...c, seeded: true }]));
  for (const s of scenarios)
    for (const c of s.claims) if (!claimIds.has(c)) claimIds.set(c, { id: c, section: '(not in the seed list)', text: '', seeded: false });
  for (const c of nob.keys()) if (!claimIds.has(c)) claimIds.set(c, { id: c, section: '(not in the seed list)', text: '', seeded: false });
  return [...claimIds.values()].map((c) => {
    const its = scenarios.filter((s) => s.claims.includes(c.id));
    const verdict = verdictOf(c.id);
    const row: ClaimRow = {
      id: c.id,
      section: c.section,
      text: c.text,
      seeded: c.seeded,
      scenarios: its.map((s) => s.id),
      verdict,
      notObservable: nob.get(c.id),
      engines: {},
    };
    for (const e of engineNames) {
      row.engines[e] = claimCell(
        its.flatMap((s) => (s.cells[e] ? [s.cells[e]!] : [])),
        verdict,
        nob.get(c.id),
      );
    }
    return row;
  });
}
