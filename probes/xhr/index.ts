/** The `xhr` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { fetchLike } from '../fetch/index.ts';
import { targetRef, headersRecord, observation, b, s, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';

export const xhr = kind({
  params: z.strictObject({
    target: targetRef,
    method: z.string().optional(),
    headers: headersRecord.optional(),
    withCredentials: z.boolean().optional(),
    body: z.string().optional(),
    readHeaders: z.array(z.string()).optional(),
  }),
  observation: observation({
    loaded: b,
    error: s,
    status: z.number().int().optional(),
    bodyReadable: b,
    body: s,
    headers: z.record(z.string(), z.string().nullable()).optional(),
  }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'loaded', 'bodyReadable') || hasError(o),
  outcome: fetchLike,
});

export default xhr;
