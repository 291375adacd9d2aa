/**
 * Local Network Access: a page in the public, local or loopback address space (protocol/address-space.ts)
 * sends requests to hosts in each space. A request whose target is less public than the page is a
 * local network request: it needs the page origin's "local-network" permission (to a local host) or
 * "loopback-network" (to a loopback host); without it (not granted: no prompt is answered, or denied)
 * it is a network error, raised when the connection is obtained and before the request is sent, so
 * the server never sees it; from a page that is not a secure context it fails whatever the
 * permission. The permissions are granted or denied per visit through the automation protocol
 * (the page's `grants`). Every row states its answer (`reaches` or `never sent`) and the grid
 * (permission state × page space × target space × request kind) is in the title; every blocked row's
 * control sends the same request to the page's own origin, in the same visit, and it arrives.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { addressSpaceOf, type AddressSpace } from '../../protocol/address-space.ts';
import { originUrl, type OriginName } from '../../protocol/origins.ts';
import type { LnaPermission, PageGrant } from '../../protocol/visit.ts';
import { AGENT, HTML_DOC, PNG, TEXT, data, script } from '../lib.ts';

const area = 'network/local-network-access';
const ANY: Array<[string, string]> = [['Access-Control-Allow-Origin', '*']];
/** A WebSocket endpoint that accepts any Origin and echoes. */
const WS: DeclaredResponse = { websocket: {} };
const SPEC: CitationId[] = ['lnaAddressSpace', 'lnaRequest', 'lnaCheck', 'lnaPermissions', 'lnaHtml'];

/** public (most public) > local > loopback (least public). */
const RANK: Record<AddressSpace, number> = { public: 2, local: 1, loopback: 0 };
/** §2.2: a local network request goes to a less public address space than its client's. */
export const isLocalNetworkRequest = (from: AddressSpace, to: AddressSpace) => RANK[to] < RANK[from];
/** §2.6: the permission a local network request needs: loopback-network to a loopback host, local-network to a local one. */
const permissionFor = (to: AddressSpace): LnaPermission => (to === 'loopback' ? 'loopback-network' : 'local-network');

/**
 * The page origin's permissions in a visit, set through the automation protocol before the page
 * loads: none (left at prompt, nothing answers it), both granted, both denied, or one granted.
 */
interface GrantState {
  /** In the id (absent for the not-granted rows, whose ids predate the states). */
  slug?: string;
  says: string;
  granted: LnaPermission[];
  denied: LnaPermission[];
  /** Rows from the public page only. */
  publicOnly?: boolean;
}
const NOT_GRANTED: GrantState = { says: 'no permission granted', granted: [], denied: [] };
const GRANTED: GrantState = { slug: 'granted', says: 'local-network and loopback-network granted', granted: ['local-network', 'loopback-network'], denied: [] };
/** The same grant for an http page: an engine may refuse to grant anything to an origin that is not secure (the answer is the same). */
const GRANTED_HTTP: GrantState = { ...GRANTED, says: `${GRANTED.says} (where the engine takes a grant for an origin that is not secure)` };
const STATES: GrantState[] = [
  GRANTED,
  { slug: 'denied', says: 'local-network and loopback-network denied', granted: [], denied: ['local-network', 'loopback-network'] },
  { slug: 'local-network-only', says: 'local-network granted, loopback-network not', granted: ['local-network'], denied: [] },
  // From the public page only: the local page's requests are to loopback hosts, which this state grants.
  { slug: 'loopback-network-only', says: 'loopback-network granted, local-network not', granted: ['loopback-network'], denied: [], publicOnly: true },
];

/** The visit's page, with its origin's permissions as the state says (grants are per visit, so rows are grouped by page and state). */
function pageWith(at: OriginName, state: GrantState): NonNullable<ScenarioInput['page']> {
  const grants: PageGrant[] = [
    ...state.granted.map((name) => ({ name, state: 'granted' as const, origin: at })),
    ...state.denied.map((name) => ({ name, state: 'denied' as const, origin: at })),
  ];
  return { at, ...(grants.length ? { grants } : {}) };
}

type Outcome = 'reaches' | 'never sent';

interface Kind {
  slug: string;
  what: string;
  response: DeclaredResponse;
  /** Other responses the probe needs (a popup's agent document). */
  more?: Record<string, DeclaredResponse>;
  /** The probe from `page` to `to`. */
  probe: (to: OriginName, page: OriginName) => ScenarioInput['probe'];
  /** What the page observes when the request reaches the server (to its own origin or another), and when it is a network error. */
  allowed: (sameOrigin: boolean) => Record<string, unknown>;
  blocked: Record<string, unknown>;
  /** Citations of the request kind itself. */
  spec?: CitationId[];
  /** Where the draft is tentative for this kind: said in the title of the rows whose local network request is let through. */
  tentativeWhenGranted?: string;
  /** Where the draft is tentative for this kind whatever the permission: said in every row's title. */
  tentative?: string;
}

