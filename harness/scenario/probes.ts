/**
 * The probe contract: every kind of attempt the browser-side runtime knows
 * (servers/runtime/probes/<kind>.js), declared once with the shape of its parameters AND the
 * shape of the observation it reports. Scenario types are derived from this table, so a
 * misspelled parameter, or an expectation on a key a probe never reports, is a compile error
 * (and, for data built at run time, a load error).
 */
import { z } from 'zod';
import { isOriginName, ORIGIN_NAMES, type OriginName } from '../../protocol/origins.ts';

/** A catalog origin's name, or an extra origin registered in this process (a user's server in the audit). */
export const originName = z.custom<OriginName>(isOriginName, {
  error: (i) => `${JSON.stringify(i.input)} is not an origin of the network (catalog: ${ORIGIN_NAMES.join(', ')}; or a registered extra origin)`,
});

/** Whether a target's `response` names a path on a user's own server rather than a declared response. */
export function isUpstreamPath(response: string): boolean {
  return response.startsWith('/');
}

/**
 * A reference to a response on an origin of the network; the planner turns it into a URL. `response`
 * names a declared response, or — starting with `/` — a path on the user's own server behind an
 * extra origin (forwarded by the fixture server's gateway).
 */
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
  /** <iframe credentialless>: loaded in a new ephemeral context, without credentials. */
  credentialless: z.boolean().optional(),
  name: z.string().optional(),
  features: z.string().optional(),
});

const headersRecord = z.record(z.string(), z.string());
const waitMs = z.number().int().min(100).max(10_000).optional();
const accessTarget = z.union([z.enum(['parent', 'top', 'opener', 'self', 'frame', 'popup']), z.templateLiteral(['handle:', z.string().regex(/^\w+$/)])]);

/** Keys every observation may carry: the runtime's own account of a probe that could not run. */
const runtimeKeys = {
  timedOut: z.boolean().optional(),
  probeError: z.string().optional(),
  /** Set when the probe ran inside `context`: whether that browsing context came up. */
  contextReady: z.boolean().optional(),
  contextOpened: z.boolean().optional(),
  /** How long the probe took, added by the runner page. */
  _ms: z.number().optional(),
};
function observation<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ ...shape, ...runtimeKeys });
}
const b = z.boolean().optional();
const s = z.string().optional();

/** OP.attempt(): { allowed, error?, valueType? }. */
const attempt = { allowed: b, error: s, valueType: s };

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

interface Contract<P extends z.ZodType, O extends z.ZodType> {
  params: P;
  observation: O;
  /**
   * Whether a (partial) observation records that the boundary stopped the action or that
   * something never happened. Such a record proves nothing unless a control in the same visit
   * shows the probe works, so it needs one, as an expected block does. Probes that report a
   * state (isolation, gated) rather than attempt an action have no such notion.
   */
  blocks: (o: Record<string, unknown>) => boolean;
}
function contract<P extends z.ZodType, O extends z.ZodType>(c: Contract<P, O>): Contract<P, O> {
  return c;
}
const isFalse = (o: Record<string, unknown>, ...keys: string[]) => keys.some((k) => o[k] === false);
const hasError = (o: Record<string, unknown>) => typeof o.error === 'string';
const runtimeBlock = (o: Record<string, unknown>) => isFalse(o, 'contextReady');

const windowAccess = contract({
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
});

const fetchObservation = observation({ ...fetchResult, repeats: z.array(z.strictObject(fetchResult)).optional() });
const fetchBlocks = (o: Record<string, unknown>): boolean =>
  runtimeBlock(o) ||
  isFalse(o, 'resolved', 'bodyReadable') ||
  hasError(o) ||
  Object.values((o.headers ?? {}) as Record<string, unknown>).some((v) => v === null) ||
  (Array.isArray(o.repeats) && o.repeats.some((r) => fetchBlocks(r as Record<string, unknown>)));

const fetchProbe = contract({
  params: z.strictObject({
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
  }),
  observation: fetchObservation,
  blocks: fetchBlocks,
});

const xhr = contract({
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
});

const storage = contract({
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
});

