/** The `window-access` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, accessTarget, observation, b, attempt, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';
import { o, type Obs, type EvidenceLike, type Outcome } from '../outcome-words.ts';

/** The operations of the inspect action (the cross-origin objects' internal methods; runtime.js). */
export const INSPECT_OPS = [
  'get',
  'set',
  'call',
  'getPrototypeOf',
  'protoGetter',
  'protoProperty',
  'protoAssign',
  'protoSetter',
  'setPrototypeOf',
  'reflectSetPrototypeOf',
  'isExtensible',
  'preventExtensions',
  'reflectPreventExtensions',
  'descriptor',
  'hasOwn',
  'defineValue',
  'defineAccessor',
  'delete',
  'ownNames',
  'keys',
  'forIn',
  'symbols',
  'ownKeysLayout',
  'toString',
  'concat',
  'promiseResolve',
  'functionRealm',
  'functionIdentity',
  'accessorRealm',
  'accessorIdentity',
  'thisGetter',
  'thisSetter',
  'thisMethod',
] as const;
export type InspectOp = (typeof INSPECT_OPS)[number];

function outcome(x: Obs, _ev?: EvidenceLike, about?: Obs): Outcome | undefined {
  if (x.targetReady === false) return o('not loaded', 'closed');
  // Scenarios that only ask whether the frame or popup loaded (COEP, framing) expect targetReady alone.
  if (about && 'targetReady' in about && !('allowed' in about) && x.targetReady === true) return o('loaded', 'open');
  // An inspected internal method answers in a word (a list of keys is cut short for the cell).
  if (x.allowed === true && typeof x.value === 'string') return o(x.value.length > 40 ? `${x.value.slice(0, 39)}…` : x.value, 'state');
  if (x.allowed === true) return o('reachable', 'open');
  if (x.allowed === false && typeof x.error === 'string' && x.error !== 'SecurityError') return o(`throws ${x.error}`, 'state');
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
    /** inspect: run one internal-method operation (`op`, on `key`) and report its result as a word. */
    action: z.enum(['get', 'set', 'call', 'inspect']),
    op: z.enum(INSPECT_OPS).optional(),
    key: z.string().optional(),
    value: z.unknown().optional(),
    args: z.array(z.unknown()).optional(),
    keepOpen: z.boolean().optional(),
    /** Reuse one frame or popup per origin for every probe of the visit naming the same share. */
    share: z.string().regex(/^\w+$/).optional(),
  }),
  observation: observation({ targetReady: b, ...attempt, value: z.string().optional() }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'targetReady', 'allowed') || hasError(o),
  outcome,
});

export default windowAccess;
