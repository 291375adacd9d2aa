/**
 * Fetch Metadata: the `Sec-Fetch-Site`, `-Mode`, `-Dest` and `-User` headers the server sees on
 * every kind of request the catalog makes — from an https page and from an http one, across
 * redirect chains (a cross-site hop taints the rest of the chain), and from frames whose origin is
 * not the page's (another site, a sandboxed opaque origin). Each row's expected headers are
 * computed by the Fetch Metadata model (harness/model/fetch/metadata.ts) and written into the
 * title, so the answer is on the line.
 */
import { fetchMetadata, type RequestMode } from '../../harness/model/fetch/metadata.ts';
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ContextInput, ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { originUrl, type OriginName } from '../../protocol/origins.ts';
import { HTML_DOC, PNG, TEXT, WAV, agent, data, image, script, stylesheet } from '../lib.ts';

const area = 'network/fetch-metadata';
const ANY: Array<[string, string]> = [['Access-Control-Allow-Origin', '*']];

/** One kind of request: how the page makes it, what it asks for, and Fetch's mode and destination for it. */
interface RequestKind {
  slug: string;
  what: string;
  mode: RequestMode;
  destination: string;
  navigation?: boolean;
  /** The request only reaches its own origin (workers, mode "same-origin"). */
  sameOriginOnly?: boolean;
  response: DeclaredResponse;
  probe: (target: { at: OriginName; response: string }) => ScenarioInput['probe'];
  spec: CitationId[];
}

const KINDS: RequestKind[] = [
  {
    slug: 'fetch-cors',
    what: 'fetch()',
    mode: 'cors',
    destination: '',
    response: data(ANY),
    probe: (target) => ({ kind: 'fetch', params: { target } }),
    spec: [],
  },
  {
    slug: 'fetch-no-cors',
    what: "fetch(…, { mode: 'no-cors' })",
    mode: 'no-cors',
    destination: '',
    response: TEXT,
    probe: (target) => ({ kind: 'fetch', params: { target, mode: 'no-cors' } }),
    spec: [],
  },
  {
    slug: 'fetch-same-origin',
    what: "fetch(…, { mode: 'same-origin' })",
    mode: 'same-origin',
    destination: '',
    sameOriginOnly: true,
    response: TEXT,
    probe: (target) => ({ kind: 'fetch', params: { target, mode: 'same-origin' } }),
    spec: [],
  },
  {
    slug: 'xhr',
    what: 'XMLHttpRequest',
    mode: 'cors',
    destination: '',
    response: data(ANY),
    probe: (target) => ({ kind: 'xhr', params: { target } }),
    spec: [],
  },
  {
    slug: 'img',
    what: '<img>',
    mode: 'no-cors',
    destination: 'image',
    response: PNG,
    probe: (target) => ({ kind: 'embed', params: { element: 'img', target } }),
    spec: [],
  },
  {
    slug: 'img-cors',
    what: '<img crossorigin>',
    mode: 'cors',
    destination: 'image',
    response: image(ANY),
    probe: (target) => ({ kind: 'embed', params: { element: 'img', target, crossorigin: 'anonymous' } }),
    spec: [],
  },
  {
    slug: 'script',
    what: '<script>',
    mode: 'no-cors',
    destination: 'script',
    response: script('/* originproof */'),
    probe: (target) => ({ kind: 'embed', params: { element: 'script', target } }),
    spec: ['scriptFetch'],
  },
  {
    slug: 'script-cors',
    what: '<script crossorigin>',
    mode: 'cors',
    destination: 'script',
    response: script('/* originproof */', ANY),
    probe: (target) => ({ kind: 'embed', params: { element: 'script', target, crossorigin: 'anonymous' } }),
    spec: ['scriptFetch'],
  },
  {
    slug: 'style',
    what: '<link rel=stylesheet>',
    mode: 'no-cors',
    destination: 'style',
    response: stylesheet('#op-none { color: red }'),
    probe: (target) => ({ kind: 'embed', params: { element: 'style', target } }),
    spec: ['stylesheetFetch'],
  },
  {
    slug: 'style-cors',
    what: '<link rel=stylesheet crossorigin>',
    mode: 'cors',
    destination: 'style',
    response: stylesheet('#op-none { color: red }', ANY),
    probe: (target) => ({ kind: 'embed', params: { element: 'style', target, crossorigin: 'anonymous' } }),
    spec: ['stylesheetFetch'],
  },
  {
    slug: 'audio',
    what: '<audio>',
    mode: 'no-cors',
    destination: 'audio',
    response: WAV,
    probe: (target) => ({ kind: 'embed', params: { element: 'audio', target } }),
    spec: [],
  },
  {
    slug: 'video',
    what: '<video>',
    mode: 'no-cors',
    destination: 'video',
    response: WAV,
    probe: (target) => ({ kind: 'embed', params: { element: 'video', target } }),
    spec: [],
  },
  {
    slug: 'iframe',
    what: '<iframe>',
    mode: 'navigate',
    destination: 'iframe',
    navigation: true,
    response: HTML_DOC,
    probe: (target) => ({ kind: 'embed', params: { element: 'iframe', target } }),
    spec: [],
  },
  {
    slug: 'form-frame',
    what: 'a form POST into an iframe',
    mode: 'navigate',
    destination: 'iframe',
    navigation: true,
    response: HTML_DOC,
    probe: (target) => ({ kind: 'form-post', params: { target, into: 'frame' } }),
    spec: [],
  },
  {
    slug: 'worker',
    what: 'new Worker()',
    mode: 'same-origin',
    destination: 'worker',
    sameOriginOnly: true,
    response: script('postMessage({ ran: true });'),
    probe: (target) => ({ kind: 'worker', params: { target } }),
    spec: [],
  },
  {
    slug: 'module-worker',
    what: "new Worker(…, { type: 'module' })",
    // A top-level worker module script is fetched in same-origin mode, not cors.
    mode: 'same-origin',
    destination: 'worker',
    sameOriginOnly: true,
    response: script('postMessage({ ran: true });'),
    probe: (target) => ({ kind: 'worker', params: { target, type: 'module' } }),
    spec: ['fetchSingleModuleScript'],
  },
];