const embed = contract({
  params: z.strictObject({
    element: z.enum(['img', 'script', 'style', 'iframe', 'audio', 'video']),
    target: targetRef,
    crossorigin: z.enum(['anonymous', 'use-credentials', '']).optional(),
    read: z.enum(['canvas', 'cssRules', 'frame-document', 'none']).optional(),
    signal: z.string().optional(),
    waitMs,
  }),
  observation: observation({
    loaded: b,
    event: z.enum(['load', 'error', 'none']).optional(),
    /** The read-back attempt (canvas pixels, cssRules, the frame's document). */
    read: z.strictObject(attempt).optional(),
    /** What scripts under test passed to OP.signal(name). */
    signals: z.array(z.unknown()).optional(),
    /** The first window error event while the script ran: HTML's "report an exception" fields. */
    scriptError: z
      .strictObject({
        message: s,
        muted: b,
        filename: z.enum(['', 'src', 'other']),
        lineno: z.number(),
        colno: z.number(),
        error: z.enum(['null', 'undefined', 'object', 'string', 'number', 'boolean', 'function', 'symbol', 'bigint']),
      })
      .nullable()
      .optional(),
  }),
  blocks: (o) =>
    runtimeBlock(o) ||
    isFalse(o, 'loaded') ||
    o.event === 'error' ||
    o.event === 'none' ||
    isFalse((o.read ?? {}) as Record<string, unknown>, 'allowed') ||
    (Array.isArray(o.signals) && o.signals.length === 0),
});

const popup = contract({
  params: z.strictObject({
    open: targetRef,
    via: z.enum(['open', 'anchor']).optional(),
    rel: z.string().optional(),
    name: z.string().optional(),
    features: z.string().optional(),
    waitMs,
    navigate: targetRef.optional(),
    pongMs: z.number().int().min(100).max(5000).optional(),
    navWaitMs: waitMs,
  }),
  observation: observation({
    opened: b,
    openError: s,
    /** The popup posted to the mailbox, and what it saw of itself. */
    report: b,
    popupOpener: z.string().optional(),
    popupOrigin: s,
    popupIsolated: b,
    hello: b,
    /** The opener's view of popup.closed; null when there is no handle (anchors), 'error:…' when it threw. */
    closed: z.union([z.boolean(), z.string()]).nullable().optional(),
    pong: b,
    pongOrigin: s,
    pingError: s,
    navigate: z.strictObject({ error: s, report: b, opener: s, origin: s, closed: z.union([z.boolean(), z.string()]).optional() }).optional(),
  }),
  // A severed opener relation is this probe's expected block: no opener, no hello, no pong.
  blocks: (o) =>
    runtimeBlock(o) ||
    isFalse(o, 'opened', 'report', 'hello', 'pong') ||
    o.popupOpener === 'null' ||
    isFalse((o.navigate ?? {}) as Record<string, unknown>, 'report'),
});

const worker = contract({
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
});

const postMessage = contract({
  params: z.strictObject({
    target: z.enum(['parent', 'top', 'opener', 'frame', 'popup', 'data-frame']),
    open: targetRef.optional(),
    sandbox: z.string().optional(),
    targetOrigin: z.union([z.string(), targetRef]).optional(),
    waitMs,
  }),
  observation: observation({
    targetReady: b,
    posted: b,
    error: s,
    delivered: b,
    /** event.origin at the receiver. */
    origin: s,
    receiverOrigin: s,
    dataOrigin: s,
  }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'targetReady', 'posted', 'delivered') || hasError(o),
});

const documentDomain = contract({
  params: z.strictObject({ set: z.string().optional() }),
  observation: observation({ before: s, allowed: b, error: s, after: s, originAgentCluster: b }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'allowed') || hasError(o),
});

const formPost = contract({
  params: z.strictObject({
    target: targetRef,
    method: z.enum(['POST', 'GET']).optional(),
    enctype: z.string().optional(),
    fields: z.record(z.string(), z.string()).optional(),
    into: z.enum(['frame', 'popup']).optional(),
    waitMs,
  }),
  // What arrived is server evidence.
  observation: observation({ submitted: b, error: s }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'submitted') || hasError(o),
});

const navigate = contract({
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
});

const isolation = contract({
  params: z.strictObject({}),
  observation: observation({
    origin: s,
    isSecureContext: b,
    crossOriginIsolated: b,
    sharedArrayBuffer: b,
    sabConstructible: b,
    sharedWasmMemory: b,
  }),
  blocks: runtimeBlock,
});

const gated = contract({
  params: z.strictObject({}),
  observation: observation({
    crossOriginIsolated: b,
    /** typeof performance.measureUserAgentSpecificMemory */
    measureUserAgentSpecificMemory: s,
    sabPostMessage: b,
    postError: s,
  }),
  blocks: runtimeBlock,
});

/** What a page can read of one member of a frame: the value, or the exception's name. */
const frameRead = z.strictObject({ allowed: b, value: z.string().nullable().optional(), error: s });

