/**
 * Document-Isolation-Policy, <iframe credentialless>, and the cross-origin-isolated
 * permissions-policy feature through allow=:
 * - a frame (or popup) that sends Document-Isolation-Policy is cross-origin isolated by itself,
 *   whatever its embedder sends; report-only, none and unknown values isolate nothing;
 * - inside such a document, no-cors subresources meet the policy's embedder check
 *   (isolate-and-require-corp: CORP needed; isolate-and-credentialless: loaded without credentials);
 * - in a COOP+COEP isolated page, a frame is isolated when the feature is enabled for it (default
 *   allowlist 'self'; allow= changes that), and a credentialless frame loads without CORP.
 */
import type { ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { CatalogOriginName } from '../../protocol/origins.ts';
import { agent, AGENT, text } from '../lib.ts';
import { COEP, COOP, CORP } from './common.ts';

const AREA_DIP = 'isolation/dip';
const AREA_ALLOW = 'isolation/allow';
const AREA_ANON = 'isolation/credentialless';
const DIP = 'Document-Isolation-Policy';
const DIP_RO = 'Document-Isolation-Policy-Report-Only';

type DipCase = { slug: string; headers: Array<[string, string]>; isolates: boolean; says: string };
const DIP_CASES: DipCase[] = [
  { slug: 'require-corp', headers: [[DIP, 'isolate-and-require-corp']], isolates: true, says: 'isolate-and-require-corp' },
  { slug: 'credentialless', headers: [[DIP, 'isolate-and-credentialless']], isolates: true, says: 'isolate-and-credentialless' },
  { slug: 'none', headers: [[DIP, 'none']], isolates: false, says: 'none' },
  { slug: 'unknown', headers: [[DIP, 'isolate']], isolates: false, says: 'an unknown value (isolate)' },
  { slug: 'report-only', headers: [[DIP_RO, 'isolate-and-require-corp']], isolates: false, says: 'Report-Only isolate-and-require-corp' },
];
const FRAME_AT: Array<{ at: CatalogOriginName; slug: string; says: string }> = [
  { at: 'site', slug: 'same-origin', says: 'a same-origin frame' },
  { at: 'sub', slug: 'same-site', says: 'a same-site frame' },
  { at: 'other', slug: 'cross-site', says: 'a cross-site frame' },
];

function state(coi: boolean) {
  return { crossOriginIsolated: coi, sharedArrayBuffer: coi, sabConstructible: coi };
}

function dipFrame(c: DipCase, f: (typeof FRAME_AT)[number], via: 'iframe' | 'popup'): ScenarioOf<'isolation'> {
  const where = via === 'popup' ? `a top-level ${f.at === 'site' ? 'same-origin' : 'cross-site'} popup` : `${f.says} of a page without isolation headers`;
  return {
    id: `isolation.dip.${via === 'popup' ? 'popup' : 'frame'}.${f.slug}.${c.slug}`,
    area: AREA_DIP,
    title: `Document-Isolation-Policy ${c.says} on ${where}: crossOriginIsolated ${c.isolates}, SharedArrayBuffer ${c.isolates ? 'exposed' : 'hidden'}`,
    spec: ['dip', 'dipObtain', 'coi', 'sab'],
    responses: { doc: agent(c.headers) },
    probe: { kind: 'isolation', params: {}, context: [{ via, at: f.at, response: 'doc' }], timeoutMs: 10_000 },
    expect: { blocked: false, observation: { isSecureContext: true, ...state(c.isolates) } },
  };
}

// ---- subresources inside a document isolated by Document-Isolation-Policy

type Sub = { slug: string; corp?: string; says: string };
const SUBS: Sub[] = [
  { slug: 'no-corp', says: 'without CORP' },
  { slug: 'corp-cross-origin', corp: 'cross-origin', says: 'with CORP cross-origin' },
  { slug: 'corp-same-site', corp: 'same-site', says: 'with CORP same-site (from another site)' },
];

function loads(policy: 'require-corp' | 'credentialless', sub: Sub): boolean {
  if (sub.corp === 'cross-origin') return true;
  if (sub.corp === 'same-site') return false;
  return policy === 'credentialless';
}

function dipFetch(policy: 'require-corp' | 'credentialless', sub: Sub): ScenarioOf<'fetch'> {
  const ok = loads(policy, sub);
  const value = policy === 'require-corp' ? 'isolate-and-require-corp' : 'isolate-and-credentialless';
  const s: ScenarioOf<'fetch'> = {
    id: `isolation.dip.fetch.${policy}.${sub.slug}`,
    area: AREA_DIP,
    title: `In a frame isolated by Document-Isolation-Policy ${value}, a no-cors fetch of other.test ${sub.says} ${ok ? 'loads' : 'fails'}`,
    spec: ['dip', 'dipCorp', 'corpCheck'],
    responses: { doc: agent([[DIP, value]]), res: text(sub.corp ? [[CORP, sub.corp]] : []), ok: text([[CORP, 'cross-origin']]) },
    probe: {
      kind: 'fetch',
      params: { target: { at: 'other', response: 'res' }, mode: 'no-cors' },
      context: [{ via: 'iframe', at: 'site', response: 'doc' }],
      timeoutMs: 10_000,
    },
    expect: ok
      ? { blocked: false, observation: { resolved: true, type: 'opaque', bodyReadable: false } }
      : { blocked: true, observation: { resolved: false, error: 'TypeError' } },
  };
  if (!ok) {
    s.control = {
      patch: { probe: { params: { target: { at: 'other', response: 'ok' } } } },
      expect: { observation: { resolved: true, type: 'opaque', bodyReadable: false } },
    };
  }
  return s;
}

// ---- allow="cross-origin-isolated" in a COOP + COEP isolated page

const ISOLATED_PAGE: Array<[string, string]> = [
  [COOP, 'same-origin'],
  [COEP, 'require-corp'],
];
const EMBEDDABLE: Array<[string, string]> = [
  [COEP, 'require-corp'],
  [CORP, 'cross-origin'],
];
type Allow = { slug: string; allow?: string };
const ALLOWS: Allow[] = [
  { slug: 'absent' },
  { slug: 'src', allow: 'cross-origin-isolated' },
  { slug: 'none', allow: "cross-origin-isolated 'none'" },
  { slug: 'star', allow: 'cross-origin-isolated *' },
  { slug: 'self', allow: "cross-origin-isolated 'self'" },
  { slug: 'src-explicit', allow: "cross-origin-isolated 'src'" },
  { slug: 'listed-sub', allow: 'cross-origin-isolated https://sub.site.test' },
];
const ALLOW_AT: Array<{ at: CatalogOriginName; slug: string; says: string }> = [
  { at: 'site', slug: 'same-origin', says: 'same-origin' },
  { at: 'sub', slug: 'same-site', says: 'same-site' },
  { at: 'sitePort', slug: 'other-port', says: 'other-port' },
  { at: 'other', slug: 'cross-site', says: 'cross-site' },
];

/** Permissions Policy: the frame's feature is enabled by its container's allowlist, else by the default allowlist 'self'. */
function enabled(a: Allow, at: CatalogOriginName): boolean {
  if (a.slug === 'none') return false;
  if (a.slug === 'src' || a.slug === 'src-explicit' || a.slug === 'star') return true;
  // 'self' in a container policy is the embedder's origin; a listed origin is only that origin.
  if (a.slug === 'listed-sub') return at === 'sub';
  return at === 'site';
}

/** A page without isolation headers: no allow= makes its frames cross-origin isolated (the page's agent cluster is not). */
function allowInPlainPage(f: (typeof ALLOW_AT)[number]): ScenarioOf<'isolation'> {
  return {
    id: `isolation.allow.plain-page.${f.slug}.src`,
    area: AREA_ALLOW,
    title: `A ${f.says} frame (COEP, CORP) with allow="cross-origin-isolated" in a page without COOP or COEP: crossOriginIsolated false`,
    spec: ['coi', 'coiPermissions', 'permissionsPolicyAllow'],
    page: { at: 'site', headers: [] },
    responses: { frame: agent(EMBEDDABLE) },
    probe: { kind: 'isolation', params: {}, context: [{ via: 'iframe', at: f.at, response: 'frame', allow: 'cross-origin-isolated' }], timeoutMs: 10_000 },
    expect: { blocked: false, observation: { isSecureContext: true, crossOriginIsolated: false, sharedArrayBuffer: false } },
  };
}

function allowFrame(a: Allow, f: (typeof ALLOW_AT)[number]): ScenarioOf<'isolation'> {
  const coi = enabled(a, f.at);
  return {
    id: `isolation.allow.${f.slug}.${a.slug}`,
    area: AREA_ALLOW,
    title: `A ${f.says} frame of an isolated page with ${a.allow ? `allow="${a.allow}"` : 'no allow attribute'}: crossOriginIsolated ${coi}`,
    spec: ['coi', 'coiPermissions', 'permissionsPolicyAllow'],
    page: { at: 'site', headers: ISOLATED_PAGE },
    responses: { frame: agent(EMBEDDABLE) },
    probe: {
      kind: 'isolation',
      params: {},
      context: [{ via: 'iframe', at: f.at, response: 'frame', ...(a.allow ? { allow: a.allow } : {}) }],
      timeoutMs: 10_000,
    },
    expect: { blocked: false, observation: { isSecureContext: true, crossOriginIsolated: coi } },
  };
}

// ---- <iframe credentialless> in a COOP + COEP isolated page

type AnonFrame = { via: 'iframe'; at: CatalogOriginName; response: string; credentialless?: boolean; allow?: string };

/** The frame as a named context of a sequence: a frame COEP refuses is an observation (contexts.f false), not a broken probe. */
function inFrame(f: AnonFrame): ScenarioOf<'sequence'>['probe'] {
  return { kind: 'sequence', params: { contexts: { f }, steps: [{ kind: 'isolation', params: {}, in: 'f' }] }, timeoutMs: 10_000 };
}

function anonFrame(at: CatalogOriginName, slug: string, allow: boolean): ScenarioOf<'sequence'> {
  const coi = at === 'site' || allow;
  return {
    id: `isolation.credentialless.${slug}${allow ? '.allowed' : ''}`,
    area: AREA_ANON,
    title: `A credentialless ${slug} frame without CORP or COEP${allow ? ' and allow="cross-origin-isolated"' : ''} loads in an isolated page (crossOriginIsolated ${coi})`,
    spec: ['credentiallessIframe', 'coepNavigation', 'coi', 'coiPermissions'],
    page: { at: 'site', headers: ISOLATED_PAGE },
    responses: { frame: AGENT, embeddable: agent(EMBEDDABLE) },
    probe: inFrame({ via: 'iframe', at, response: 'frame', credentialless: true, ...(allow ? { allow: 'cross-origin-isolated' } : {}) }),
    expect: { blocked: false, observation: { contexts: { f: true }, steps: [{ isSecureContext: true, crossOriginIsolated: coi }] } },
    // Engines without credentialless frames refuse it with no load event: the probe waits out its bound.
    waits: true,
    // The frame loads at all in this page when it sends COEP and CORP (an engine that refuses the credentialless one is seen refusing only that).
    control: {
      patch: { probe: { params: { contexts: { f: { response: 'embeddable' } } } } },
      expect: { observation: { contexts: { f: true }, steps: [{ isSecureContext: true }] } },
    },
  };
}

function plainFrameBlocked(at: CatalogOriginName, slug: string): ScenarioOf<'sequence'> {
  return {
    id: `isolation.credentialless.${slug}.without-attribute-blocked`,
    area: AREA_ANON,
    title: `The same ${slug} frame without CORP or COEP and without the credentialless attribute does not load in an isolated page`,
    spec: ['coepNavigation', 'credentiallessIframe'],
    page: { at: 'site', headers: ISOLATED_PAGE },
    responses: { frame: AGENT, embeddable: agent(EMBEDDABLE) },
    probe: inFrame({ via: 'iframe', at, response: 'frame' }),
    expect: { blocked: true, observation: { contexts: { f: false } } },
    waits: true,
    control: {
      patch: { probe: { params: { contexts: { f: { response: 'embeddable' } } } } },
      expect: { observation: { contexts: { f: true }, steps: [{ isSecureContext: true }] } },
    },
  };
}

const RAW: ScenarioInput[] = [
  ...DIP_CASES.flatMap((c) => FRAME_AT.map((f) => dipFrame(c, f, 'iframe'))),
  ...DIP_CASES.slice(0, 3).map((c) => dipFrame(c, FRAME_AT[2], 'popup')),
  ...(['require-corp', 'credentialless'] as const).flatMap((p) => SUBS.map((sub) => dipFetch(p, sub))),
  ...ALLOWS.flatMap((a) => ALLOW_AT.map((f) => allowFrame(a, f))),
  ...ALLOW_AT.map(allowInPlainPage),
  anonFrame('site', 'same-origin', false),
  anonFrame('other', 'cross-site', false),
  anonFrame('other', 'cross-site', true),
  anonFrame('sub', 'same-site', false),
  anonFrame('sub', 'same-site', true),
  anonFrame('sitePort', 'other-port', false),
  plainFrameBlocked('site', 'same-origin'),
  plainFrameBlocked('sub', 'same-site'),
  plainFrameBlocked('other', 'cross-site'),
];

export const scenarios: ScenarioInput[] = RAW;
