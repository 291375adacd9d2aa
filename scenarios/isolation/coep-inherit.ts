/**
 * COEP inheritance by the documents and workers a page creates without a response of their own:
 * about:blank (the initial document of a frame or popup, and one navigated to later), about:srcdoc,
 * blob: and data: frames and popups, dedicated workers from blob: and data: URLs, and shared workers
 * from blob: URLs. HTML gives each a clone of its creator's policy container (the creator, the
 * initiator, the parent for srcdoc, the blob URL entry's environment for blob:), so the embedder
 * policy comes along: under an inherited require-corp a no-cors load of another site's response
 * without CORP fails, and under an inherited credentialless a same-site one goes without cookies.
 * Each row's control is the same context loading the same response with CORP cross-origin (or the
 * page's own origin for cookies); the contexts are shared by the visit's rows, so a context is one
 * frame, popup or worker per visit.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import { scenario, type ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { LocalContext } from '../../probes/local-scheme/index.ts';
import { agent, data } from '../lib.ts';
import { COEP, COOP, CORP, type CoepValue } from './common.ts';

const AREA = 'isolation/coep-inherit';
const TIMEOUT = 10_000;

/** Which rule of HTML gives each context its policy container. */
const SOURCE: Record<LocalContext, CitationId> = {
  'about-blank-frame': 'initialPolicyContainer',
  'about-blank-popup': 'initialPolicyContainer',
  'about-blank-frame-navigated': 'navigationPolicyContainer',
  'about-blank-popup-navigated': 'navigationPolicyContainer',
  'srcdoc-frame': 'navigationPolicyContainer',
  'data-frame': 'navigationPolicyContainer',
  'blob-frame': 'blobPolicyContainer',
  'blob-popup': 'blobPolicyContainer',
  'blob-worker': 'workerPolicyContainer',
  'data-worker': 'workerPolicyContainer',
  'blob-shared-worker': 'workerPolicyContainer',
  'data-shared-worker': 'workerPolicyContainer',
  'foreign-blob-frame': 'navigationPolicyContainer',
  'foreign-blob-popup': 'navigationPolicyContainer',
  'foreign-blob-worker': 'workerPolicyContainer',
  'foreign-blob-shared-worker': 'workerPolicyContainer',
};

const WORDS: Record<LocalContext, string> = {
  'about-blank-frame': "a frame's initial about:blank",
  'about-blank-popup': "a popup's initial about:blank",
  'about-blank-frame-navigated': 'a frame the page navigates from a same-origin document to about:blank',
  'about-blank-popup-navigated': 'a popup the page navigates from a same-origin document to about:blank',
  'srcdoc-frame': 'an about:srcdoc frame',
  'data-frame': 'a data: frame (opaque origin)',
  'blob-frame': "a frame showing the page's blob: URL",
  'blob-popup': "a popup showing the page's blob: URL",
  'blob-worker': "a dedicated worker from the page's blob: URL",
  'data-worker': 'a dedicated worker from a data: URL',
  'blob-shared-worker': "a shared worker from the page's blob: URL",
  'data-shared-worker': 'a shared worker from a data: URL',
  'foreign-blob-frame': 'a frame the page navigates to a blob: URL its same-origin frame created',
  'foreign-blob-popup': 'a popup the page opens to a blob: URL its same-origin frame created',
  'foreign-blob-worker': 'a dedicated worker the page starts from a blob: URL its same-origin frame created',
  'foreign-blob-shared-worker': 'a shared worker the page starts from a blob: URL its same-origin frame created',
};

interface Page {
  slug: string;
  coop: boolean;
  coep: CoepValue;
}
const headersOf = (p: Page): Array<[string, string]> => [...(p.coop ? [[COOP, 'same-origin'] as [string, string]] : []), [COEP, p.coep]];

/**
 * crossOriginIsolated in the context of an isolated page: same-origin documents and blob: dedicated
 * workers share it; a data: frame's opaque origin is not 'self' for the cross-origin-isolated feature;
 * HTML "run a worker" gives a data: dedicated worker none ("a conservative default for now") and
 * leaves a shared worker's implementation-defined, so those rows leave it out.
 */
function isolatedIn(p: Page, c: LocalContext): boolean | undefined {
  if (c === 'blob-shared-worker' || c === 'data-shared-worker') return undefined;
  if (!p.coop) return false;
  return c !== 'data-frame' && c !== 'data-worker';
}

const navigated = (c: LocalContext) => c === 'about-blank-frame-navigated' || c === 'about-blank-popup-navigated';

