/** The `window-access` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, accessTarget, observation, b, attempt, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';
import { o, type Obs, type EvidenceLike, type Outcome } from '../outcome-words.ts';

function outcome(x: Obs, _ev?: EvidenceLike, about?: Obs): Outcome | undefined {
  if (x.targetReady === false) return o('not loaded', 'closed');
  // Scenarios that only ask whether the frame or popup loaded (COEP, framing) expect targetReady alone.
  if (about && 'targetReady' in about && !('allowed' in about) && x.targetReady === true) return o('loaded', 'open');
  if (x.allowed === true) return o('reachable', 'open');
  if (x.allowed === false) return o('blocked', 'closed');
  if (x.targetReady === true) return o('loaded', 'open');
  return undefined;
}

export const windowAccess = kind({
  params: z.strictObject({
    target: accessTarget,
    open: targetRef.optional(),
    sandbox: z.string().optional(),
    path: z.array(z.string()),
    action: z.enum(['get', 'set', 'call']),
    value: z.unknown().optional(),
    args: z.array(z.unknown()).optional(),
    keepOpen: z.boolean().optional(),
  }),
  observation: observation({ targetReady: b, ...attempt }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'targetReady', 'allowed') || hasError(o),
  outcome,
});

export default windowAccess;
