/**
 * `<iframe credentialless>` and cookies: the frame's navigation request and its own credentialed
 * requests go without the cookies its origin already has, and its document.cookie starts empty
 * (its cookie jar is an ephemeral partition of its own). Frames of the page's own site only, so
 * third-party cookie blocking plays no part; each row's control is the same frame without the
 * attribute, whose request carries the cookie the prelude set (the cookie exists, so one withheld
 * in the credentialless frame is the attribute's doing).
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { CatalogOriginName } from '../../protocol/origins.ts';
import { agent, text } from '../lib.ts';
import { COEP, COOP, CORP } from './common.ts';

const area = 'isolation/credentialless';
const SPEC: CitationId[] = ['credentiallessIframe', 'coepCredentials'];

/** A cookie the prelude sets first-party on the page's origin and a same-site origin. */
const COOKIE = 'cl=1; SameSite=None; Secure; Path=/';
const COOKIES = [
  { at: 'site' as const, setCookie: COOKIE },
  { at: 'sub' as const, setCookie: COOKIE },
];
/** Frames that embed in an isolated page in every engine (COEP and CORP), so the question is only the credentials. */
const EMBEDDABLE: Array<[string, string]> = [
  [COEP, 'require-corp'],
  [CORP, 'cross-origin'],
];
const FRAMES: Array<{ at: CatalogOriginName; slug: string; says: string }> = [
  { at: 'site', slug: 'same-origin', says: 'same-origin' },
  { at: 'sub', slug: 'same-site', says: 'same-site' },
];
type PageKind = { slug: string; headers: Array<[string, string]>; says: string };
const PAGES: PageKind[] = [
  {
    slug: 'isolated',
    headers: [
      [COOP, 'same-origin'],
      [COEP, 'require-corp'],
    ],
    says: 'an isolated page',
  },
  { slug: 'plain', headers: [], says: 'a page without isolation headers' },
];

type Frame = { via: 'iframe'; at: CatalogOriginName; response: string; credentialless: boolean };
/**
 * The frame as the sequence's context `f`, credentialless or (the control) plain. The flag is
 * always written: a control patch merges into the probe, so a flag left out would stay true.
 */
const ctx = (at: CatalogOriginName, credentialless: boolean): Frame => ({ via: 'iframe', at, response: 'frame', credentialless });
const plain = (at: CatalogOriginName) => ({ patch: { probe: { params: { contexts: { f: ctx(at, false) } } } } });

/** The navigation request of a credentialless frame carries no cookies; the same frame without the attribute carries them. */
function navigation(f: (typeof FRAMES)[number], page: PageKind): ScenarioOf<'sequence'> {
  return {
    id: `isolation.credentialless.cookies.${page.slug}.${f.slug}.navigation`,
    area,
    title: `A credentialless ${f.says} frame in ${page.says}: its navigation request carries no cookies (the plain frame's carries cl)`,
    spec: SPEC,
    page: { at: 'site', headers: page.headers, cookies: COOKIES },
    responses: { frame: agent(EMBEDDABLE) },
    probe: { kind: 'sequence', params: { contexts: { f: ctx(f.at, true) }, steps: [{ kind: 'isolation', params: {}, in: 'f' }] }, timeoutMs: 10_000 },
    expect: { blocked: false, observation: { contexts: { f: true } }, evidence: { frame: { arrived: true, cookies: [] } } },
    control: { ...plain(f.at), expect: { observation: { contexts: { f: true } }, evidence: { frame: { arrived: true, cookies: ['cl'] } } } },
  };
}

/** Inside a credentialless frame: a credentialed fetch of its own origin carries no cookies, and document.cookie does not have cl. */
function inside(f: (typeof FRAMES)[number], page: PageKind): ScenarioOf<'sequence'>[] {
  const base = { area, spec: SPEC, page: { at: 'site' as const, headers: page.headers, cookies: COOKIES } };
  const fetchStep = {
    kind: 'fetch' as const,
    params: { target: { at: f.at, response: 'res' }, mode: 'cors' as const, credentials: 'include' as const },
    in: 'f',
  };
  const readStep = { kind: 'storage' as const, params: { api: 'cookie' as const, op: 'read' as const, key: 'cl' }, in: 'f' };
  return [
    {
      ...base,
      id: `isolation.credentialless.cookies.${page.slug}.${f.slug}.fetch`,
      title: `A credentialless ${f.says} frame in ${page.says}: its credentialed fetch of its own origin carries no cookies (from the plain frame it carries cl)`,
      responses: { frame: agent(EMBEDDABLE), res: text([[CORP, 'cross-origin']]) },
      probe: { kind: 'sequence', params: { contexts: { f: ctx(f.at, true) }, steps: [fetchStep] }, timeoutMs: 10_000 },
      expect: { blocked: false, observation: { contexts: { f: true }, steps: [{ resolved: true }] }, evidence: { res: { arrived: true, cookies: [] } } },
      control: {
        ...plain(f.at),
        expect: { observation: { contexts: { f: true }, steps: [{ resolved: true }] }, evidence: { res: { arrived: true, cookies: ['cl'] } } },
      },
    },
    {
      ...base,
      id: `isolation.credentialless.cookies.${page.slug}.${f.slug}.document-cookie`,
      title: `A credentialless ${f.says} frame in ${page.says}: document.cookie does not have cl (its cookie jar is ephemeral; the plain frame's has it)`,
      responses: { frame: agent(EMBEDDABLE) },
      probe: { kind: 'sequence', params: { contexts: { f: ctx(f.at, true) }, steps: [readStep] }, timeoutMs: 10_000 },
      expect: { blocked: true, observation: { contexts: { f: true }, steps: [{ value: null }] } },
      control: { ...plain(f.at), expect: { observation: { contexts: { f: true }, steps: [{ value: '1' }] } } },
    },
  ];
}

export const scenarios: ScenarioInput[] = PAGES.flatMap((page) => FRAMES.flatMap((f) => [navigation(f, page), ...inside(f, page)]));
