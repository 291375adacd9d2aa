/** The `worker` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, waitMs, observation, b, s, kind, isFalse, runtimeBlock } from '../contract.ts';
import { o, isObj, type Obs, type Outcome } from '../outcome-words.ts';

function outcome(x: Obs): Outcome | undefined {
  if (x.created === false) return o('throws', 'closed');
  if (x.event === 'error') return o('blocked', 'closed');
  if (x.event === 'none') return o('no message', 'none');
  if (x.event !== 'message') return undefined;
  const d = isObj(x.data) ? x.data : {};
  if (d.fetched === false) return o('ran, its fetch blocked', 'closed');
  if (d.fetched === true) return o('ran, its fetch loaded', 'open');
  if (d.crossOriginIsolated === true) return o('ran, isolated', 'state');
  return o('ran', 'open');
}

export const worker = kind({
  params: z.strictObject({ target: targetRef, type: z.enum(['classic', 'module']).optional(), waitMs }),
  observation: observation({
    created: b,
    error: s,
    event: z.enum(['message', 'error', 'none']).optional(),
    /** Whatever the script under test posted: its own report, free-form. */
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  blocks: (o) =>
    runtimeBlock(o) || isFalse(o, 'created') || o.event === 'error' || o.event === 'none' || isFalse((o.data ?? {}) as Record<string, unknown>, 'fetched'),
  outcome,
});

export default worker;
