/**
 * The Storage Access API with its permission set through the automation protocol before the page
 * loads (granted, denied, or left at prompt), in cross-site frames of site.test: hasStorageAccess(),
 * the permission's state, requestStorageAccess() without and with user activation (a real click of
 * the driver inside the frame), the first-party cookie of the framed site before and after, and
 * the Storage Access Headers: Sec-Fetch-Storage-Access on the frame's document and on its
 * credentialed requests, `Activate-Storage-Access: load` on a frame's document, and `retry` on a
 * subresource's response (server evidence: the retried request, its cookies).
 *
 * Every "not visible" has a control in the same visit: the same probe in a same-origin frame,
 * whose own first-party cookie (set by the same prelude) is visible and which has access.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { CatalogOriginName } from '../../protocol/origins.ts';
import type { PageGrant } from '../../protocol/visit.ts';
import { recordsBlock } from '../../probes/index.ts';
import { AGENT, TEXT, agent } from '../lib.ts';

const area = 'storage/access';
const COOKIE = 'saa';
type Hop = { via: 'iframe'; at: CatalogOriginName; response: string; sandbox?: string; allow?: string };
const frame = (at: CatalogOriginName, extra: Partial<Hop> = {}): Hop => ({ via: 'iframe', at, response: 'doc', ...extra });
/** An enclosing frame: its own response name, so the evidence on `doc` is the probed document's alone. */
const outer = (at: CatalogOriginName): Hop => frame(at, { response: 'outer' });

type State = 'granted' | 'denied' | 'prompt';
/** The page: site.test, with a first-party SameSite=None cookie set on site.test and on other.test (for its subdomains too), and the permission as the state says. */
function page(state: State): NonNullable<ScenarioInput['page']> {
  const grants: PageGrant[] | undefined = state === 'prompt' ? undefined : [{ name: 'storage-access', state, origin: 'site', embeddedOrigin: 'other' }];
  return {
    at: 'site',
    cookies: [
      { at: 'site', setCookie: `${COOKIE}=1; Path=/; Secure; SameSite=None` },
      { at: 'other', setCookie: `${COOKIE}=1; Path=/; Domain=other.test; Secure; SameSite=None` },
    ],
    ...(grants ? { grants } : {}),
  };
}

/** Where the probe runs: a document of other.test's site under the site.test top level. */
interface Where {
  slug: string;
  says: string;
  context: Hop[];
  /** The framed document's origin (its credentialed fetch goes there). */
  at: CatalogOriginName;
}
const WHERE: Where[] = [
  { slug: 'cross-site-frame', says: 'an other.test frame', context: [frame('other')], at: 'other' },
  { slug: 'cross-site-subdomain-frame', says: 'a sub.other.test frame (the permission is keyed by site)', context: [frame('otherSub')], at: 'otherSub' },
  { slug: 'cross-site-in-same-site-frame', says: 'an other.test frame inside a sub.site.test frame', context: [outer('sub'), frame('other')], at: 'other' },
  {
    slug: 'cross-site-in-cross-site-frame',
    says: 'an other.test frame inside a sub.other.test frame',
    context: [outer('otherSub'), frame('other')],
    at: 'other',
  },
];

/** The control: the same probe in a same-origin frame, whose own first-party cookie is visible and which has access. */
function sameOriginControl(params: Record<string, unknown>): ScenarioOf<'storage-access'>['control'] {
  const request = params.request === true;
  return {
    patch: { probe: { context: [frame('site')], params: params.fetchAfter ? { fetchAfter: { at: 'site', response: 'sink' } } : {} } },
    expect: {
      observation: {
        has: true,
        ...(params.cookie ? { cookieBefore: true } : {}),
        ...(request ? { requested: 'granted', hasAfter: true, ...(params.cookie ? { cookieAfter: true } : {}) } : {}),
        ...(params.userClick ? { clicked: true, trusted: true } : {}),
      },
      // The same-origin fetch carries the page's first-party cookie: the cookie exists, so one withheld elsewhere is a choice.
      ...(params.fetchAfter ? { evidence: { sink: { cookies: [COOKIE] } } } : {}),
    },
  };
}

interface Row {
  id: string;
  title: string;
  spec: CitationId[];
  state: State;
  where: Where;
  params: Record<string, unknown>;
  observation: Record<string, unknown>;
  evidence?: Record<string, Record<string, unknown>>;
  responses?: ScenarioInput['responses'];
  hop?: Partial<Hop>;
}

