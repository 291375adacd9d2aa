/**
 * The outcome of one observation, in a word: each probe kind's own word (probes/<kind>/), or —
 * for a scenario about what the server saw of a request — the Fetch Metadata it carried. The
 * report shows the word in every cell; applied to the scenario's expectation it gives what the
 * standard expects, shown beside the word when the engine deviates.
 */
import { OUTCOME_WORDS, type ProbeKind } from '../../probes/index.ts';
import { isObj, o, type EvidenceLike, type Outcome } from '../../probes/outcome-words.ts';
import { byShape } from '../../probes/steps.ts';

export type { EvidenceLike, Outcome, Tone } from '../../probes/outcome-words.ts';

/** The Fetch Metadata the server saw on the request under test, in a word. */
function requestHeaders(ev: EvidenceLike | undefined): Outcome | undefined {
  for (const e of Object.values(ev ?? {})) {
    if (!isObj(e) || !('secFetchSite' in e)) continue;
    if (e.arrived === false || e.actual === false) return o('not sent', 'closed');
    return o(typeof e.secFetchSite === 'string' ? `sent, Sec-Fetch-Site ${e.secFetchSite}` : 'sent, no Sec-Fetch-Site', 'state');
  }
  return undefined;
}

/**
 * The outcome of one observation. `undefined` observation: no result. When the observation's
 * shape is not recognised the word says so rather than guessing. `about`: the scenario's
 * expected observation, whose keys say which aspect of a many-sided observation it is about.
 */
export function outcomeOf(kind: string, observation: unknown, evidence?: EvidenceLike, about?: unknown): Outcome {
  if (!isObj(observation)) return o('no observation', 'none');
  if (observation.timedOut) return o('timed out', 'none');
  if (observation.probeError) return o('probe error', 'none');
  if (observation.contextReady === false) return o('no context', 'none');
  // A scenario about what the server saw of the request (Fetch Metadata) expects no observation at all.
  const requestOnly = isObj(about) && Object.keys(about).length === 0 ? requestHeaders(evidence) : undefined;
  if (requestOnly) return requestOnly;
  const f = OUTCOME_WORDS[kind as ProbeKind] ?? byShape;
  return f(observation, evidence, isObj(about) ? about : undefined) ?? byShape(observation, evidence) ?? o('observed', 'none');
}

/** What the standard expects, from a scenario's (partial) expected observation and evidence; undefined when it does not say. */
export function expectedOutcomeOf(kind: string, expected: { observation: unknown; evidence?: unknown }): Outcome | undefined {
  const r = outcomeOf(kind, expected.observation, isObj(expected.evidence) ? (expected.evidence as EvidenceLike) : undefined, expected.observation);
  return r.tone === 'none' && r.word === 'observed' ? undefined : r;
}
