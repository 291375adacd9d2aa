/** The `post-message` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, waitMs, observation, b, s, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';
import { o, type Obs, type Outcome } from '../outcome-words.ts';

function outcome(x: Obs): Outcome | undefined {
  if (x.targetReady === false) return o('no target', 'none');
  if (x.posted === false) return o('throws', 'closed');
  if (x.delivered === true) return o('delivered', 'open');
  if (x.delivered === false) return o('not delivered', 'closed');
  return undefined;
}

export const postMessage = kind({
  params: z.strictObject({
    target: z.enum(['parent', 'top', 'opener', 'frame', 'popup', 'data-frame']),
    open: targetRef.optional(),
    sandbox: z.string().optional(),
    targetOrigin: z.union([z.string(), targetRef]).optional(),
    waitMs,
  }),
  observation: observation({
    targetReady: b,
    posted: b,
    error: s,
    delivered: b,
    /** event.origin at the receiver. */
    origin: s,
    receiverOrigin: s,
    dataOrigin: s,
  }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'targetReady', 'posted', 'delivered') || hasError(o),
  outcome,
});

export default postMessage;
