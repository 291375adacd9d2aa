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
    /** anchor: the link is followed by a real click of the driver (user activation), not by script. */
    userClick: z.boolean().optional(),
    /** anchor: the link's target is a named frame (default) or a named popup the page opened first. */
    into: z.enum(['frame', 'popup']).optional(),
    /** The response whose arrival ends the wait (the end of a redirect chain); default: the target. */
    until: targetRef.optional(),
    waitMs,
  }),
  // Whether the navigation happened is server evidence.
  observation: observation({ targetReady: b, allowed: b, error: s, opened: b, clicked: b, trusted: b, driverError: s }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'targetReady', 'allowed', 'opened', 'clicked') || hasError(o),
  outcome: (x, ev) =>
    x.targetReady === false ? o('no target', 'none') : x.allowed === false ? o('blocked', 'closed') : sent(x, 'allowed', ev, 'navigated', 'not navigated'),
});

export default navigate;