const frameView = contract({
  /** via 'popup': the document opens in a new window (a user's page whose isolation is read, in the audit). */
  params: z.strictObject({ target: targetRef, via: z.enum(['iframe', 'popup']).optional(), waitMs }),
  // Values, not only "allowed": a blocked frame still showing the page's own initial about:blank
  // must never read as the same-origin document that was asked for.
  observation: observation({
    loadEvent: b,
    hello: b,
    helloOrigin: s,
    contentDocument: s,
    href: frameRead.optional(),
    origin: frameRead.optional(),
    url: frameRead.optional(),
    /** Popups: the opener's view of closed (a browsing context group switch severs the window). */
    closed: b,
    /** The page reads a document of the target's origin in it (the target, or a redirect on that origin). */
    showsTarget: b,
    /** That document's self.crossOriginIsolated (only when showsTarget). */
    crossOriginIsolated: b,
  }),
  blocks: (o) =>
    runtimeBlock(o) ||
    isFalse(o, 'hello', 'loadEvent', 'showsTarget') ||
    o.closed === true ||
    o.contentDocument === 'null' ||
    ['href', 'origin', 'url'].some((k) => isFalse((o[k] ?? {}) as Record<string, unknown>, 'allowed')),
});

// ---- the parsing catalog (header parsing at scale)

const frameLoad = contract({
  params: z.strictObject({
    target: targetRef,
    /** Child indexes from the created frame to the window whose document is checked ([0]: a wrapper frames it). */
    path: z.array(z.number().int().min(0)).optional(),
    waitMs,
  }),
  // A refused frame still fires load (an error page), so `rendered` comes from the document
  // itself: the checked window has exactly the one child frame its declared document holds.
  observation: observation({
    event: z.enum(['load', 'none']).optional(),
    rendered: b,
    /** The checked window's length (its child frames), null when unreachable. */
    length: z.number().int().nullable().optional(),
    error: s,
  }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'rendered') || o.event === 'none' || hasError(o),
});

const resourceTiming = contract({
  params: z.strictObject({
    target: targetRef,
    mode: z.enum(['cors', 'no-cors']).optional(),
    credentials: z.enum(['omit', 'same-origin', 'include']).optional(),
    waitMs,
  }),
  // Resource Timing zeroes the network timings of a response that fails the TAO check.
  observation: observation({
    resolved: b,
    error: s,
    /** A PerformanceResourceTiming entry for the URL was found. */
    entry: b,
    /** requestStart > 0: the TAO check passed. */
    timingAllowed: b,
    responseStart: b,
  }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'resolved', 'entry', 'timingAllowed') || hasError(o),
});

const storageAccess = contract({
  params: z.strictObject({ request: z.boolean().optional() }),
  observation: observation({
    /** document.hasStorageAccess() before any request. */
    has: b,
    hasError: s,
    /** navigator.userActivation.isActive when the request is made (a probe has none of its own). */
    activation: b,
    /** requestStorageAccess(): 'granted' when it resolved, else the rejection's name ('absent' when there is no such method). */
    requested: s,
    hasAfter: b,
  }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'has', 'hasAfter') || (typeof o.requested === 'string' && o.requested !== 'granted') || hasError(o),
});

/** A browsing context reached from the page through frames and popups, outermost first ([] is the page). */
const contextPath = z.array(contextSpec).max(4);

/** The storage APIs the partition probe writes and reads (each keyed by storage key in its standard). */
export const PARTITION_APIS = [
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'cacheStorage',
  'broadcastChannel',
  'sharedWorker',
  'serviceWorker',
  'webLocks',
  'blobUrl',
] as const;
export type PartitionApi = (typeof PARTITION_APIS)[number];

const partition = contract({
  params: z.strictObject({
    api: z.enum(PARTITION_APIS),
    value: z.string().min(1),
    /** Where the value is written (posted, registered, held, created) and where it is looked for. */
    writer: contextPath,
    reader: contextPath,
    /** After writing, the value is removed here (another partition, or the writer's own as a control). */
    remove: contextPath.optional(),
    /** The reader asks a dedicated worker it starts (indexedDB, cacheStorage, webLocks). */
    inWorker: z.boolean().optional(),
    /** The SharedWorker script (sharedWorker) or the service worker script (serviceWorker), on the contexts' origin. */
    sharedWorker: targetRef.optional(),
    serviceWorker: targetRef.optional(),
    /** How long a reader waits for a broadcast message before saying it saw none. */
    waitMs,
  }),
  observation: observation({
    /** Per role: whether that context came up (shared with every partition probe of the visit). */
    contexts: z.strictObject({ writer: b, reader: b, remove: b }).optional(),
    written: b,
    writeError: s,
    removed: b,
    /** What the reader found: the value, 'registered' / 'held' for registrations and locks, null for nothing. */
    value: z.string().nullable().optional(),
    readError: s,
  }),
  blocks: (o) =>
    runtimeBlock(o) ||
    isFalse(o, 'written') ||
    o.value === null ||
    typeof o.readError === 'string' ||
    Object.values((o.contexts ?? {}) as Record<string, unknown>).some((v) => v === false),
});

