/**
 * WebSockets are outside CORS: the handshake carries the script's origin in `Origin` and the
 * user's cookies (credentials mode "include"), and a server that accepts it lets the page read
 * every message. Whether a cross-site page can talk to a server is the server's choice, by
 * checking `Origin` (RFC 6455 §10.2) — the point of cross-site WebSocket hijacking.
 *
 * From pages, workers and frames that are same-origin, same-site and cross-site to the endpoint
 * (and a sandboxed, opaque-origin frame), each row states on the line: the `Origin` the server
 * sees, the cookies (SameSite Strict, Lax, None and unspecified, set first-party on site.test
 * and other.test) the handshake carries, and whether the message exchange goes through — with an
 * endpoint that accepts any Origin, and one that accepts only https://site.test (403 otherwise).
 * A `ws:` socket from a secure context is mixed content and never sent. Every refusal has a
 * control that opens the same socket where it is allowed, and every row that expects cookies
 * withheld has one that sees them all first-party.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ContextInput, ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { originUrl, ORIGINS, type OriginName } from '../../protocol/origins.ts';
import { agent } from '../lib.ts';

const area = 'network/websockets';

const cookiesOn = (at: OriginName, domain: string) =>
  ['ws_strict=1; SameSite=Strict', 'ws_lax=1; SameSite=Lax', 'ws_none=1; SameSite=None', 'ws_default=1'].map((c) => ({
    at,
    setCookie: `${c}; Secure; Domain=${domain}; Path=/`,
  }));
/** Every page of the area carries the same cookies, so pages of one origin share a visit. */
const COOKIES = [...cookiesOn('site', 'site.test'), ...cookiesOn('other', 'other.test')];
const ALL = ['ws_default', 'ws_lax', 'ws_none', 'ws_strict'];
/** A cross-site handshake is not a top-level navigation: only SameSite=None goes (unspecified is Lax). */
const CROSS_SITE = ['ws_none'];

const OPEN: DeclaredResponse = { websocket: {} };
const CHECKED: DeclaredResponse = { websocket: { origins: ['site'] } };

/**
 * A refused or blocked socket is a failed connection: error, then close in the same task (code 1006,
 * not clean: no Close frame was received).
 */
const FAILED = { failed: true, closeAfterError: true, closeCode: 1006, wasClean: false };

const SPEC: CitationId[] = ['websocketConstructor', 'websocketEstablish', 'originHeader', 'websocketOrigin'];
const COOKIE_SPEC: CitationId[] = ['sameSite', 'siteForCookies', 'thirdPartyCookies'];

/** Where the socket is opened from: a page, a worker of it, or a frame inside it. */
interface From {
  slug: string;
  what: string;
  page: OriginName;
  frame?: { at: OriginName; sandbox?: string };
  worker?: boolean;
  /** The origin the handshake carries, serialized. */
  origin: string;
  /** The origin the socket is opened by, for a control that allows it ('null' for an opaque one). */
  self: OriginName | 'null';
  /** The site for cookies of the context (RFC 6265bis §5.2): null in a frame with a cross-site ancestor. */
  siteForCookies: string | null;
}

const FROM: From[] = [
  { slug: 'page-site', what: 'a page on https://site.test', page: 'site', origin: 'https://site.test', self: 'site', siteForCookies: 'site.test' },
  {
    slug: 'page-site-port',
    what: 'a page on https://site.test:8443',
    page: 'sitePort',
    origin: 'https://site.test:8443',
    self: 'sitePort',
    siteForCookies: 'site.test',
  },
  { slug: 'page-sub', what: 'a page on https://sub.site.test', page: 'sub', origin: 'https://sub.site.test', self: 'sub', siteForCookies: 'site.test' },
  { slug: 'page-other', what: 'a page on https://other.test', page: 'other', origin: 'https://other.test', self: 'other', siteForCookies: 'other.test' },
  {
    slug: 'worker-site',
    what: 'a worker of https://site.test',
    page: 'site',
    worker: true,
    origin: 'https://site.test',
    self: 'site',
    siteForCookies: 'site.test',
  },
  {
    slug: 'worker-other',
    what: 'a worker of https://other.test',
    page: 'other',
    worker: true,
    origin: 'https://other.test',
    self: 'other',
    siteForCookies: 'other.test',
  },
  {
    slug: 'frame-sub-in-site',
    what: 'a https://sub.site.test frame in https://site.test',
    page: 'site',
    frame: { at: 'sub' },
    origin: 'https://sub.site.test',
    self: 'sub',
    siteForCookies: 'site.test',
  },
  {
    slug: 'frame-other-in-site',
    what: 'a https://other.test frame in https://site.test',
    page: 'site',
    frame: { at: 'other' },
    origin: 'https://other.test',
    self: 'other',
    siteForCookies: null,
  },
  {
    slug: 'frame-site-in-other',
    what: 'a https://site.test frame in https://other.test',
    page: 'other',
    frame: { at: 'site' },
    origin: 'https://site.test',
    self: 'site',
    siteForCookies: null,
  },
  {
    slug: 'frame-sandboxed-in-site',
    what: 'a sandboxed (opaque-origin) frame in https://site.test',
    page: 'site',
    frame: { at: 'site', sandbox: 'allow-scripts' },
    origin: 'null',
    self: 'null',
    siteForCookies: null,
  },
];

