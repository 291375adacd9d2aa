/** The `navigate` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { o, sent } from '../outcome-words.ts';
import { targetRef, waitMs, observation, b, s, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';

export const navigate = kind({
  params: z.strictObject({
    how: z.enum(['window-open', 'location-href', 'location-replace', 'location-assign', 'window-location', 'anchor', 'self']),
    target: targetRef,
    open: targetRef.optional(),
    via: z.enum(['iframe', 'popup']).optional(),
    sandbox: z.string().optional(),
    waitMs,
  }),
  // Whether the navigation happened is server evidence.
  observation: observation({ targetReady: b, allowed: b, error: s, opened: b }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'targetReady', 'allowed', 'opened') || hasError(o),
  outcome: (x, ev) =>
    x.targetReady === false ? o('no target', 'none') : x.allowed === false ? o('blocked', 'closed') : sent(x, 'allowed', ev, 'navigated', 'not navigated'),
});

export default navigate;
