/**
 * Storage partitioning beyond cookies: each storage API written in one browsing context and
 * looked for in another of the same origin under another top-level site (and the reverse),
 * under a same-site top level, and nested (A in B in A). The model is Client-Side Storage
 * Partitioning's: a storage key is (top-level site, origin), and sessionStorage is also per
 * traversable (a popup is another traversable, so a popup never shares it).
 *
 * Every "not visible" has a control in the same visit: the same write read by another document of
 * the writer's own partition (a same-origin frame in the writer's top level, or a sibling frame),
 * which must see it. All probes of a visit share its frames and popups (see partition.js).
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import { PARTITION_APIS, type PartitionApi } from '../../probes/partition/index.ts';
import type { ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { CatalogOriginName } from '../../protocol/origins.ts';
import { AGENT, script } from '../lib.ts';

const area = 'storage/partitioning';

type Hop = { via: 'iframe' | 'popup'; at: CatalogOriginName; response: 'doc'; name?: string; credentialless?: boolean };
const frame = (at: CatalogOriginName, name?: string): Hop => ({ via: 'iframe', at, response: 'doc', ...(name ? { name } : {}) });
/** <iframe credentialless>: its storage is keyed by the page's credentialless nonce as well. */
const anonFrame = (at: CatalogOriginName, name?: string): Hop => ({ ...frame(at, name), credentialless: true });
const popup = (at: CatalogOriginName): Hop => ({ via: 'popup', at, response: 'doc' });

/**
 * The contexts, each with what keys its storage: top-level site, origin, and traversable (the
 * page's tab, or a popup). `sibling` names another document of the same key and traversable: a
 * hidden value's control reads there.
 */
const CONTEXTS = {
  page: { path: [], top: 'site.test', origin: 'site', tab: 'page', sibling: 'pageFrame', says: 'the page (site.test, first-party)' },
  pageFrame: { path: [frame('site')], top: 'site.test', origin: 'site', tab: 'page', sibling: 'page', says: 'a site.test frame in the page' },
  b1p: { path: [popup('other')], top: 'other.test', origin: 'other', tab: 'b', sibling: 'b1pFrame', says: 'other.test first-party (a popup)' },
  b1pFrame: {
    path: [popup('other'), frame('other')],
    top: 'other.test',
    origin: 'other',
    tab: 'b',
    sibling: 'b1pFrameSibling',
    says: 'an other.test frame in the other.test popup',
  },
  b1pFrameSibling: {
    path: [popup('other'), frame('other', 'sibling')],
    top: 'other.test',
    origin: 'other',
    tab: 'b',
    says: 'a second other.test frame in the other.test popup',
  },
  b3p: { path: [frame('other')], top: 'site.test', origin: 'other', tab: 'page', sibling: 'b3pSibling', says: 'other.test framed by site.test' },
  b3pSibling: { path: [frame('other', 'sibling')], top: 'site.test', origin: 'other', tab: 'page', says: 'a second other.test frame in site.test' },
  bSameSiteTop: {
    path: [popup('otherSub'), frame('other')],
    top: 'other.test',
    origin: 'other',
    tab: 'bsub',
    sibling: 'bSameSiteTopSibling',
    says: 'other.test framed by sub.other.test (a same-site top level)',
  },
  bSameSiteTopSibling: { path: [popup('otherSub'), frame('other', 'sibling')], top: 'other.test', origin: 'other', tab: 'bsub', says: 'a second such frame' },
  bSitePortTop: {
    path: [popup('sitePort'), frame('other')],
    top: 'site.test',
    origin: 'other',
    tab: 'aport',
    sibling: 'bSitePortTopSibling',
    says: 'other.test framed by site.test:8443 (top-level site site.test again)',
  },
  bSitePortTopSibling: { path: [popup('sitePort'), frame('other', 'sibling')], top: 'site.test', origin: 'other', tab: 'aport', says: 'a second such frame' },
  aba: {
    path: [frame('other'), frame('site')],
    top: 'site.test',
    origin: 'site',
    tab: 'page',
    sibling: 'abaSibling',
    says: 'site.test in other.test in site.test (A→B→A)',
  },
  abaSibling: { path: [frame('other'), frame('site', 'sibling')], top: 'site.test', origin: 'site', tab: 'page', says: 'a second A→B→A frame' },
  a3p: { path: [popup('other'), frame('site')], top: 'other.test', origin: 'site', tab: 'b', sibling: 'a3pSibling', says: 'site.test framed by other.test' },
  a3pSibling: { path: [popup('other'), frame('site', 'sibling')], top: 'other.test', origin: 'site', tab: 'b', says: 'a second site.test frame in other.test' },
  pageAnon: {
    path: [anonFrame('site')],
    top: 'site.test',
    origin: 'site',
    tab: 'page',
    nonce: 'page',
    sibling: 'pageAnonSibling',
    says: 'a credentialless site.test frame in the page',
  },
  pageAnonSibling: {
    path: [anonFrame('site', 'sibling')],
    top: 'site.test',
    origin: 'site',
    tab: 'page',
    nonce: 'page',
    says: 'a second credentialless site.test frame',
  },
  bAnon: {
    path: [anonFrame('other')],
    top: 'site.test',
    origin: 'other',
    tab: 'page',
    nonce: 'page',
    sibling: 'bAnonSibling',
    says: 'a credentialless other.test frame in site.test',
  },
  bAnonSibling: {
    path: [anonFrame('other', 'sibling')],
    top: 'site.test',
    origin: 'other',
    tab: 'page',
    nonce: 'page',
    says: 'a second credentialless other.test frame',
  },
} as const satisfies Record<string, { path: Hop[]; top: string; origin: CatalogOriginName; tab: string; nonce?: 'page'; sibling?: string; says: string }>;
type Ctx = keyof typeof CONTEXTS;

