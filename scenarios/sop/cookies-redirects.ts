/**
 * SameSite cookies on requests whose redirect chain crosses sites, in every order: same-site
 * throughout, cross → same, same → cross → same, same → cross. A request is same-site only when
 * "the origin of every url in the request's url list is same-site with the request's current url's
 * origin" (RFC 6265bis §5.2), so a chain that visits another site makes the request to the page's own
 * site cross-site; Fetch says the same through the request's redirect-taint ("determine the
 * same-site mode"). Requests: an image, a credentialed fetch, a frame and a form POST into a frame,
 * and top-level navigations (a popup by GET, a form POST into a new window). Each expected cookie
 * list comes from harness/model/fetch/same-site.ts and is written in the title.
 */
import { cookiesSent, type SameSiteValue } from '../../harness/model/fetch/same-site.ts';
import { responseTainting } from '../../harness/model/fetch/origin-header.ts';
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { originUrl, type OriginName } from '../../protocol/origins.ts';
import { AGENT, HTML_DOC, OPAQUE, PNG, TEXT } from '../lib.ts';

const area = 'sop/cookies-redirects';
const PAGE: OriginName = 'site';

/** Four cookies on the page's host and four on another site's, one per SameSite value. */
const JAR: Record<'site' | 'other', Array<{ name: string; sameSite: SameSiteValue }>> = {
  site: [
    { name: 'ss', sameSite: 'Strict' },
    { name: 'sl', sameSite: 'Lax' },
    { name: 'sn', sameSite: 'None' },
    { name: 'sd', sameSite: 'Default' },
  ],
  other: [
    { name: 'os', sameSite: 'Strict' },
    { name: 'ol', sameSite: 'Lax' },
    { name: 'on', sameSite: 'None' },
    { name: 'od', sameSite: 'Default' },
  ],
};
const COOKIES = (['site', 'other'] as const).flatMap((at) =>
  JAR[at].map((c) => ({ at, setCookie: `${c.name}=1; ${c.sameSite === 'Default' ? '' : `SameSite=${c.sameSite}; `}Secure; Path=/` })),
);

interface Kind {
  slug: string;
  what: string;
  method: 'GET' | 'POST';
  topLevel: boolean;
  response: DeclaredResponse;
  /** `end`: the last response of the chain (a form waits for it, not for the first hop). */
  probe: (target: { at: OriginName; response: string }, end: { at: OriginName; response: string }) => ScenarioInput['probe'];
  observation: Record<string, unknown>;
  spec: CitationId[];
}

const KINDS: Kind[] = [
  {
    slug: 'img',
    what: '<img>',
    method: 'GET',
    topLevel: false,
    response: PNG,
    probe: (target) => ({ kind: 'embed', params: { element: 'img', target } }),
    observation: { loaded: true },
    spec: ['imgFetch'],
  },
  {
    slug: 'fetch',
    what: "fetch(…, { mode: 'no-cors', credentials: 'include' })",
    method: 'GET',
    topLevel: false,
    response: TEXT,
    probe: (target) => ({ kind: 'fetch', params: { target, mode: 'no-cors', credentials: 'include' } }),
    // Opaque once a hop leaves the page's origin (main fetch's response tainting); see observationFor.
    observation: { resolved: true },
    spec: ['fetchCookies'],
  },
  {
    slug: 'iframe',
    what: '<iframe>',
    method: 'GET',
    topLevel: false,
    response: HTML_DOC,
    probe: (target) => ({ kind: 'embed', params: { element: 'iframe', target } }),
    observation: { loaded: true },
    spec: ['iframe'],
  },
  {
    slug: 'form-frame',
    what: 'a form POST into a frame',
    method: 'POST',
    topLevel: false,
    response: HTML_DOC,
    probe: (target, end) => ({ kind: 'form-post', params: { target, until: end } }),
    observation: { submitted: true },
    spec: ['formSubmission'],
  },
  {
    slug: 'top-get',
    what: 'a top-level GET navigation (window.open)',
    method: 'GET',
    topLevel: true,
    response: HTML_DOC,
    probe: (target, end) => ({ kind: 'navigate', params: { how: 'window-open', target, until: end }, timeoutMs: 8000 }),
    observation: { allowed: true },
    spec: ['windowOpen'],
  },
  {
    slug: 'top-post',
    what: 'a top-level form POST (target _blank)',
    method: 'POST',
    topLevel: true,
    response: HTML_DOC,
    probe: (target, end) => ({ kind: 'form-post', params: { target, into: 'popup', until: end }, timeoutMs: 8000 }),
    observation: { submitted: true },
    spec: ['formSubmission'],
  },
];

