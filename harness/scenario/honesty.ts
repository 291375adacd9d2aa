/**
 * When a scenario's record proves nothing without a control in the same visit (honest results):
 *  - an expected block (expect.blocked);
 *  - a recorded deviation that, merged with the expectation, records a block or an absence
 *    (access denied, a request that never arrived, fewer cookies than expected): a broken probe,
 *    a blind request log or a server that never set the cookie would produce the same record;
 *  - an expectation or deviation of "no cookie sent" on a response, unless the control expects
 *    that response to carry the missing cookies (proving they exist).
 * Used by the scenario schema (load fails) and by the verdict (such a record without a working
 * control is never a pass or a known deviation).
 */
import { deepMerge } from './match.ts';
import { recordsBlock } from '../../probes/index.ts';

interface EvidenceLike {
  arrived?: boolean;
  count?: number;
  actual?: boolean;
  actualCount?: number;
  cookies?: string[];
}
type EvidenceMap = Record<string, EvidenceLike>;

export interface HonestyInput {
  probe: { kind: string; params: unknown };
  expect: { blocked: boolean; observation: Record<string, unknown>; evidence?: EvidenceMap };
  control?: { expect: { observation: Record<string, unknown>; evidence?: EvidenceMap } };
  deviations?: Partial<Record<string, { observed: Record<string, unknown>; evidence?: EvidenceMap }>>;
}

/** What a deviation records once merged with the expectation it replaces (the way it is matched). */
export function mergedDeviation(
  s: Pick<HonestyInput, 'expect'>,
  d: { observed: Record<string, unknown>; evidence?: EvidenceMap },
): { observation: Record<string, unknown>; evidence: EvidenceMap } {
  return { observation: deepMerge(s.expect.observation, d.observed), evidence: deepMerge(s.expect.evidence ?? {}, d.evidence ?? {}) };
}

/** Responses whose evidence records that nothing (or less) arrived, relative to the expectation. */
function absentResponses(evidence: EvidenceMap): string[] {
  return Object.entries(evidence)
    .filter(([, e]) => e.arrived === false || e.actual === false || e.count === 0 || e.actualCount === 0)
    .map(([name]) => name);
}

/** Cookie names a record says were NOT sent on each response: all of `expected` for an empty list. */
function missingCookies(recorded: EvidenceMap, expected: EvidenceMap | undefined): Array<{ response: string; missing: string[] | 'any' }> {
  const out: Array<{ response: string; missing: string[] | 'any' }> = [];
  for (const [response, e] of Object.entries(recorded)) {
    if (!Array.isArray(e.cookies)) continue;
    // Nothing arrived: that absence is the record, not a cookie claim.
    if (e.arrived === false || e.actual === false) continue;
    const exp = expected?.[response]?.cookies;
    const missing = exp && exp !== e.cookies ? exp.filter((c) => !e.cookies!.includes(c)) : [];
    if (e.cookies.length === 0) out.push({ response, missing: missing.length ? missing : 'any' });
    else if (missing.length) out.push({ response, missing });
  }
  return out;
}

/**
 * Why this scenario needs a control, and what the control must show; empty when it needs none.
 * `controlProblems` lists what the declared control fails to show.
 */
export function controlRequirements(s: HonestyInput): { needs: string[]; controlProblems: string[] } {
  const needs: string[] = [];
  const problems: string[] = [];
  const cookieNeeds: Array<{ response: string; missing: string[] | 'any'; who: string }> = [];
  if (s.expect.blocked) needs.push('the expectation is a block');
  for (const m of missingCookies(s.expect.evidence ?? {}, undefined)) cookieNeeds.push({ ...m, who: 'the expectation' });
  for (const [engine, d] of Object.entries(s.deviations ?? {})) {
    if (!d) continue;
    const merged = mergedDeviation(s, d);
    if (recordsBlock(s.probe.kind, merged.observation, s.probe.params)) needs.push(`the ${engine} deviation records a block`);
    const absent = absentResponses(merged.evidence).filter((r) => !absentResponses(s.expect.evidence ?? {}).includes(r));
    if (absent.length) needs.push(`the ${engine} deviation records that ${absent.join(', ')} never arrived`);
    for (const m of missingCookies(merged.evidence, s.expect.evidence)) cookieNeeds.push({ ...m, who: `the ${engine} deviation` });
  }
  for (const c of cookieNeeds) {
    needs.push(`${c.who} records cookies withheld on ${c.response}`);
    const shown = s.control?.expect.evidence?.[c.response]?.cookies ?? [];
    const unproven = c.missing === 'any' ? (shown.length ? [] : ['a cookie']) : c.missing.filter((n) => !shown.includes(n));
    if (s.control && unproven.length) {
      problems.push(
        `${c.who} records ${unproven.join(', ')} withheld on "${c.response}", but the control does not expect ${c.response} to carry ${unproven.join(', ')} (nothing proves the cookie exists)`,
      );
    }
  }
  return { needs, controlProblems: problems };
}
