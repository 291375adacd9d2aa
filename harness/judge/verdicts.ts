/**
 * The verdict words, apart from the judge (verdict.ts says what each means): Playwright loads the
 * conformance spec again in every worker it starts, and starts one after every failed test, so the
 * spec imports these words and not the judge with its scenario schema behind it.
 */
export type Verdict = 'pass' | 'known-deviation' | 'fixed-deviation' | 'fail' | 'inconclusive' | 'timeout' | 'error' | 'not-run';
export const VERDICTS: Verdict[] = ['pass', 'known-deviation', 'fixed-deviation', 'fail', 'inconclusive', 'timeout', 'error', 'not-run'];
/** Verdicts under which the Playwright test passes. */
export const PASSING: Verdict[] = ['pass', 'known-deviation'];
