/**
 * The word a report cell shows: what the engine did (the probe kind's outcome word, probes/<kind>/,
 * through harness/scenario/outcome.ts), or why there is no result.
 */
import { outcomeOf, type EvidenceLike, type Outcome } from '../../harness/scenario/outcome.ts';

export { outcomeOf, expectedOutcomeOf, type EvidenceLike, type Outcome, type Tone } from '../../harness/scenario/outcome.ts';

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Verdicts under which the observation proves nothing: the cell names the verdict instead. */
export const NO_RESULT_WORD: Record<string, string> = {
  timeout: 'timed out',
  inconclusive: 'inconclusive',
  'not-run': 'not run',
  error: 'harness error',
};

/**
 * The server evidence that speaks to this scenario: the responses its expectation names; without
 * such names, for requests made by script (fetch, XHR), every response but the documents of the
 * frames or popups the probe ran in. Agent documents always arrive, and say nothing about the
 * request under test.
 */
export function focusEvidence(kind: string, evidence: EvidenceLike | undefined, expectedEvidence: unknown): EvidenceLike | undefined {
  if (!evidence) return evidence;
  const named = isObj(expectedEvidence) ? Object.keys(expectedEvidence) : [];
  if (named.length) return Object.fromEntries(named.filter((k) => k in evidence).map((k) => [k, evidence[k]]));
  if (kind !== 'fetch' && kind !== 'xhr') return evidence;
  return Object.fromEntries(Object.entries(evidence).filter(([, e]) => !(isObj(e) && (e as Record<string, unknown>).secFetchMode === 'navigate')));
}

/** The word a cell shows: what the engine did, or why there is no result. `expected`: the scenario's expectation (which aspect, which responses). */
export function cellOutcome(
  kind: string,
  verdict: string,
  observed: unknown,
  evidence: EvidenceLike | undefined,
  expected?: { observation?: unknown; evidence?: unknown },
): Outcome & { observedWord?: string } {
  const behaviour = outcomeOf(kind, observed, focusEvidence(kind, evidence, expected?.evidence), expected?.observation);
  const status = NO_RESULT_WORD[verdict];
  return status ? { word: status, tone: 'none', observedWord: behaviour.word } : behaviour;
}
