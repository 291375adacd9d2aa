/** The `form-post` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { sent } from '../outcome-words.ts';
import { targetRef, waitMs, observation, b, s, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';

export const formPost = kind({
  params: z.strictObject({
    target: targetRef,
    method: z.enum(['POST', 'GET']).optional(),
    enctype: z.string().optional(),
    fields: z.record(z.string(), z.string()).optional(),
    into: z.enum(['frame', 'popup']).optional(),
    /** The form's rel (noreferrer makes the submission's referrer policy no-referrer). */
    rel: z.string().optional(),
    /** Wait for this response instead of the target's (the end of a redirect chain). */
    until: targetRef.optional(),
    waitMs,
  }),
  // What arrived is server evidence.
  observation: observation({ submitted: b, error: s }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'submitted') || hasError(o),
  outcome: (x, ev) => sent(x, 'submitted', ev, 'sent', 'not sent'),
});

export default formPost;