/** Redirect chains ending at the host whose cookies are checked; `slug` names the order. */
const CHAINS: Array<{ slug: string; chain: OriginName[] }> = [
  { slug: 'direct', chain: ['site'] },
  { slug: 'same-same', chain: ['sub', 'site'] },
  { slug: 'cross-same', chain: ['other', 'site'] },
  { slug: 'same-cross-same', chain: ['site', 'other', 'site'] },
  { slug: 'same-cross', chain: ['site', 'other'] },
];

const SPEC: CitationId[] = ['sameSiteRequest', 'sameSite', 'cookieRetrieval', 'siteForCookies', 'fetchSameSiteMode', 'redirectTaint'];

function expectedCookies(kind: Kind, chain: OriginName[]): string[] {
  const host = chain[chain.length - 1] === 'other' ? 'other' : 'site';
  return cookiesSent(JAR[host], { siteForCookies: originUrl(PAGE), urlList: chain.map(originUrl), method: kind.method, topLevelNavigation: kind.topLevel });
}

/** Hop names: hop1, hop2, … then `res`; each redirect is a 307, so a POST stays a POST. */
function chainResponses(kind: Kind, chain: OriginName[]): { names: string[]; responses: Record<string, DeclaredResponse> } {
  const names = chain.map((_, i) => (i === chain.length - 1 ? 'res' : `hop${i + 1}`));
  const responses: Record<string, DeclaredResponse> = {};
  chain.forEach((_, i) => {
    responses[names[i]] = i === chain.length - 1 ? kind.response : { status: 307, headers: [['Location', `{{url:${chain[i + 1]}:${names[i + 1]}}}`]] };
  });
  return { names, responses };
}

/** The fetch row reads an opaque response once main fetch taints it (a no-cors hop to another origin). */
function observationFor(kind: Kind, chain: OriginName[]): Record<string, unknown> {
  if (kind.slug !== 'fetch') return kind.observation;
  return responseTainting({ origin: originUrl(PAGE), urlList: chain.map(originUrl), mode: 'no-cors' }) === 'opaque' ? { ...OPAQUE } : kind.observation;
}

function row(kind: Kind, c: { slug: string; chain: OriginName[] }): ScenarioInput {
  const cookies = expectedCookies(kind, c.chain);
  const { names, responses } = chainResponses(kind, c.chain);
  const host = c.chain[c.chain.length - 1];
  const path = c.chain.length > 1 ? `through ${c.chain.map(originUrl).join(' → ')}` : `to ${originUrl(host)}`;
  const s: ScenarioInput = {
    id: `sop.cookies-redirects.${kind.slug}.${c.slug}`,
    area,
    title: `${kind.what} from ${originUrl(PAGE)} ${path}: carries ${cookies.length ? cookies.join(', ') : 'no cookie'} of ${host}'s Strict/Lax/None/unspecified`,
    spec: [...SPEC, ...kind.spec],
    page: { at: PAGE, cookies: COOKIES },
    responses,
    probe: kind.probe({ at: c.chain[0], response: names[0] }, { at: host, response: 'res' }),
    expect: { blocked: false, observation: observationFor(kind, c.chain), evidence: { res: { arrived: true, methods: [kind.method], cookies } } },
  } as ScenarioInput;
  const all = JAR[host === 'other' ? 'other' : 'site'].map((x) => x.name).sort();
  if (kind.topLevel || cookies.length === all.length) return s;
  // The control of a row that withholds cookies: the same request kept on one site shows every
  // cookie of the host exists and is logged. For the page's host the chain starts at sub.site.test
  // instead; for other.test's, the request goes straight to it from a popup on other.test (first-party).
  // Top-level rows have the direct row beside them instead (a popup each: the costliest probe).
  const control =
    host === 'site'
      ? { patch: { probe: { params: { target: { at: 'sub', response: names[names.length - 2] } } } } }
      : { patch: { probe: { context: [{ via: 'popup', at: 'other', response: 'ctx' }], params: { target: { at: 'other', response: 'res' } } } } };
  return {
    ...s,
    ...(host === 'site' ? {} : { responses: { ...responses, ctx: AGENT }, oneAtATime: true }),
    control: {
      ...control,
      expect: { observation: host === 'site' ? observationFor(kind, ['sub', 'site']) : kind.observation, evidence: { res: { arrived: true, cookies: all } } },
    },
  } as ScenarioInput;
}

export const scenarios: ScenarioInput[] = KINDS.flatMap((kind) => {
  const rows = CHAINS.map((c) => row(kind, c));
  // Popups and forms into new windows leave the page; they run one at a time, as the cookie rows do.
  return kind.topLevel ? rows.map((r) => ({ ...r, oneAtATime: true }) as ScenarioInput) : rows;
});
