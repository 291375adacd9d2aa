/**
 * The probe vocabulary: every kind of attempt the browser-side runtime knows
 * (servers/runtime/probes/<kind>.js), with the shape of its parameters. Scenarios are
 * validated against this table; one entry per kind, defined once.
 */
import { z } from 'zod';
import { ORIGIN_NAMES } from '../protocol/origins.ts';

export const originName = z.enum(ORIGIN_NAMES as [string, ...string[]]);

/** A reference to a declared response on a catalog origin; the planner turns it into a URL. */
export const targetRef = z.strictObject({
  at: originName,
  response: z.string().min(1),
  /** Spell the default port out in the URL (https://site.test:443/…), seed claim C06. */
  explicitPort: z.boolean().optional(),
  /** Agent documents post to this mailbox key (popups severed by COOP report through the server). */
  mailbox: z.string().optional(),
  /** Extra query string appended to the URL (e.g. a cache-busting or path variant). */
  query: z.string().optional(),
});
export type TargetRef = z.infer<typeof targetRef>;

/** A browsing context a probe runs inside: an agent document in an iframe or a popup. */
export const contextSpec = targetRef.extend({
  via: z.enum(['iframe', 'popup']),
  sandbox: z.string().optional(),
  allow: z.string().optional(),
  name: z.string().optional(),
  features: z.string().optional(),
});

const headersRecord = z.record(z.string(), z.string());
const accessTarget = z.union([z.enum(['parent', 'top', 'opener', 'self', 'frame', 'popup']), z.string().regex(/^handle:\w+$/)]);

const windowAccess = z.strictObject({
  target: accessTarget,
  open: targetRef.optional(),
  sandbox: z.string().optional(),
  path: z.array(z.string()),
  action: z.enum(['get', 'set', 'call']),
  value: z.unknown().optional(),
  args: z.array(z.unknown()).optional(),
  keepOpen: z.boolean().optional(),
});

const fetchParams = z.strictObject({
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
});

const xhrParams = z.strictObject({
  target: targetRef,
  method: z.string().optional(),
  headers: headersRecord.optional(),
  withCredentials: z.boolean().optional(),
  body: z.string().optional(),
  readHeaders: z.array(z.string()).optional(),
});

const storageParams = z.strictObject({
  api: z.enum(['localStorage', 'sessionStorage', 'indexedDB', 'cookie']),
  op: z.enum(['write', 'read']),
  key: z.string().min(1),
  value: z.string().optional(),
  attributes: z.string().optional(),
});

const embedParams = z.strictObject({
  element: z.enum(['img', 'script', 'style', 'iframe', 'audio', 'video']),
  target: targetRef,
  crossorigin: z.enum(['anonymous', 'use-credentials', '']).optional(),
  read: z.enum(['canvas', 'cssRules', 'frame-document', 'none']).optional(),
  signal: z.string().optional(),
  waitMs: z.number().int().min(100).max(10_000).optional(),
});

/** Kinds whose parameters are validated here; the runtime must define each (checked by a test). */
export const PROBE_PARAMS = {
  'window-access': windowAccess,
  fetch: fetchParams,
  xhr: xhrParams,
  isolation: z.strictObject({}),
  embed: embedParams,
  storage: storageParams,
  popup: z.strictObject({
    open: targetRef,
    via: z.enum(['open', 'anchor']).optional(),
    rel: z.string().optional(),
    name: z.string().optional(),
    features: z.string().optional(),
    waitMs: z.number().int().min(100).max(10_000).optional(),
    navigate: targetRef.optional(),
    pongMs: z.number().int().min(100).max(5000).optional(),
    navWaitMs: z.number().int().min(100).max(10_000).optional(),
  }),
  worker: z.strictObject({
    target: targetRef,
    type: z.enum(['classic', 'module']).optional(),
    waitMs: z.number().int().min(100).max(10_000).optional(),
  }),
  gated: z.strictObject({}),
  // parsing catalog (issue 16): does a framed document render; the TAO check via Resource Timing
  'frame-load': z.strictObject({
    target: targetRef,
    path: z.array(z.number().int().min(0)).optional(),
    waitMs: z.number().int().min(100).max(10_000).optional(),
  }),
  'resource-timing': z.strictObject({
    target: targetRef,
    mode: z.enum(['cors', 'no-cors']).optional(),
    credentials: z.enum(['omit', 'same-origin', 'include']).optional(),
    waitMs: z.number().int().min(100).max(10_000).optional(),
  }),
  // sop catalog (issue 4)
  'post-message': z.strictObject({
    target: z.enum(['parent', 'top', 'opener', 'frame', 'popup', 'data-frame']),
    open: targetRef.optional(),
    sandbox: z.string().optional(),
    targetOrigin: z.union([z.string(), targetRef]).optional(),
    waitMs: z.number().int().min(100).max(10_000).optional(),
  }),
  'document-domain': z.strictObject({ set: z.string().optional() }),
  'form-post': z.strictObject({
    target: targetRef,
    method: z.enum(['POST', 'GET']).optional(),
    enctype: z.string().optional(),
    fields: z.record(z.string(), z.string()).optional(),
    into: z.enum(['frame', 'popup']).optional(),
    waitMs: z.number().int().min(100).max(10_000).optional(),
  }),
  navigate: z.strictObject({
    how: z.enum(['window-open', 'location-href', 'location-replace', 'location-assign', 'window-location', 'anchor', 'self']),
    target: targetRef,
    open: targetRef.optional(),
    via: z.enum(['iframe', 'popup']).optional(),
    sandbox: z.string().optional(),
    waitMs: z.number().int().min(100).max(10_000).optional(),
  }),
  sequence: z.strictObject({
    contexts: z.record(z.string(), contextSpec).optional(),
    steps: z
      .array(
        z.strictObject({
          kind: z.string(),
          params: z.record(z.string(), z.unknown()),
          in: z.string().optional(),
          waitMs: z.number().int().min(0).max(3000).optional(),
        }),
      )
      .min(1),
  }),
} as const;

export type ProbeKind = keyof typeof PROBE_PARAMS;
export const PROBE_KINDS = Object.keys(PROBE_PARAMS) as ProbeKind[];