const SPEC: CitationId[] = [
  'fetchMetadataAppend',
  'fetchMetadataSite',
  'fetchMetadataMode',
  'fetchMetadataDest',
  'fetchMetadataUser',
  'httpNetworkOrCacheFetch',
];

/** What the model expects the server to log for a request from `origin` whose URL list is `urls`. */
function expected(kind: RequestKind, origin: string, urls: OriginName[]) {
  const m = fetchMetadata({
    origin,
    urlList: urls.map(originUrl),
    mode: kind.mode,
    destination: kind.destination,
    navigation: kind.navigation,
  });
  return { arrived: true, secFetchSite: m.site, secFetchMode: m.mode, secFetchDest: m.dest, secFetchUser: m.user };
}

function said(e: ReturnType<typeof expected>): string {
  return e.secFetchSite === null ? 'no Sec-Fetch-* header' : `${e.secFetchSite} / ${e.secFetchMode} / ${e.secFetchDest}`;
}

/** One request straight to `to`, from the page at `page`. */
function direct(kind: RequestKind, page: OriginName, to: OriginName): ScenarioInput {
  const e = expected(kind, originUrl(page), [to]);
  return {
    id: `network.fetch-metadata.${word(page)}.${kind.slug}.${word(to)}`,
    area,
    title: `${kind.what} from ${originUrl(page)} to ${originUrl(to)}: ${said(e)}`,
    spec: [...SPEC, ...kind.spec],
    page: { at: page },
    responses: { res: kind.response },
    probe: kind.probe({ at: to, response: 'res' }),
    expect: { blocked: false, observation: {}, evidence: { res: e } },
  } as ScenarioInput;
}

/** A redirect from `via` to `to`: each hop's headers, the second from the URL list of both. */
function redirected(kind: RequestKind, page: OriginName, via: OriginName, to: OriginName): ScenarioInput {
  const origin = originUrl(page);
  const first = expected(kind, origin, [via]);
  const second = expected(kind, origin, [via, to]);
  const cors = kind.mode === 'cors' ? ANY : [];
  return {
    id: `network.fetch-metadata.redirect.${kind.slug}.${word(via)}-${word(to)}`,
    area,
    title: `${kind.what} from ${origin} redirected by ${originUrl(via)} to ${originUrl(to)}: hop 1 ${said(first)}, hop 2 ${said(second)}`,
    spec: [...SPEC, 'fetchMetadataRedirects', ...kind.spec],
    page: { at: page },
    responses: { hop: { status: 302, headers: [['Location', `{{url:${to}:res}}`], ...cors] }, res: kind.response },
    probe: kind.probe({ at: via, response: 'hop' }),
    expect: { blocked: false, observation: {}, evidence: { hop: first, res: second } },
  } as ScenarioInput;
}