const word = (name: OriginName) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const siteOf = (name: OriginName) => ORIGINS[name as keyof typeof ORIGINS].site;

function context(from: From): ContextInput[] | undefined {
  if (!from.frame) return undefined;
  return [{ via: 'iframe', at: from.frame.at, response: 'ctx', ...(from.frame.sandbox ? { sandbox: from.frame.sandbox } : {}) }];
}

function probe(from: From, to: OriginName, extra: { context?: ContextInput[] } = {}): ScenarioInput['probe'] {
  const ctx = extra.context ?? context(from);
  return {
    kind: 'websocket',
    params: { target: { at: to, response: 'ws' }, ...(from.worker ? { inWorker: true } : {}) },
    ...(ctx ? { context: ctx, timeoutMs: 10_000 } : { timeoutMs: 6000 }),
  };
}

/** The cookies the handshake to `to` carries: all of them same-site, only SameSite=None cross-site. */
function expectedCookies(from: From, to: OriginName): string[] {
  return from.siteForCookies === siteOf(to) ? ALL : CROSS_SITE;
}

/**
 * The control of a row that expects cookies withheld: the same socket opened from the page's own
 * origin (frames move there too, unsandboxed), which must carry every cookie of that site.
 */
function cookieControl(from: From, endpoint?: DeclaredResponse) {
  const frame = from.frame ? [{ via: 'iframe' as const, at: from.page, response: 'ctx' }] : undefined;
  const patch = { ...(frame ? { probe: { context: frame } } : {}), ...(endpoint ? { responses: { ws: endpoint } } : {}) };
  return {
    sameOrigin: true,
    ...(Object.keys(patch).length ? { patch } : {}),
    expect: { observation: { opened: true, echoed: true }, evidence: { ws: { arrived: true, cookies: ALL } } },
  };
}

/** An endpoint that accepts any Origin: the exchange goes through from anywhere, with the cookies of the handshake. */
function open(from: From, to: OriginName): ScenarioInput {
  const cookies = expectedCookies(from, to);
  const crossSite = cookies !== ALL;
  return {
    id: `network.websockets.${from.slug}.open.${word(to)}`,
    area,
    title: `${from.what} opens wss to ${originUrl(to)} (any Origin accepted): exchanged; Origin ${from.origin}, cookies ${cookies.join(' ')}`,
    spec: [...SPEC, ...COOKIE_SPEC],
    page: { at: from.page, cookies: COOKIES },
    responses: { ws: OPEN, ...(from.frame ? { ctx: agent() } : {}) },
    probe: probe(from, to),
    expect: {
      blocked: false,
      observation: { constructed: true, opened: true, read: true, echoed: true },
      evidence: { ws: { arrived: true, origin: from.origin, cookies, handshake: 101 } },
    },
    ...(crossSite ? { control: cookieControl(from) } : {}),
  } as ScenarioInput;
}