function scenario(r: Row): ScenarioOf<'storage-access'> {
  const context = r.hop ? [...r.where.context.slice(0, -1), { ...r.where.context.at(-1)!, ...r.hop }] : r.where.context;
  return {
    id: r.id,
    area,
    title: r.title,
    spec: r.spec,
    page: page(r.state),
    responses: { doc: AGENT, outer: AGENT, sink: TEXT, ...r.responses },
    probe: { kind: 'storage-access', params: r.params, context, timeoutMs: 12_000 },
    expect: { blocked: recordsBlock('storage-access', r.observation), observation: r.observation, ...(r.evidence ? { evidence: r.evidence } : {}) },
    control: sameOriginControl(r.params),
    // A real click lands where the probe's frames are pinned: one probe at a time.
    oneAtATime: true,
  };
}

const id = (state: State, mode: string, w: Where) => `storage.access.${state}.${mode}.${w.slug}`;
const sink = (w: Where) => ({ at: w.at, response: 'sink' });

/** Permission granted through the automation protocol. */
function granted(w: Where): Row[] {
  const base = { state: 'granted' as const, where: w };
  return [
    {
      ...base,
      id: id('granted', 'has', w),
      title: `granted, in ${w.says}, before any request: hasStorageAccess() false, permission "granted", its first-party cookie not visible`,
      spec: ['hasStorageAccess', 'storageAccessPermission', 'storageAccessCookies', 'storageAccessAutomation'],
      params: { cookie: COOKIE },
      observation: { has: false, permission: 'granted', cookieBefore: false },
    },
    {
      ...base,
      id: id('granted', 'request', w),
      title: `granted, in ${w.says}: requestStorageAccess() without user activation resolves (the permission is granted); then access and the first-party cookie`,
      spec: ['requestStorageAccess', 'storageAccessPermission', 'storageAccessCookies'],
      params: { request: true, cookie: COOKIE },
      observation: { has: false, permission: 'granted', activation: false, requested: 'granted', hasAfter: true, cookieBefore: false, cookieAfter: true },
    },
    {
      ...base,
      id: id('granted', 'click', w),
      title: `granted, in ${w.says}: requestStorageAccess() inside a real click resolves; then access and the first-party cookie`,
      spec: ['requestStorageAccess', 'storageAccessPermission', 'storageAccessCookies'],
      params: { request: true, userClick: true, cookie: COOKIE },
      observation: {
        permission: 'granted',
        clicked: true,
        trusted: true,
        activation: true,
        requested: 'granted',
        hasAfter: true,
        cookieBefore: false,
        cookieAfter: true,
      },
    },
    {
      ...base,
      id: id('granted', 'headers-inactive', w),
      title: `granted, in ${w.says}, no request: its document and its credentialed fetch carry Sec-Fetch-Storage-Access: inactive (and the fetch an Origin header)`,
      spec: ['secFetchStorageAccess', 'storageAccessStatus'],
      params: { cookie: COOKIE, fetchAfter: sink(w) },
      observation: { has: false, cookieBefore: false, fetched: 200 },
      evidence: { doc: { secFetchStorageAccess: 'inactive' }, sink: { secFetchStorageAccess: 'inactive', origin: originOf(w) } },
    },
    {
      ...base,
      id: id('granted', 'headers-active', w),
      title: `granted, in ${w.says}, after requestStorageAccess(): its credentialed fetch carries Sec-Fetch-Storage-Access: active and the first-party cookie`,
      spec: ['secFetchStorageAccess', 'storageAccessStatus', 'storageAccessCookies'],
      params: { request: true, cookie: COOKIE, fetchAfter: sink(w) },
      observation: { requested: 'granted', cookieBefore: false, cookieAfter: true, fetched: 200 },
      evidence: { sink: { secFetchStorageAccess: 'active', cookies: [COOKIE] } },
    },
  ];
}

function originOf(w: Where): string {
  return w.at === 'otherSub' ? 'https://sub.other.test' : 'https://other.test';
}

