/** The `storage` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { observation, b, s, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';
import { o, type Obs, type Outcome } from '../outcome-words.ts';

function outcome(x: Obs): Outcome | undefined {
  if (x.allowed === false) return o('blocked', 'closed');
  if ('value' in x) return x.value === null || x.value === undefined ? o('not visible', 'closed') : o('visible', 'open');
  if (x.allowed === true) return o('allowed', 'open');
  return undefined;
}

export const storage = kind({
  params: z.strictObject({
    api: z.enum(['localStorage', 'sessionStorage', 'indexedDB', 'cookie']),
    op: z.enum(['write', 'read']),
    key: z.string().min(1),
    value: z.string().optional(),
    attributes: z.string().optional(),
  }),
  // value: what a read found, null when the key is absent.
  observation: observation({ allowed: b, error: s, value: z.string().nullable().optional() }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'allowed') || hasError(o) || o.value === null,
  outcome,
});

export default storage;
