/** The `fetch` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, headersRecord, observation, b, s, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';
import { o, isObj, unreadable, type Obs, type EvidenceLike, type Outcome } from '../outcome-words.ts';

// Response headers every CORS response exposes (Fetch "CORS-safelisted response-header name").
const SAFELISTED_RESPONSE = new Set(['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma']);

/** Fetch-like requests (fetch, XHR, resource timing): readable, opaque, unreadable, or stopped (sent or not). */
export function fetchLike(x: Obs, ev: EvidenceLike | undefined): Outcome | undefined {
  const ok = x.resolved ?? x.loaded;
  if (ok === false) return unreadable(ev);
  if (ok !== true) return undefined;
  // An expectation may say only that the fetch resolved, not what script can read of it.
  if (x.type === undefined && x.bodyReadable === undefined && x.headers === undefined) return o('resolved', 'open');
  if (x.type === 'opaque') return o('opaque', 'partial');
  if (x.type === 'opaqueredirect') return o('opaque redirect', 'partial');
  if (x.bodyReadable === false) return o('unreadable', 'partial');
  if (isObj(x.headers)) {
    const asked = Object.keys(x.headers).filter((h) => !SAFELISTED_RESPONSE.has(h));
    if (asked.length) {
      const seen = asked.filter((h) => (x.headers as Obs)[h] !== null && (x.headers as Obs)[h] !== undefined);
      return o(seen.length ? `readable + ${seen.join(', ')}` : 'readable, headers hidden', 'open');
    }
  }
  return o('readable', 'open');
}

const fetchResult = {
  resolved: b,
  error: s,
  status: z.number().int().optional(),
  type: z.enum(['basic', 'cors', 'opaque', 'opaqueredirect', 'error', 'default']).optional(),
  redirected: b,
  bodyReadable: b,
  body: s,
  /** Per name the probe asked for: the value script could read, null when not exposed. */
  headers: z.record(z.string(), z.string().nullable()).optional(),
};

const fetchObservation = observation({
  ...fetchResult,
  repeats: z.array(z.strictObject(fetchResult)).optional(),
  /** With inWorker: whether the worker started. */
  worker: b,
});
const fetchBlocks = (o: Record<string, unknown>): boolean =>
  runtimeBlock(o) ||
  isFalse(o, 'resolved', 'bodyReadable', 'worker') ||
  hasError(o) ||
  Object.values((o.headers ?? {}) as Record<string, unknown>).some((v) => v === null) ||
  (Array.isArray(o.repeats) && o.repeats.some((r) => fetchBlocks(r as Record<string, unknown>)));

/** Referrer Policy's policies (the empty string aside): what a request or a document may name. */
export const REFERRER_POLICIES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'same-origin',
  'origin',
  'strict-origin',
  'origin-when-cross-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
] as const;
export type ReferrerPolicy = (typeof REFERRER_POLICIES)[number];

export const fetchProbe = kind({
  params: z
    .strictObject({
      target: targetRef,
      method: z.string().optional(),
      headers: headersRecord.optional(),
      credentials: z.enum(['omit', 'same-origin', 'include']).optional(),
      mode: z.enum(['cors', 'no-cors', 'same-origin']).optional(),
      redirect: z.enum(['follow', 'error', 'manual']).optional(),
      cache: z.enum(['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached']).optional(),
      body: z.string().optional(),
      readHeaders: z.array(z.string()).optional(),
      repeat: z.number().int().min(0).max(5).optional(),
      /** RequestInit's referrerPolicy: the request's own referrer policy (the document's when absent). */
      referrerPolicy: z.enum(REFERRER_POLICIES).optional(),
      /** Local Network Access: RequestInit's targetAddressSpace (an engine without it ignores the member). */
      targetAddressSpace: z.enum(['local', 'loopback']).optional(),
      /** Send the request from a dedicated worker the context starts (a blob: URL, the context's origin); not with repeat. */
      inWorker: z.boolean().optional(),
    })
    .refine((p) => !(p.inWorker && p.repeat), { message: 'fetch: a worker sends one request (inWorker does not take repeat)' }),
  observation: fetchObservation,
  blocks: fetchBlocks,
  outcome: fetchLike,
});

export default fetchProbe;