/** Permission denied through the automation protocol (what the user would answer at the prompt). */
function denied(w: Where): Row[] {
  const base = { state: 'denied' as const, where: w };
  return [
    {
      ...base,
      id: id('denied', 'has', w),
      title: `denied, in ${w.says}: hasStorageAccess() false, the permission reported as "prompt" (a denial is not revealed), its first-party cookie not visible`,
      spec: ['hasStorageAccess', 'storageAccessPermission', 'storageAccessAutomation'],
      params: { cookie: COOKIE },
      observation: { has: false, permission: 'prompt', cookieBefore: false },
    },
    {
      ...base,
      id: id('denied', 'request', w),
      title: `denied, in ${w.says}: requestStorageAccess() without user activation is refused with NotAllowedError`,
      spec: ['requestStorageAccess', 'storageAccessPermission'],
      params: { request: true, cookie: COOKIE },
      observation: { permission: 'prompt', activation: false, requested: 'NotAllowedError', hasAfter: false, cookieAfter: false },
    },
    {
      ...base,
      id: id('denied', 'click', w),
      title: `denied, in ${w.says}: requestStorageAccess() inside a real click is refused with NotAllowedError (the refusal is the permission's, not the activation's)`,
      spec: ['requestStorageAccess', 'storageAccessPermission'],
      params: { request: true, userClick: true, cookie: COOKIE },
      observation: { permission: 'prompt', clicked: true, trusted: true, activation: true, requested: 'NotAllowedError', hasAfter: false, cookieAfter: false },
    },
    {
      ...base,
      id: id('denied', 'headers-none', w),
      title: `denied, in ${w.says}: its document and its credentialed fetch carry Sec-Fetch-Storage-Access: none`,
      spec: ['secFetchStorageAccess', 'storageAccessStatus'],
      params: { cookie: COOKIE, fetchAfter: sink(w) },
      observation: { has: false, cookieBefore: false, fetched: 200 },
      evidence: { doc: { secFetchStorageAccess: 'none' }, sink: { secFetchStorageAccess: 'none' } },
    },
  ];
}

/** Nothing set: the permission is at "prompt". */
function prompt(w: Where): Row[] {
  const base = { state: 'prompt' as const, where: w };
  return [
    {
      ...base,
      id: id('prompt', 'has', w),
      title: `nothing granted, in ${w.says}: hasStorageAccess() false, permission "prompt", its first-party cookie not visible`,
      spec: ['hasStorageAccess', 'storageAccessPermission'],
      params: { cookie: COOKIE },
      observation: { has: false, permission: 'prompt', cookieBefore: false },
    },
    {
      ...base,
      id: id('prompt', 'headers-none', w),
      title: `nothing granted, in ${w.says}: its document and its credentialed fetch carry Sec-Fetch-Storage-Access: none`,
      spec: ['secFetchStorageAccess', 'storageAccessStatus'],
      params: { cookie: COOKIE, fetchAfter: sink(w) },
      observation: { has: false, cookieBefore: false, fetched: 200 },
      evidence: { doc: { secFetchStorageAccess: 'none' }, sink: { secFetchStorageAccess: 'none' } },
    },
  ];
}

const XSITE = WHERE[0];

/** `Activate-Storage-Access: load` on the frame's document, and what a document gets from other answers. */
function load(): Row[] {
  const docWith = (value: string) => ({ docAsa: agent([['Activate-Storage-Access', value]]) });
  const hop = { response: 'docAsa' };
  return [
    {
      state: 'granted',
      where: XSITE,
      id: 'storage.access.granted.load.cross-site-frame',
      title:
        'granted: an other.test frame whose document answers `Activate-Storage-Access: load` has storage access from its first script, and its first-party cookie',
      spec: ['activateStorageAccessLoad', 'storageAccessCookies'],
      params: { cookie: COOKIE },
      responses: docWith('load'),
      hop,
      observation: { has: true, permission: 'granted', cookieBefore: true },
      evidence: { docAsa: { secFetchStorageAccess: 'inactive' } },
    },
    {
      state: 'granted',
      where: WHERE[1],
      id: 'storage.access.granted.load.cross-site-subdomain-frame',
      title: 'granted: a sub.other.test frame whose document answers `Activate-Storage-Access: load` has storage access from its first script',
      spec: ['activateStorageAccessLoad', 'storageAccessCookies'],
      params: { cookie: COOKIE },
      responses: docWith('load'),
      hop,
      observation: { has: true, cookieBefore: true },
    },
    {
      state: 'granted',
      where: XSITE,
      id: 'storage.access.granted.load-retry-token.cross-site-frame',
      title: 'granted: a frame document answering `Activate-Storage-Access: retry; allowed-origin=*` is not a load: no access, no cookie',
      spec: ['activateStorageAccessLoad'],
      params: { cookie: COOKIE },
      responses: docWith('retry; allowed-origin=*'),
      hop,
      observation: { has: false, cookieBefore: false },
    },
    {
      state: 'granted',
      where: XSITE,
      id: 'storage.access.granted.load-string.cross-site-frame',
      title: 'granted: `Activate-Storage-Access: "load"` (a String, not a Token) fails the load check: no access',
      spec: ['activateStorageAccessLoad', 'activateStorageAccessField'],
      params: { cookie: COOKIE },
      responses: docWith('"load"'),
      hop,
      observation: { has: false, cookieBefore: false },
    },
    {
      state: 'prompt',
      where: XSITE,
      id: 'storage.access.prompt.load.cross-site-frame',
      title: 'nothing granted: `Activate-Storage-Access: load` on the frame document does nothing (status none): no access, no cookie',
      spec: ['activateStorageAccessLoad', 'storageAccessStatus'],
      params: { cookie: COOKIE },
      responses: docWith('load'),
      hop,
      observation: { has: false, permission: 'prompt', cookieBefore: false },
    },
    {
      state: 'denied',
      where: XSITE,
      id: 'storage.access.denied.load.cross-site-frame',
      title: 'denied: `Activate-Storage-Access: load` on the frame document does nothing (status none): no access, no cookie',
      spec: ['activateStorageAccessLoad', 'storageAccessStatus'],
      params: { cookie: COOKIE },
      responses: docWith('load'),
      hop,
      observation: { has: false, permission: 'prompt', cookieBefore: false },
    },
  ];
}