/** The draft's Fetch integration (Note: "This includes navigations") beside its open issue on main-frame navigations. */
const NAV_TENTATIVE = "tentative: the draft's check covers navigations, and its open issue says only iframe navigations are gated in Chromium today";
/** The draft's step 8 returns a network error for a client with no associated Document, while its worker section applies the check to workers as to documents. */
const WORKER_TENTATIVE = 'tentative: the draft says workers are checked like documents, but its permission steps need an associated Document';

const KINDS: Kind[] = [
  {
    slug: 'fetch-cors',
    what: 'fetch()',
    response: data(ANY),
    probe: (to) => ({ kind: 'fetch', params: { target: { at: to, response: 'res' } } }),
    allowed: () => ({ resolved: true, bodyReadable: true }),
    blocked: { resolved: false, error: 'TypeError' },
  },
  {
    slug: 'fetch-no-cors',
    what: "fetch(…, { mode: 'no-cors' })",
    response: TEXT,
    probe: (to) => ({ kind: 'fetch', params: { target: { at: to, response: 'res' }, mode: 'no-cors' } }),
    // Another origin's response is opaque, nothing readable; the page's own is readable.
    allowed: (same) => (same ? { resolved: true, type: 'basic', bodyReadable: true } : { resolved: true, type: 'opaque', bodyReadable: false }),
    blocked: { resolved: false, error: 'TypeError' },
  },
  {
    slug: 'img',
    what: '<img>',
    response: PNG,
    probe: (to) => ({ kind: 'embed', params: { element: 'img', target: { at: to, response: 'res' } } }),
    allowed: () => ({ loaded: true, event: 'load' }),
    blocked: { loaded: false, event: 'error' },
  },
  {
    slug: 'script',
    what: '<script>',
    response: script('/* originproof */'),
    probe: (to) => ({ kind: 'embed', params: { element: 'script', target: { at: to, response: 'res' } } }),
    allowed: () => ({ loaded: true, event: 'load' }),
    blocked: { loaded: false, event: 'error' },
  },
  {
    // A frame's load event fires for an error document too: the server's log is the answer.
    slug: 'iframe',
    what: '<iframe>',
    response: HTML_DOC,
    probe: (to) => ({ kind: 'embed', params: { element: 'iframe', target: { at: to, response: 'res' } } }),
    allowed: () => ({ event: 'load' }),
    blocked: { event: 'load' },
  },
  {
    // A WebSocket's handshake is an HTTP fetch (WebSockets §4.1 obtain a WebSocket connection): the check applies.
    slug: 'websocket',
    what: 'new WebSocket()',
    response: WS,
    probe: (to) => ({ kind: 'websocket', params: { target: { at: to, response: 'res' } } }),
    allowed: () => ({ constructed: true, opened: true, read: true, echoed: true }),
    blocked: { constructed: true, opened: false, read: false },
    spec: ['websocketEstablish'],
  },
  {
    // A dedicated worker (blob: URL) has its creator's policy container, so its address space.
    slug: 'worker-websocket',
    what: 'new WebSocket() in a dedicated worker',
    response: WS,
    probe: (to) => ({ kind: 'websocket', params: { target: { at: to, response: 'res' }, inWorker: true } }),
    allowed: () => ({ constructed: true, opened: true, read: true, echoed: true }),
    blocked: { constructed: true, opened: false, read: false },
    spec: ['websocketEstablish', 'lnaWorkers'],
    tentativeWhenGranted: WORKER_TENTATIVE,
  },
  {
    // A dedicated worker's own fetch(): its request's client is the worker, its policy container the creator's.
    slug: 'worker-fetch',
    what: 'fetch() in a dedicated worker',
    response: data(ANY),
    probe: (to) => ({ kind: 'fetch', params: { target: { at: to, response: 'res' }, inWorker: true } }),
    allowed: () => ({ worker: true, resolved: true, bodyReadable: true }),
    blocked: { worker: true, resolved: false, error: 'TypeError' },
    spec: ['lnaWorkers'],
    tentativeWhenGranted: WORKER_TENTATIVE,
  },
];

/**
 * Top-level navigations the page starts: a popup opened at the URL, and a popup (an agent
 * document of the page's origin) the page then navigates with location.href. Whether the
 * navigation happened is the server's evidence; the page observes the same either way.
 */
