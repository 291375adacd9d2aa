/** The `frame-load` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, waitMs, observation, b, s, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';
import { o, type Obs, type Outcome } from '../outcome-words.ts';

/** The parsing catalog's frames: rendered (the declared document is there) or refused. */
function outcome(x: Obs): Outcome | undefined {
  if (x.rendered === true) return o('rendered', 'open');
  if (x.rendered === false) return o('refused', 'closed');
  return undefined;
}

export const frameLoad = kind({
  params: z.strictObject({
    target: targetRef,
    /** Child indexes from the created frame to the window whose document is checked ([0]: a wrapper frames it). */
    path: z.array(z.number().int().min(0)).optional(),
    waitMs,
  }),
  // A refused frame still fires load (an error page), so `rendered` comes from the document
  // itself: the checked window has exactly the one child frame its declared document holds.
  observation: observation({
    event: z.enum(['load', 'none']).optional(),
    rendered: b,
    /** The checked window's length (its child frames), null when unreachable. */
    length: z.number().int().nullable().optional(),
    error: s,
  }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'rendered') || o.event === 'none' || hasError(o),
  outcome,
});

export default frameLoad;