/** An endpoint that accepts only https://site.test: every other Origin gets 403 and the page reads nothing. */
function checked(from: From): ScenarioInput {
  const accepted = from.origin === originUrl('site');
  const cookies = expectedCookies(from, 'site');
  const id = `network.websockets.${from.slug}.checked.site`;
  const base = {
    id,
    area,
    spec: [...SPEC, 'websocketServerOrigin', ...COOKIE_SPEC] as CitationId[],
    page: { at: from.page, cookies: COOKIES },
    responses: { ws: CHECKED, ...(from.frame ? { ctx: agent() } : {}) },
    probe: probe(from, 'site'),
  };
  if (accepted) {
    return {
      ...base,
      title: `${from.what} opens wss to a https://site.test endpoint that accepts only Origin https://site.test: exchanged, cookies ${cookies.join(' ')}`,
      expect: {
        blocked: false,
        observation: { opened: true, read: true, echoed: true },
        evidence: { ws: { arrived: true, origin: from.origin, cookies, handshake: 101 } },
      },
      // The checking endpoint moved with the control accepts the page's own origin there.
      ...(cookies !== ALL ? { control: cookieControl(from, { websocket: { origins: [from.page] } }) } : {}),
    } as ScenarioInput;
  }
  return {
    ...base,
    spec: [...base.spec, 'websocketFeedback'],
    title: `${from.what} opens wss to a https://site.test endpoint that accepts only Origin https://site.test: refused (403 to Origin ${from.origin}), nothing read`,
    expect: {
      blocked: true,
      observation: { constructed: true, opened: false, read: false, ...FAILED },
      evidence: { ws: { arrived: true, origin: from.origin, handshake: 403 } },
    },
    // The same endpoint accepting the context's own origin: the socket opens.
    control: {
      patch: { responses: { ws: { websocket: { origins: [from.self] } } } },
      expect: { observation: { opened: true, echoed: true }, evidence: { ws: { handshake: 101 } } },
    },
  } as ScenarioInput;
}

/** ws: (not wss:) from a secure context is blockable mixed content: never sent; the control opens wss: instead. */
function mixed(from: From): ScenarioInput {
  return {
    id: `network.websockets.${from.slug}.mixed.http-site`,
    area,
    title: `${from.what} opens ws://site.test (mixed content): blocked, never sent`,
    spec: [...SPEC, 'websocketMixedContent', 'websocketFeedback'],
    page: { at: from.page, cookies: COOKIES },
    responses: { ws: OPEN, ...(from.frame ? { ctx: agent() } : {}) },
    probe: probe(from, 'httpSite'),
    // The constructor has no mixed-content step: Fetch blocks the request, which fails the connection.
    expect: { blocked: true, observation: { constructed: true, opened: false, read: false, ...FAILED }, evidence: { ws: { arrived: false } } },
    control: {
      patch: { probe: { params: { target: { at: 'site' } } } },
      expect: { observation: { opened: true, echoed: true }, evidence: { ws: { arrived: true, handshake: 101 } } },
    },
  } as ScenarioInput;
}

/** From an http page nothing is mixed content: ws: and wss: both open. */
function fromHttpPage(to: OriginName): ScenarioInput {
  const scheme = ORIGINS[to as keyof typeof ORIGINS].scheme === 'https' ? 'wss' : 'ws';
  return {
    id: `network.websockets.page-http-site.open.${word(to)}`,
    area,
    title: `a page on http://site.test opens ${scheme} to ${originUrl(to)}: exchanged, Origin http://site.test`,
    spec: SPEC,
    page: { at: 'httpSite', cookies: COOKIES },
    responses: { ws: OPEN },
    probe: { kind: 'websocket', params: { target: { at: to, response: 'ws' } }, timeoutMs: 6000 },
    expect: {
      blocked: false,
      observation: { constructed: true, opened: true, read: true, echoed: true },
      evidence: { ws: { arrived: true, origin: 'http://site.test', handshake: 101 } },
    },
  } as ScenarioInput;
}

const TARGETS: OriginName[] = ['site', 'sitePort', 'sub', 'other'];
export const MIXED_FROM = ['page-site', 'page-sub', 'page-other', 'worker-site', 'frame-other-in-site', 'frame-sandboxed-in-site'];

export const scenarios: ScenarioInput[] = [
  ...FROM.flatMap((from) => TARGETS.map((to) => open(from, to))),
  ...FROM.map(checked),
  ...FROM.filter((f) => MIXED_FROM.includes(f.slug)).map(mixed),
  ...(['httpSite', 'httpSitePort', 'site', 'other'] as OriginName[]).map(fromHttpPage),
];

/** The rows whose handshake the standard sends with only the SameSite=None cookie (for the engines' third-party cookie policies). */
export const CROSS_SITE_COOKIE_ROWS: string[] = scenarios
  .filter((s) => (s.expect.evidence as Record<string, { cookies?: string[] }> | undefined)?.ws?.cookies === CROSS_SITE)
  .map((s) => s.id);