const NAV_KINDS: Kind[] = [
  {
    slug: 'window-open',
    what: 'window.open() (a top-level navigation)',
    response: HTML_DOC,
    probe: (to) => ({ kind: 'navigate', params: { how: 'window-open', target: { at: to, response: 'res' } }, timeoutMs: 6000 }),
    allowed: () => ({ allowed: true, opened: true }),
    blocked: { allowed: true, opened: true },
    spec: ['lnaNavigations'],
    tentative: NAV_TENTATIVE,
  },
  {
    slug: 'popup-location',
    what: "a popup's location.href set by the page (a top-level navigation)",
    response: HTML_DOC,
    probe: (to, page) => ({
      kind: 'navigate',
      params: { how: 'location-href', via: 'popup', open: { at: page, response: 'ctx' }, target: { at: to, response: 'res' } },
      timeoutMs: 6000,
    }),
    more: { ctx: AGENT },
    allowed: () => ({ targetReady: true, allowed: true }),
    blocked: { targetReady: true, allowed: true },
    spec: ['lnaNavigations'],
    tentative: NAV_TENTATIVE,
  },
];

const word = (name: OriginName) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

interface Row {
  id: string;
  title: string;
  page: OriginName;
  state: GrantState;
  kind: Kind;
  to: OriginName;
  outcome: Outcome;
  spec: CitationId[];
  /** Overrides the kind's probe (targetAddressSpace rows). */
  probe?: ScenarioInput['probe'];
}

function build(r: Row): ScenarioInput {
  const never = r.outcome === 'never sent';
  const allowed = r.kind.allowed(r.to === r.page);
  return {
    id: r.id,
    area,
    title: r.title,
    spec: [...SPEC, ...(r.kind.spec ?? []), ...r.spec],
    page: pageWith(r.page, r.state),
    responses: { res: r.kind.response, ...r.kind.more },
    probe: r.probe ?? r.kind.probe(r.to, r.page),
    expect: { blocked: never, observation: never ? r.kind.blocked : allowed, evidence: { res: { arrived: !never } } },
    // A blocked row, and a targetAddressSpace row (an engine may be recorded to block it), get the
    // same request to the page's own origin: same origin, so the check returns null, and it arrives.
    ...(never || r.probe ? { control: { sameOrigin: true, expect: { observation: r.kind.allowed(true), evidence: { res: { arrived: true } } } } } : {}),
  } as ScenarioInput;
}

/**
 * §3.1.1: not a local network request: the check returns null. One to a page that is not a secure
 * context: a network error whatever the permission. Otherwise the permission its target needs decides.
 */
function outcomeOf(page: OriginName, to: OriginName, state: GrantState): Outcome {
  const [from, target] = [addressSpaceOf(page), addressSpaceOf(to)];
  if (!isLocalNetworkRequest(from, target)) return 'reaches';
  if (!originUrl(page).startsWith('https:')) return 'never sent';
  return state.granted.includes(permissionFor(target)) ? 'reaches' : 'never sent';
}

/** The page's space, the target's, the kind, and the answer the standard gives in the permission state. */
function grid(page: OriginName, kind: Kind, to: OriginName, spec: CitationId[] = [], state = NOT_GRANTED): ScenarioInput {
  const [from, target] = [addressSpaceOf(page), addressSpaceOf(to)];
  const outcome = outcomeOf(page, to, state);
  const secure = originUrl(page).startsWith('https:');
  const letThrough = isLocalNetworkRequest(from, target) && outcome === 'reaches';
  const tentative = kind.tentative ?? (letThrough ? kind.tentativeWhenGranted : undefined);
  return build({
    id: `network.lna.${state.slug ? `${state.slug}.` : ''}${from}${secure ? '' : '-http'}.${kind.slug}.${target}`,
    title: `${from}${secure ? '' : ' (http, not a secure context)'} → ${target}: ${kind.what} from ${originUrl(page)} to ${originUrl(to)}, ${state.says}: ${outcome}${
      tentative ? ` (${tentative})` : ''
    }`,
    page,
    state,
    kind,
    to,
    outcome,
    spec,
  });
}

/** fetch() with targetAddressSpace: in the named space the check returns null; in another, a network error (whatever the permission). */
function targeted(page: OriginName, to: OriginName, named: 'local' | 'loopback', state = NOT_GRANTED): ScenarioInput {
  const kind = KINDS[0];
  const [from, target] = [addressSpaceOf(page), addressSpaceOf(to)];
  const outcome: Outcome = named === target ? 'reaches' : 'never sent';
  return build({
    id: `network.lna.${state.slug ? `${state.slug}.` : ''}${from}.fetch-target-${named}.${word(to)}`,
    title: `${from} → ${target}: fetch(…, { targetAddressSpace: '${named}' }) from ${originUrl(page)} to ${originUrl(to)} (${named === target ? 'the space it is in' : 'not the space it is in'}), ${state.says}: ${outcome}`,
    page,
    state,
    kind,
    to,
    outcome,
    spec: ['lnaTargetAddressSpace'],
    probe: { kind: 'fetch', params: { target: { at: to, response: 'res' }, targetAddressSpace: named } },
  });
}