/** Writer → reader pairs: first-party vs third-party both ways, same-site top levels, nested. */
const RELATIONS: Array<[Ctx, Ctx]> = [
  ['b1p', 'b3p'],
  ['b3p', 'b1p'],
  ['b1p', 'bSameSiteTop'],
  ['bSameSiteTop', 'b1p'],
  ['b3p', 'bSitePortTop'],
  ['bSitePortTop', 'b3p'],
  ['b3p', 'bSameSiteTop'],
  ['page', 'aba'],
  ['aba', 'page'],
  ['page', 'a3p'],
  ['a3p', 'page'],
  ['page', 'pageAnon'],
  ['pageAnon', 'page'],
  ['b3p', 'bAnon'],
  ['bAnon', 'b3p'],
  ['bAnon', 'bAnonSibling'],
  ['pageFrame', 'aba'],
  ['b1pFrame', 'b3p'],
  ['a3p', 'aba'],
  ['bSitePortTop', 'bSameSiteTop'],
  ['pageAnon', 'pageAnonSibling'],
  // A popup's top document and its own frame: one key and one traversable (sessionStorage too).
  ['b1p', 'b1pFrame'],
];

const API_SPEC: Record<PartitionApi, CitationId[]> = {
  localStorage: ['localStorage'],
  sessionStorage: ['sessionStorage'],
  indexedDB: ['indexedDB'],
  cacheStorage: ['cacheStorage'],
  broadcastChannel: ['broadcastChannel'],
  sharedWorker: ['sharedWorker'],
  serviceWorker: ['serviceWorkerRegistration'],
  webLocks: ['webLocks'],
  blobUrl: ['blobUrlStore'],
};
const API_SLUG: Record<PartitionApi, string> = {
  localStorage: 'local',
  sessionStorage: 'session',
  indexedDB: 'idb',
  cacheStorage: 'cache',
  broadcastChannel: 'broadcast',
  sharedWorker: 'shared-worker',
  serviceWorker: 'service-worker',
  webLocks: 'locks',
  blobUrl: 'blob-url',
};
/** What a reader finds when the value is visible. */
const FOUND: Partial<Record<PartitionApi, string>> = { serviceWorker: 'registered', webLocks: 'held' };
const SLUG: Record<Ctx, string> = {
  page: 'page',
  pageFrame: 'page-frame',
  b1p: 'b-first-party',
  b1pFrame: 'b-first-party-frame',
  b1pFrameSibling: 'b-first-party-frame-sibling',
  b3p: 'b-in-a',
  b3pSibling: 'b-in-a-sibling',
  bSameSiteTop: 'b-in-b-sub',
  bSameSiteTopSibling: 'b-in-b-sub-sibling',
  bSitePortTop: 'b-in-a-port',
  bSitePortTopSibling: 'b-in-a-port-sibling',
  aba: 'a-in-b-in-a',
  abaSibling: 'a-in-b-in-a-sibling',
  a3p: 'a-in-b',
  a3pSibling: 'a-in-b-sibling',
  pageAnon: 'page-credentialless',
  pageAnonSibling: 'page-credentialless-sibling',
  bAnon: 'b-credentialless-in-a',
  bAnonSibling: 'b-credentialless-in-a-sibling',
};