const arrival = contract({
  /** How long to wait is part of the question: reports are sent on the browser's own schedule. */
  params: z.strictObject({ target: targetRef, waitMs }),
  observation: observation({ arrived: b }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'arrived'),
});

/** The kinds a sequence step may run (every kind but sequence itself). */
const STEP_CONTRACTS = {
  'window-access': windowAccess,
  fetch: fetchProbe,
  xhr,
  isolation,
  embed,
  storage,
  popup,
  worker,
  gated,
  'post-message': postMessage,
  'document-domain': documentDomain,
  'form-post': formPost,
  navigate,
  'frame-view': frameView,
  'frame-load': frameLoad,
  'resource-timing': resourceTiming,
  arrival,
} as const;
type StepKind = keyof typeof STEP_CONTRACTS;

const step = z.discriminatedUnion(
  'kind',
  (Object.keys(STEP_CONTRACTS) as StepKind[]).map((kind) =>
    z.strictObject({
      kind: z.literal(kind),
      params: STEP_CONTRACTS[kind].params,
      /** Run inside this named context (declared in `contexts`); the page itself when absent. */
      in: z.string().optional(),
      waitMs: z.number().int().min(0).max(3000).optional(),
    }),
  ) as unknown as [AnyStepSchema, ...AnyStepSchema[]],
);
type StepSchema<K extends StepKind> = z.ZodObject<{
  kind: z.ZodLiteral<K>;
  params: (typeof STEP_CONTRACTS)[K]['params'];
  in: z.ZodOptional<z.ZodString>;
  waitMs: z.ZodOptional<z.ZodNumber>;
}>;
type AnyStepSchema = { [K in StepKind]: StepSchema<K> }[StepKind];

/** Any step's observation: the union of every step kind's. */
const anyStepObservation = z.union(
  (Object.keys(STEP_CONTRACTS) as StepKind[]).map((k) => STEP_CONTRACTS[k].observation) as unknown as [
    (typeof STEP_CONTRACTS)[StepKind]['observation'],
    ...Array<(typeof STEP_CONTRACTS)[StepKind]['observation']>,
  ],
);

const sequence = contract({
  params: z.strictObject({
    contexts: z.record(z.string(), contextSpec).optional(),
    steps: z.array(step).min(1),
  }),
  observation: observation({
    /** Per named context: whether it came up. */
    contexts: z.record(z.string(), z.boolean()).optional(),
    /** One observation per step, in order. */
    steps: z.array(anyStepObservation).optional(),
  }),
  // A sequence records a block when any of its steps does (judged by that step's own contract).
  blocks: (o) => runtimeBlock(o) || Object.values((o.contexts ?? {}) as Record<string, unknown>).some((v) => v === false),
});

export const PROBES = { ...STEP_CONTRACTS, sequence, partition, 'storage-access': storageAccess } as const;

export type ProbeKind = keyof typeof PROBES;
export const PROBE_KINDS = Object.keys(PROBES) as ProbeKind[];
/** Parameters as a scenario writes them. */
export type ProbeParams<K extends ProbeKind> = z.input<(typeof PROBES)[K]['params']>;
/** The full observation a probe of kind K can report. */
export type ProbeObservation<K extends ProbeKind> = z.infer<(typeof PROBES)[K]['observation']>;

/** Whether a (partial) observation of a probe records a block or an absence (see Contract.blocks). */
export function recordsBlock(kind: string, observation: Record<string, unknown>, params?: unknown): boolean {
  const c = PROBES[kind as ProbeKind];
  if (!c) return false;
  if (c.blocks(observation)) return true;
  if (kind === 'sequence') {
    const steps = (params as { steps?: Array<{ kind: string; params: unknown }> } | undefined)?.steps ?? [];
    const observed = (observation.steps ?? []) as Array<Record<string, unknown>>;
    return observed.some((o, i) => o && typeof o === 'object' && steps[i] && recordsBlock(steps[i].kind, o, steps[i].params));
  }
  return false;
}