/** One https page per address space, and an http page in the public space. */
const PAGES: OriginName[] = ['lnaPublic', 'lnaLocal', 'lnaLoopback'];
const TARGETS: OriginName[] = ['lnaPublic', 'lnaLocal', 'lnaLoopback'];

/** The local network requests: public → local, public → loopback, local → loopback. */
const PAIRS: Array<[OriginName, OriginName]> = [
  ['lnaPublic', 'lnaLocal'],
  ['lnaPublic', 'lnaLoopback'],
  ['lnaLocal', 'lnaLoopback'],
];
/** The targetAddressSpace rows from the public and local pages: the named space, and the other one. */
const TARGETED: Array<[OriginName, OriginName, 'local' | 'loopback']> = [
  ['lnaPublic', 'lnaLocal', 'local'],
  ['lnaPublic', 'lnaLoopback', 'loopback'],
  ['lnaPublic', 'lnaLocal', 'loopback'],
  ['lnaPublic', 'lnaLoopback', 'local'],
  ['lnaLocal', 'lnaLoopback', 'loopback'],
  ['lnaLocal', 'lnaLoopback', 'local'],
];

export const scenarios: ScenarioInput[] = [
  ...PAGES.flatMap((page) => KINDS.flatMap((kind) => TARGETS.map((to) => grid(page, kind, to)))),
  ...KINDS.flatMap((kind) => TARGETS.map((to) => grid('httpLnaPublic', kind, to, ['lnaSecureContext']))),
  ...TARGETED.map(([page, to, named]) => targeted(page, to, named)),
  // Same space, another origin: named wrongly, still a network error (the page is loopback too).
  targeted('lnaLoopback', 'site', 'local'),
  // The permission states, on the local network requests: each state's rows share a visit per page.
  ...STATES.flatMap((state) =>
    PAIRS.filter(([page]) => !state.publicOnly || page === 'lnaPublic').flatMap(([page, to]) =>
      KINDS.map((kind) => grid(page, kind, to, ['lnaPermissions'], state)),
    ),
  ),
  // Granted, from a page that is not a secure context: still never sent (§2.4 holds whatever the permission).
  ...KINDS.flatMap((kind) => (['lnaLocal', 'lnaLoopback'] as OriginName[]).map((to) => grid('httpLnaPublic', kind, to, ['lnaSecureContext'], GRANTED_HTTP))),
  // Granted: targetAddressSpace naming the target's space reaches it; naming another is a network error all the same.
  ...TARGETED.map(([page, to, named]) => targeted(page, to, named, GRANTED)),
  // Top-level navigations of every local network request (public → local, public → loopback,
  // local → loopback), in every permission state that applies to the page (in the visits above).
  ...[NOT_GRANTED, ...STATES].flatMap((state) =>
    NAV_KINDS.flatMap((kind) =>
      PAIRS.filter(([page]) => !state.publicOnly || page === 'lnaPublic').map(([page, to]) => grid(page, kind, to, ['lnaPermissions'], state)),
    ),
  ),
  // From the http public page: never sent whatever the permission (§2.4).
  ...(['lnaLocal', 'lnaLoopback'] as OriginName[]).map((to) => grid('httpLnaPublic', NAV_KINDS[0], to, ['lnaSecureContext'])),
];

/**
 * The rows the standard answers "never sent", by request kind, with what the page observes when
 * the request reaches the server instead (for engines recorded not to check, scenarios/deviations/).
 */
export function lnaNeverSent(filter: (id: string) => boolean): Array<{ ids: string[]; reached: Record<string, unknown> }> {
  const never = scenarios.filter((s) => s.expect.blocked && filter(s.id));
  // The kind is in the id; the targetAddressSpace rows are fetch() rows.
  const kindOf = (id: string) => (id.includes('.fetch-target-') ? KINDS[0] : [...KINDS, ...NAV_KINDS].find((k) => id.includes(`.${k.slug}.`)));
  return [...KINDS, ...NAV_KINDS]
    .map((kind) => ({
      ids: never.filter((s) => kindOf(s.id) === kind).map((s) => s.id),
      // Never-sent rows go to another origin; null marks a key of the blocked observation absent (no error).
      reached: { ...kind.allowed(false), ...(kind.blocked.error ? { error: null } : {}) },
    }))
    .filter((g) => g.ids.length);
}
