/** The `resource-timing` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { fetchLike } from '../fetch/index.ts';
import { targetRef, waitMs, observation, b, s, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';
import { o, type Obs, type EvidenceLike, type Outcome } from '../outcome-words.ts';

function outcome(x: Obs, ev: EvidenceLike | undefined): Outcome | undefined {
  if (x.resolved === false) return fetchLike(x, ev);
  if (x.timingAllowed === true) return o('timings exposed', 'open');
  if (x.timingAllowed === false) return o('timings hidden', 'closed');
  if (x.entry === false) return o('no entry', 'none');
  return undefined;
}

export const resourceTiming = kind({
  params: z.strictObject({
    target: targetRef,
    mode: z.enum(['cors', 'no-cors']).optional(),
    credentials: z.enum(['omit', 'same-origin', 'include']).optional(),
    waitMs,
  }),
  // Resource Timing zeroes the network timings of a response that fails the TAO check.
  observation: observation({
    resolved: b,
    error: s,
    /** A PerformanceResourceTiming entry for the URL was found. */
    entry: b,
    /** requestStart > 0: the TAO check passed. */
    timingAllowed: b,
    responseStart: b,
  }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'resolved', 'entry', 'timingAllowed') || hasError(o),
  outcome,
});

export default resourceTiming;