/** Frames whose embedder withholds the feature: a sandbox without the storage-access token, a permissions policy of 'none'. */
function withheld(): Row[] {
  return [
    {
      state: 'granted',
      where: XSITE,
      id: 'storage.access.granted.click.sandboxed-frame',
      title:
        'granted: in a frame sandboxed without allow-storage-access-by-user-activation, requestStorageAccess() inside a real click is refused with NotAllowedError',
      spec: ['requestStorageAccess', 'storageAccessPermission'],
      params: { request: true, userClick: true, cookie: COOKIE },
      hop: { sandbox: 'allow-scripts allow-same-origin' },
      observation: { clicked: true, requested: 'NotAllowedError', hasAfter: false, cookieAfter: false },
    },
    {
      state: 'granted',
      where: XSITE,
      id: 'storage.access.granted.click.sandboxed-frame-with-token',
      title: 'granted: in a frame sandboxed with allow-storage-access-by-user-activation, requestStorageAccess() inside a real click resolves, then the cookie',
      spec: ['requestStorageAccess', 'storageAccessPermission', 'storageAccessCookies'],
      params: { request: true, userClick: true, cookie: COOKIE },
      hop: { sandbox: 'allow-scripts allow-same-origin allow-storage-access-by-user-activation' },
      observation: { clicked: true, requested: 'granted', hasAfter: true, cookieBefore: false, cookieAfter: true },
    },
    {
      state: 'granted',
      where: XSITE,
      id: 'storage.access.granted.click.policy-none-frame',
      title: 'granted: in a frame with allow="storage-access \'none\'", requestStorageAccess() inside a real click is refused with NotAllowedError',
      spec: ['requestStorageAccess', 'storageAccessPolicy'],
      params: { request: true, userClick: true, cookie: COOKIE },
      hop: { allow: "storage-access 'none'" },
      observation: { clicked: true, requested: 'NotAllowedError', hasAfter: false, cookieAfter: false },
    },
    {
      state: 'prompt',
      where: { slug: 'a-in-b-in-a', says: 'a site.test frame inside an other.test frame (A→B→A)', context: [frame('other'), frame('site')], at: 'site' },
      id: 'storage.access.prompt.click.a-in-b-in-a',
      title: 'nothing granted: in A→B→A, requestStorageAccess() inside a real click resolves (the embedded site is the top-level site: no permission needed)',
      spec: ['requestStorageAccess'],
      params: { request: true, userClick: true },
      observation: { clicked: true, trusted: true, activation: true, requested: 'granted', hasAfter: true },
    },
  ];
}

export const scenarios: ScenarioInput[] = [
  ...WHERE.flatMap(granted),
  ...WHERE.slice(0, 2).flatMap(denied),
  ...WHERE.slice(0, 2).flatMap(prompt),
  ...load(),
  ...withheld(),
].map(scenario);
