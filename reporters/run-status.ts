/**
 * What a results file says about its own run: every planned test gets a row, even one that
 * never ran (`not-run`) or threw before it had a verdict (`error`: an infrastructure failure,
 * never an engine verdict), and the run is `complete`, `interrupted` or `failed`.
 */
import type { FullResult, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import type { ResultRow, RunStatus } from '../harness/judge/results.ts';
import type { Verdict } from '../harness/judge/verdict.ts';
import type { EngineName } from '../engines/engine.ts';
import type { Scenario } from '../harness/scenario/scenario.ts';

export interface PlannedTest {
  test: TestCase;
  engine: EngineName;
  id: string;
}

/** A test that stands for several scenarios (the parsing area: one test per visit) lists their ids here, space-separated. */
export const SCENARIOS_ANNOTATION = 'originproof-scenarios';
/** The key of the visit a test stands for (the visit-plan reporter tells the visit service the run's visits). */
export const VISIT_ANNOTATION = 'originproof-visit';

export function plannedTests(root: Suite): PlannedTest[] {
  return root.allTests().flatMap((test) => {
    const engine = (test.parent.project()?.name ?? 'unknown') as EngineName;
    const ids = test.annotations?.find((a) => a.type === SCENARIOS_ANNOTATION)?.description?.split(' ') ?? [test.title];
    return ids.map((id) => ({ test, engine, id }));
  });
}

/**
 * What is wrong with the rows a visit test got, against the scenarios it was planned with:
 * a planned scenario without a row, a row twice, a row for a scenario not planned. Empty when
 * there is exactly one row per planned scenario (the visit tests assert this; a service that
 * drops or repeats a row fails them).
 */
export function rowProblems(planned: string[], rows: Array<{ id: string }>): string[] {
  const want = new Set(planned);
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
  return [
    ...planned.filter((id) => !seen.has(id)).map((id) => `no row for ${id}`),
    ...[...seen].filter(([, n]) => n > 1).map(([id, n]) => `${n} rows for ${id}`),
    ...[...seen.keys()].filter((id) => !want.has(id)).map((id) => `a row for ${id}, which this visit was not planned with`),
  ];
}

/** A row for a planned test that has no row of its own. */
export function placeholderRow(
  s: Scenario | undefined,
  id: string,
  engine: EngineName,
  verdict: Extract<Verdict, 'error' | 'not-run'>,
  reason: string,
): ResultRow {
  return {
    id,
    area: s?.area ?? 'unknown',
    title: s?.title ?? id,
    claims: s?.claims ?? [],
    probe: s?.probe.kind ?? 'unknown',
    engine,
    expected: { blocked: s?.expect.blocked ?? false, observation: s?.expect.observation ?? {}, evidence: s?.expect.evidence },
    observed: null,
    verdict,
    reason,
    mismatches: [],
    control: null,
    deviation: null,
    evidence: { summary: {}, requests: [] },
    spec: s?.spec ?? [],
    durationMs: 0,
    visit: { id: '', page: '', probes: 0, durationMs: 0, attempts: [] },
  };
}

// Playwright colours its error messages; the results file keeps plain text.
const ANSI_COLOUR = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');

/** Why a test that ended without a row for a scenario ended so: the first line of its error. */
export function errorOf(result: TestResult | undefined): string {
  const e = result?.errors?.[0] ?? result?.error;
  const first = (e?.message ?? e?.value ?? '').split('\n')[0].replace(ANSI_COLOUR, '');
  return result ? `the test ${result.status} before it had a verdict: ${first || 'no error message'}` : 'the run ended before this test ran';
}

/**
 * complete: every planned test ran and has an engine verdict; interrupted: Playwright was
 * stopped; failed: anything else (tests without a verdict, or `error` rows from an infrastructure
 * failure).
 */
export function runStatus(result: FullResult, planned: number, withRow: number, errorRows: number): RunStatus {
  const notRun = planned - withRow;
  const status: RunStatus['status'] = result.status === 'interrupted' ? 'interrupted' : notRun === 0 && errorRows === 0 ? 'complete' : 'failed';
  return { status, playwright: result.status, planned, withRow, errors: errorRows, notRun };
}