/**
 * The model: the same storage key (top-level site, origin, and the page's credentialless nonce for
 * credentialless frames), and for sessionStorage the same traversable.
 */
export function sharesStorage(api: PartitionApi, w: Ctx, r: Ctx): boolean {
  const a: { top: string; origin: string; tab: string; nonce?: string } = CONTEXTS[w];
  const b: { top: string; origin: string; tab: string; nonce?: string } = CONTEXTS[r];
  return a.top === b.top && a.origin === b.origin && a.nonce === b.nonce && (api !== 'sessionStorage' || a.tab === b.tab);
}

const WORKER_SCRIPTS = {
  // A SharedWorker that keeps one value in memory for whoever connects to the same instance.
  shw: script('var v=null;onconnect=function(e){var p=e.ports[0];p.onmessage=function(m){if(m.data.set!==undefined)v=m.data.set;p.postMessage({value:v});};};'),
  sw: script('self.addEventListener("install",function(){self.skipWaiting();});'),
};

function anon(ctx: Ctx): boolean {
  return 'nonce' in CONTEXTS[ctx];
}

function origin(ctx: Ctx): CatalogOriginName {
  return CONTEXTS[ctx].origin;
}

function params(api: PartitionApi, w: Ctx, r: Ctx, extra: { inWorker?: boolean; also?: Ctx; remove?: Ctx } = {}): ScenarioOf<'partition'>['probe']['params'] {
  return {
    api,
    value: 'written',
    writer: CONTEXTS[w].path,
    reader: CONTEXTS[r].path,
    ...(extra.remove ? { remove: CONTEXTS[extra.remove].path } : {}),
    ...(extra.inWorker ? { inWorker: true } : {}),
    ...(api === 'sharedWorker' ? { sharedWorker: { at: origin(w), response: 'shw' } } : {}),
    ...(api === 'serviceWorker' ? { serviceWorker: { at: origin(w), response: 'sw' } } : {}),
  };
}

function build(api: PartitionApi, w: Ctx, r: Ctx, variant: { inWorker?: boolean } = {}): ScenarioOf<'partition'> {
  const visible = sharesStorage(api, w, r);
  const found = FOUND[api] ?? 'written';
  const sibling = (CONTEXTS[w] as { sibling?: Ctx }).sibling;
  const how = variant.inWorker ? ' (read by a dedicated worker there)' : '';
  const why = visible
    ? 'same storage key'
    : api === 'sessionStorage' && CONTEXTS[w].top === CONTEXTS[r].top && CONTEXTS[w].origin === CONTEXTS[r].origin
      ? 'another traversable'
      : 'another storage key';
  const s: ScenarioOf<'partition'> = {
    id: `storage.partition.${API_SLUG[api]}.${SLUG[w]}.to.${SLUG[r]}${variant.inWorker ? '.worker' : ''}`,
    area,
    title: `${api}: written by ${CONTEXTS[w].says}, ${visible ? 'visible' : 'not visible'} to ${CONTEXTS[r].says}${how} (${why})`,
    spec: [...API_SPEC[api], 'storagePartitioning', 'storageKey', ...(anon(w) || anon(r) ? (['credentiallessIframe'] as const) : [])],
    responses: { doc: AGENT, ...WORKER_SCRIPTS },
    probe: { kind: 'partition', params: params(api, w, r, variant), timeoutMs: 10_000 },
    expect: { blocked: !visible, observation: { contexts: { writer: true, reader: true }, written: true, value: visible ? found : null } },
  };
  // Every relation gets the control (a deviation may record "not visible" where the model says visible).
  if (!sibling) throw new Error(`storage/partitioning: ${w} has no sibling for a control`);
  s.control = {
    patch: { probe: { params: { reader: CONTEXTS[sibling].path, inWorker: variant.inWorker === true } } },
    expect: { observation: { contexts: { writer: true, reader: true }, written: true, value: found } },
  };
  return s;
}