/** require-corp inherited: another site's response without CORP fails; with CORP cross-origin it loads. */
function requireCorpRow(p: Page, c: LocalContext): ScenarioInput {
  const coi = isolatedIn(p, c);
  const spec: CitationId[] = [SOURCE[c], 'corpInternal', ...(coi === undefined ? [] : (['coi', 'coiPermissions'] as CitationId[]))];
  return scenario({
    id: `isolation.coep-inherit.${p.slug}.${c}`,
    area: AREA,
    title: `${WORDS[c]} of a page with ${p.coop ? 'COOP same-origin and ' : ''}COEP require-corp inherits it: its no-cors fetch of another site's response without CORP fails${coi === undefined ? '' : `; crossOriginIsolated ${coi}`}`,
    spec,
    page: { at: 'site', headers: headersOf(p) },
    responses: { res: data(), ...(navigated(c) ? { via: agent(headersOf(p)) } : {}) },
    probe: {
      kind: 'local-scheme',
      params: { context: c, target: { at: 'other', response: 'res' }, ...(navigated(c) ? { via: { at: 'site', response: 'via' } } : {}) },
      timeoutMs: TIMEOUT,
    },
    expect: { blocked: true, observation: { ready: true, loaded: false, ...(coi === undefined ? {} : { crossOriginIsolated: coi }) } },
    control: { patch: { responses: { res: data([[CORP, 'cross-origin']]) } }, expect: { observation: { ready: true, loaded: true } } },
  });
}

/** A page without COEP: nothing to inherit, the same load goes through (no control: nothing is expected blocked). */
function noneRow(c: LocalContext): ScenarioInput {
  return scenario({
    id: `isolation.coep-inherit.none.${c}`,
    area: AREA,
    title: `${WORDS[c]} of a page without COEP has no embedder policy to inherit: its no-cors fetch of another site's response without CORP loads`,
    spec: [SOURCE[c], 'corpInternal'],
    page: { at: 'site' },
    responses: { res: data(), ...(navigated(c) ? { via: agent() } : {}) },
    probe: {
      kind: 'local-scheme',
      params: { context: c, target: { at: 'other', response: 'res' }, ...(navigated(c) ? { via: { at: 'site', response: 'via' } } : {}) },
      timeoutMs: TIMEOUT,
    },
    expect: { blocked: false, observation: { ready: true, loaded: true, crossOriginIsolated: false } },
  });
}

const CL_COOKIE = 'cl=1; SameSite=None; Secure; Path=/';

/** credentialless inherited: a same-site no-cors fetch loads without cookies; the page's own origin gets them. */
function credentiallessRow(p: Page, c: LocalContext): ScenarioInput {
  const coi = isolatedIn(p, c);
  return scenario({
    id: `isolation.coep-inherit.${p.slug}.${c}`,
    area: AREA,
    title: `${WORDS[c]} of a page with COOP same-origin and COEP credentialless inherits it: its no-cors fetch (credentials include) of a same-site response goes without cookies${coi === undefined ? '' : `; crossOriginIsolated ${coi}`}`,
    spec: [SOURCE[c], 'coepCredentials', ...(coi === undefined ? [] : (['coi'] as CitationId[]))],
    page: {
      at: 'site',
      headers: headersOf(p),
      cookies: [
        { at: 'sub', setCookie: CL_COOKIE },
        { at: 'site', setCookie: CL_COOKIE },
      ],
    },
    responses: { res: data(), ...(navigated(c) ? { via: agent(headersOf(p)) } : {}) },
    probe: {
      kind: 'local-scheme',
      params: { context: c, target: { at: 'sub', response: 'res' }, ...(navigated(c) ? { via: { at: 'site', response: 'via' } } : {}) },
      timeoutMs: TIMEOUT,
    },
    expect: {
      blocked: true,
      observation: { ready: true, loaded: true, ...(coi === undefined ? {} : { crossOriginIsolated: coi }) },
      evidence: { res: { arrived: true, cookies: [] } },
    },
    control: { sameOrigin: true, expect: { observation: { ready: true, loaded: true }, evidence: { res: { arrived: true, cookies: ['cl'] } } } },
  });
}

const ALL: LocalContext[] = [
  'about-blank-frame',
  'about-blank-frame-navigated',
  'srcdoc-frame',
  'blob-frame',
  'data-frame',
  'about-blank-popup',
  'about-blank-popup-navigated',
  'blob-popup',
  'blob-worker',
  'data-worker',
  'blob-shared-worker',
  'data-shared-worker',
];
/**
 * Isolated pages too: HTML gives a navigated-to about:blank its initiator's opener policy and a blob:
 * popup stays in its opener's group (web-platform-tests' blob-popup and navigate-to-aboutblank).
 */
const ISOLATED = ALL;
/** Cookies tell only where the context and the page share an origin (an opaque one has none to send). */
const SAME_ORIGIN = ISOLATED.filter((c) => !c.startsWith('data-'));

