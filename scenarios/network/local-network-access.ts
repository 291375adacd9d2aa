/**
 * Local Network Access: a page in the public, local or loopback address space (protocol/address-space.ts)
 * sends requests to hosts in each space. A request whose target is less public than the page is a
 * local network request: without the "local-network" / "loopback-network" permission (none is
 * granted here, and no prompt is answered) it is a network error, raised when the connection is
 * obtained and before the request is sent, so the server never sees it; from a page that is not a
 * secure context it fails whatever the permission. Every row states its answer (`reaches` or
 * `never sent`) and the grid (page space × target space × request kind) is in the title; every blocked
 * row's control sends the same request to the page's own origin, in the same visit, and it arrives.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { addressSpaceOf, type AddressSpace } from '../../protocol/address-space.ts';
import { originUrl, type OriginName } from '../../protocol/origins.ts';
import { HTML_DOC, PNG, TEXT, data, script } from '../lib.ts';

const area = 'network/local-network-access';
const ANY: Array<[string, string]> = [['Access-Control-Allow-Origin', '*']];
const SPEC: CitationId[] = ['lnaAddressSpace', 'lnaRequest', 'lnaCheck', 'lnaPermissions', 'lnaHtml'];

/** public (most public) > local > loopback (least public). */
const RANK: Record<AddressSpace, number> = { public: 2, local: 1, loopback: 0 };
/** §2.2: a local network request goes to a less public address space than its client's. */
export const isLocalNetworkRequest = (from: AddressSpace, to: AddressSpace) => RANK[to] < RANK[from];

type Outcome = 'reaches' | 'never sent';

interface Kind {
  slug: string;
  what: string;
  response: DeclaredResponse;
  probe: (to: OriginName) => ScenarioInput['probe'];
  /** What the page observes when the request reaches the server (to its own origin or another), and when it is a network error. */
  allowed: (sameOrigin: boolean) => Record<string, unknown>;
  blocked: Record<string, unknown>;
}

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
];

const word = (name: OriginName) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

interface Row {
  id: string;
  title: string;
  page: OriginName;
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
    spec: [...SPEC, ...r.spec],
    page: { at: r.page },
    responses: { res: r.kind.response },
    probe: r.probe ?? r.kind.probe(r.to),
    expect: { blocked: never, observation: never ? r.kind.blocked : allowed, evidence: { res: { arrived: !never } } },
    // A blocked row, and a targetAddressSpace row (an engine may be recorded to block it), get the
    // same request to the page's own origin: same origin, so the check returns null, and it arrives.
    ...(never || r.probe ? { control: { sameOrigin: true, expect: { observation: r.kind.allowed(true), evidence: { res: { arrived: true } } } } } : {}),
  } as ScenarioInput;
}

/** The page's space, the target's, the kind, and the answer the standard gives with no permission granted. */
function grid(page: OriginName, kind: Kind, to: OriginName, spec: CitationId[] = []): ScenarioInput {
  const [from, target] = [addressSpaceOf(page), addressSpaceOf(to)];
  const outcome: Outcome = isLocalNetworkRequest(from, target) ? 'never sent' : 'reaches';
  const secure = originUrl(page).startsWith('https:');
  return build({
    id: `network.lna.${from}${secure ? '' : '-http'}.${kind.slug}.${target}`,
    title: `${from}${secure ? '' : ' (http, not a secure context)'} → ${target}: ${kind.what} from ${originUrl(page)} to ${originUrl(to)}, no permission granted: ${outcome}`,
    page,
    kind,
    to,
    outcome,
    spec,
  });
}

/** fetch() with targetAddressSpace: in the named space the check returns null; in another, a network error. */
function targeted(page: OriginName, to: OriginName, named: 'local' | 'loopback'): ScenarioInput {
  const kind = KINDS[0];
  const [from, target] = [addressSpaceOf(page), addressSpaceOf(to)];
  const outcome: Outcome = named === target ? 'reaches' : 'never sent';
  return build({
    id: `network.lna.${from}.fetch-target-${named}.${word(to)}`,
    title: `${from} → ${target}: fetch(…, { targetAddressSpace: '${named}' }) from ${originUrl(page)} to ${originUrl(to)} (${named === target ? 'the space it is in' : 'not the space it is in'}): ${outcome}`,
    page,
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

export const scenarios: ScenarioInput[] = [
  ...PAGES.flatMap((page) => KINDS.flatMap((kind) => TARGETS.map((to) => grid(page, kind, to)))),
  ...KINDS.flatMap((kind) => TARGETS.map((to) => grid('httpLnaPublic', kind, to, ['lnaSecureContext']))),
  targeted('lnaPublic', 'lnaLocal', 'local'),
  targeted('lnaPublic', 'lnaLoopback', 'loopback'),
  targeted('lnaPublic', 'lnaLocal', 'loopback'),
  targeted('lnaPublic', 'lnaLoopback', 'local'),
  targeted('lnaLocal', 'lnaLoopback', 'loopback'),
  targeted('lnaLocal', 'lnaLoopback', 'local'),
  // Same space, another origin: named wrongly, still a network error (the page is loopback too).
  targeted('lnaLoopback', 'site', 'local'),
];

/**
 * The rows the standard answers "never sent", by request kind, with what the page observes when
 * the request reaches the server instead (for engines recorded not to check, scenarios/deviations/).
 */
export function lnaNeverSent(filter: (id: string) => boolean): Array<{ ids: string[]; reached: Record<string, unknown> }> {
  const never = scenarios.filter((s) => s.expect.blocked && filter(s.id));
  return KINDS.map((kind) => ({
    ids: never.filter((s) => (s.responses?.res as DeclaredResponse | undefined) === kind.response).map((s) => s.id),
    // Never-sent rows go to another origin; null marks a key of the blocked observation absent (no error).
    reached: { ...kind.allowed(false), ...(kind.blocked.error ? { error: null } : {}) },
  })).filter((g) => g.ids.length);
}