/** The request made by a frame inside the page: its origin is the frame's, not the page's. */
function fromFrame(kind: RequestKind, frame: { slug: string; at: OriginName; sandbox?: string }, to: OriginName): ScenarioInput {
  const origin = frame.sandbox !== undefined ? 'null' : originUrl(frame.at);
  const e = expected(kind, origin, [to]);
  const context: ContextInput = { via: 'iframe', at: frame.at, response: 'ctx', ...(frame.sandbox !== undefined ? { sandbox: frame.sandbox } : {}) };
  const probe = { ...kind.probe({ at: to, response: 'res' }), context: [context], timeoutMs: 10_000 };
  return {
    id: `network.fetch-metadata.frame.${frame.slug}.${kind.slug}.${word(to)}`,
    area,
    title: `${kind.what} from a frame (${frame.sandbox !== undefined ? `sandboxed, origin null, at ${originUrl(frame.at)}` : originUrl(frame.at)}) in https://site.test, to ${originUrl(to)}: ${said(e)}`,
    spec: [...SPEC, ...kind.spec],
    responses: { ctx: agent(), res: kind.response },
    probe,
    expect: { blocked: false, observation: {}, evidence: { res: e } },
  } as ScenarioInput;
}

/** An origin's name as an id word: sitePort → site-port. */
const word = (name: OriginName) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const byKind = (slug: string) => KINDS.find((k) => k.slug === slug)!;

function targetsFor(page: OriginName, all: OriginName[]): (kind: RequestKind) => OriginName[] {
  return (kind) => (kind.sameOriginOnly ? [page] : all);
}

const pages: Array<{ page: OriginName; targets: OriginName[] }> = [
  // An https page: same origin, same site (other port, other host), another site.
  { page: 'site', targets: ['site', 'sitePort', 'sub', 'other', 'otherSub'] },
  // An http page: http targets are not potentially trustworthy (no header); https://site.test is schemefully cross-site.
  { page: 'httpSite', targets: ['httpSite', 'httpSub', 'site', 'other'] },
];

/** From a subdomain page, the parent domain is same-site: a few kinds, not the whole table. */
const SUB_PAGE_KINDS = ['fetch-cors', 'fetch-no-cors', 'img', 'script', 'iframe'].map(byKind);
const SUB_PAGE_TARGETS: OriginName[] = ['sub', 'site', 'www', 'other'];

const CHAINS: Array<[OriginName, OriginName]> = [
  ['other', 'site'],
  ['sub', 'site'],
  ['sitePort', 'site'],
  ['site', 'other'],
  ['site', 'sub'],
  ['sub', 'other'],
];
const CHAIN_KINDS = ['fetch-cors', 'fetch-no-cors', 'img', 'script', 'style', 'iframe'].map(byKind);

const FRAMES = [
  { slug: 'cross-site', at: 'other' as OriginName },
  { slug: 'sandboxed', at: 'site' as OriginName, sandbox: 'allow-scripts' },
];
const FRAME_KINDS = ['fetch-no-cors', 'img', 'iframe'].map(byKind);

export const scenarios: ScenarioInput[] = [
  ...pages.flatMap(({ page, targets }) => KINDS.flatMap((kind) => targetsFor(page, targets)(kind).map((to) => direct(kind, page, to)))),
  ...SUB_PAGE_KINDS.flatMap((kind) => SUB_PAGE_TARGETS.map((to) => direct(kind, 'sub', to))),
  ...CHAIN_KINDS.flatMap((kind) => CHAINS.map(([via, to]) => redirected(kind, 'site', via, to))),
  ...FRAME_KINDS.flatMap((kind) => FRAMES.flatMap((frame) => (['site', 'sub', 'other'] as OriginName[]).map((to) => fromFrame(kind, frame, to)))),
];