/** Removing the value in one partition leaves the other's (and the removal itself works: its control). */
function removal(api: 'localStorage' | 'indexedDB' | 'cacheStorage'): ScenarioOf<'partition'>[] {
  const spec: CitationId[] = [...API_SPEC[api], 'storagePartitioning', 'storageKey'];
  const base = { area, spec, responses: { doc: AGENT }, probe: { kind: 'partition' as const, timeoutMs: 10_000 } };
  return [
    {
      ...base,
      id: `storage.partition.${API_SLUG[api]}.remove-third-party.keeps-first-party`,
      title: `${api}: removed by other.test framed in site.test, still visible to other.test first-party (the partitions are separate)`,
      probe: { ...base.probe, params: { api, value: 'written', writer: CONTEXTS.b1p.path, remove: CONTEXTS.b3p.path, reader: CONTEXTS.b1pFrame.path } },
      expect: { blocked: false, observation: { contexts: { writer: true, reader: true, remove: true }, written: true, removed: true, value: 'written' } },
    },
    {
      ...base,
      id: `storage.partition.${API_SLUG[api]}.remove-first-party.keeps-third-party`,
      title: `${api}: written by other.test framed in site.test, removed by other.test first-party, still visible to a second such frame (the partitions are separate)`,
      probe: { ...base.probe, params: { api, value: 'written', writer: CONTEXTS.b3p.path, remove: CONTEXTS.b1p.path, reader: CONTEXTS.b3pSibling.path } },
      expect: { blocked: false, observation: { contexts: { writer: true, reader: true, remove: true }, written: true, removed: true, value: 'written' } },
    },
    {
      ...base,
      id: `storage.partition.${API_SLUG[api]}.remove-first-party.gone-first-party`,
      title: `${api}: removed first-party on other.test, gone for other.test first-party (the removal works)`,
      probe: { ...base.probe, params: { api, value: 'written', writer: CONTEXTS.b1p.path, remove: CONTEXTS.b1p.path, reader: CONTEXTS.b1pFrame.path } },
      expect: { blocked: true, observation: { contexts: { writer: true, reader: true, remove: true }, written: true, removed: true, value: null } },
      control: {
        patch: { probe: { params: { remove: CONTEXTS.b3p.path } } },
        expect: { observation: { contexts: { writer: true, reader: true, remove: true }, written: true, removed: true, value: 'written' } },
      },
    },
  ];
}

const APIS: PartitionApi[] = [...PARTITION_APIS];
const WORKER_APIS: PartitionApi[] = ['indexedDB', 'cacheStorage', 'webLocks'];
const WORKER_RELATIONS: Array<[Ctx, Ctx]> = [
  ['b1p', 'b3p'],
  ['b3p', 'b1p'],
  ['b1p', 'bSameSiteTop'],
  ['page', 'a3p'],
  ['page', 'aba'],
  ['b3p', 'bSitePortTop'],
  ['bSameSiteTop', 'b1p'],
  ['a3p', 'page'],
  ['aba', 'page'],
];

/**
 * Left out: sessionStorage written by a frame inside a popup. In Firefox 153 such a value reached
 * the popup's other documents (its top, a sibling frame) in some runs and not in others within
 * the visit, so no control holds there; listed as open in docs/document-side.md.
 */
const judgeable = (api: PartitionApi, w: Ctx): boolean => {
  const path: readonly Hop[] = CONTEXTS[w].path;
  return !(api === 'sessionStorage' && path.length > 1 && path[0]?.via === 'popup');
};

export const scenarios: ScenarioInput[] = [
  ...APIS.flatMap((api) => RELATIONS.filter(([w]) => judgeable(api, w)).map(([w, r]) => build(api, w, r))),
  ...WORKER_APIS.flatMap((api) => WORKER_RELATIONS.map(([w, r]) => build(api, w, r, { inWorker: true }))),
  ...(['localStorage', 'indexedDB', 'cacheStorage'] as const).flatMap(removal),
];