/** The page without COEP opens no popups: the frames and workers show that nothing is inherited where nothing is set. */
const UNINHERITED = ALL.filter((c) => !c.endsWith('popup') && !c.endsWith('popup-navigated'));

const RC: Page = { slug: 'require-corp', coop: false, coep: 'require-corp' };
const COI_RC: Page = { slug: 'coi-require-corp', coop: true, coep: 'require-corp' };
const COI_CL: Page = { slug: 'coi-credentialless', coop: true, coep: 'credentialless' };

/**
 * A blob: URL made by another document than the one that uses it: the page's same-origin frame (the
 * creator, with another embedder policy than the page) mints it, the page uses it. HTML takes a
 * worker's policy container from the blob URL entry's environment ("initialize a worker global
 * scope's policy container" → "creating a policy container from a fetch response"), so the worker
 * holds the creator's embedder policy (and a dedicated worker must still be compatible with its
 * owner's: "check a global object's embedder policy"). A document navigated to a blob: URL takes
 * its initiator's ("determining navigation params policy container": a local URL with an initiator
 * policy container returns a clone of it, before the response's is looked at), so the frame or
 * popup holds the page's; an open change (whatwg/html#6895) would give documents the creator's too.
 * Each page's creator is fixed, so a visit's rows share one creator frame. The creator has
 * require-corp and the page none or credentialless (which lets the creator's frame load under it).
 */
interface Foreign {
  slug: string;
  page: CoepValue | 'none';
  creator: CoepValue;
}
const FOREIGN: Foreign[] = [
  { slug: 'none-by-require-corp-frame', page: 'none', creator: 'require-corp' },
  { slug: 'credentialless-by-require-corp-frame', page: 'credentialless', creator: 'require-corp' },
];
const FOREIGN_CONTEXTS: LocalContext[] = ['foreign-blob-frame', 'foreign-blob-popup', 'foreign-blob-worker', 'foreign-blob-shared-worker'];

/** The policy the context holds: the creator's for workers, the initiator's (the page's) for documents. */
function foreignPolicy(f: Foreign, c: LocalContext): CoepValue | 'none' {
  return c.endsWith('worker') ? f.creator : f.page;
}

function foreignRow(f: Foreign, c: LocalContext): ScenarioInput {
  const held = foreignPolicy(f, c);
  // Under require-corp another site's no-cors response without CORP fails; credentialless and none let it load.
  const blocked = held === 'require-corp';
  const whose = c.endsWith('worker') ? "the creator's (the blob URL entry's environment)" : "the page's (the initiator's)";
  return scenario({
    id: `isolation.coep-inherit.foreign.${f.slug}.${c}`,
    area: AREA,
    title: `${WORDS[c]} (page COEP ${f.page}, creator frame COEP ${f.creator}) holds ${whose} embedder policy, ${held}: its no-cors fetch of another site's response without CORP ${blocked ? 'fails' : 'loads'}`,
    spec: [SOURCE[c], 'blobPolicyContainer', ...(c === 'foreign-blob-worker' ? (['workerCoep'] as CitationId[]) : []), 'corpInternal'],
    page: { at: 'site', headers: f.page === 'none' ? [] : [[COEP, f.page]] },
    responses: { res: data(), creator: agent([[COEP, f.creator]]) },
    probe: {
      kind: 'local-scheme',
      params: { context: c, target: { at: 'other', response: 'res' }, creator: { at: 'site', response: 'creator' } },
      timeoutMs: TIMEOUT,
    },
    expect: { blocked, observation: { ready: true, loaded: !blocked } },
    // Every row has the control (the same context loads the response with CORP cross-origin): an
    // engine that blocks where the row expects a load is then judged on a context proven to work.
    control: { patch: { responses: { res: data([[CORP, 'cross-origin']]) } }, expect: { observation: { ready: true, loaded: true } } },
  });
}

/**
 * Left out: the shared worker under the credentialless page. In WebKitGTK its fetch fails even with
 * CORP cross-origin (the control), so the row could only be inconclusive there.
 */
const foreignContexts = (f: Foreign) => FOREIGN_CONTEXTS.filter((c) => !(f.page === 'credentialless' && c === 'foreign-blob-shared-worker'));

export const scenarios: ScenarioInput[] = [
  ...FOREIGN.flatMap((f) => foreignContexts(f).map((c) => foreignRow(f, c))),
  ...ALL.map((c) => requireCorpRow(RC, c)),
  ...ISOLATED.map((c) => requireCorpRow(COI_RC, c)),
  ...SAME_ORIGIN.map((c) => credentiallessRow(COI_CL, c)),
  ...UNINHERITED.map(noneRow),
];
