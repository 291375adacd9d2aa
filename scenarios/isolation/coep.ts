/**
 * Cross-Origin-Embedder-Policy (seed claim C81): what a page with COEP require-corp or
 * credentialless may load. Generated as a covering design:
 *  - no-cors subresources (img, script, style, fetch no-cors): full product of
 *    COEP {require-corp, credentialless} × relation {same origin, same site, other site} ×
 *    CORP {absent, same-origin, same-site, cross-origin};
 *  - CORS-mode loads (crossorigin + ACAO, fetch cors): every kind × COEP {require-corp,
 *    credentialless, unsafe-none} from the other site with CORP {absent, same-origin} — CORP
 *    never applies to CORS responses;
 *  - explicit `unsafe-none` behaves like no header (a pair per kind);
 *  - iframes: COEP × frame relation × frame headers (COEP, CORP) per HTML's navigation checks;
 *  - dedicated workers: the worker response's own COEP, and the worker's own fetches;
 *  - credentialless dropping cookies on cross-origin no-cors requests, proven by the server log.
 * Every blocked load has a control in the same visit: the same load with CORP cross-origin.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import { scenario, type ScenarioInput } from '../../harness/scenario/scenario.ts';
import { hasRecordedDeviation } from '../deviations/index.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { agent, image, OPAQUE, script } from '../lib.ts';
import { COEP, COOP, CORP, originOf, type CoepValue, type CorpValue } from './common.ts';
import { subresourceScenario, type Kind } from './subresource.ts';

const AREA = 'isolation/coep';
const NO_CORS_KINDS: Kind[] = ['img', 'script', 'style', 'fetch-no-cors'];
const RELATIONS: OriginName[] = ['site', 'sub', 'other'];
const CORPS: Array<CorpValue | undefined> = [undefined, 'same-origin', 'same-site', 'cross-origin'];

const noCors: ScenarioInput[] = [];
for (const coep of ['require-corp', 'credentialless'] as CoepValue[]) {
  for (const kind of NO_CORS_KINDS) {
    for (const at of RELATIONS) {
      for (const corp of CORPS) {
        noCors.push(subresourceScenario({ area: AREA, idPrefix: 'isolation.coep', page: 'site', coep, kind, at, corp, cors: false, claims: ['C81'] }));
      }
    }
  }
}

const corsMode: ScenarioInput[] = [];
for (const coep of ['require-corp', 'credentialless', 'unsafe-none'] as CoepValue[]) {
  for (const kind of ['img', 'script', 'style', 'fetch-cors'] as Kind[]) {
    for (const corp of [undefined, 'same-origin'] as Array<CorpValue | undefined>) {
      corsMode.push(
        subresourceScenario({
          area: AREA,
          idPrefix: 'isolation.coep',
          page: 'site',
          coep,
          kind,
          at: 'other',
          corp,
          cors: true,
          claims: coep === 'require-corp' ? ['C81'] : undefined,
        }),
      );
    }
  }
}

const explicitUnsafeNone: ScenarioInput[] = [];
for (const kind of NO_CORS_KINDS) {
  explicitUnsafeNone.push(
    subresourceScenario({ area: AREA, idPrefix: 'isolation.coep', page: 'site', coep: 'unsafe-none', kind, at: 'other', corp: undefined, cors: false }),
  );
}

// ---- iframes: the frame response needs COEP, and CORP when cross-origin (forNavigation) ----
interface FrameCase {
  slug: string;
  coep?: CoepValue;
  corp?: CorpValue;
}
const FRAME_CASES: FrameCase[] = [
  { slug: 'plain' },
  { slug: 'coep', coep: 'require-corp' },
  { slug: 'coep-corp', coep: 'require-corp', corp: 'cross-origin' },
  { slug: 'corp-same-origin', corp: 'same-origin' },
  { slug: 'coep-credentialless-corp', coep: 'credentialless', corp: 'cross-origin' },
];

function frameHeaders(f: FrameCase): Array<[string, string]> {
  const h: Array<[string, string]> = [];
  if (f.coep) h.push([COEP, f.coep]);
  if (f.corp) h.push([CORP, f.corp]);
  return h;
}

function frameAllowed(parent: CoepValue, at: OriginName, f: FrameCase): boolean {
  if (parent === 'unsafe-none') return true; // forNavigation with unsafe-none: allowed; any response policy is compatible
  const sameOrigin = originOf(at) === originOf('site');
  // Fetch CORP check with forNavigation: a missing CORP counts as same-origin under require-corp and credentialless.
  const policy = f.corp ?? 'same-origin';
  const corpOk = policy === 'cross-origin' || (policy === 'same-origin' && sameOrigin) || (policy === 'same-site' && at !== 'other');
  // HTML: the response's embedder policy must be compatible with cross-origin isolation.
  const coepOk = f.coep === 'require-corp' || f.coep === 'credentialless';
  return corpOk && coepOk;
}

function frameScenario(parent: CoepValue, at: OriginName, f: FrameCase): ScenarioInput {
  const allowed = frameAllowed(parent, at, f);
  const rel = at === 'site' ? 'same-origin' : at === 'sub' ? 'same-site' : 'other-site';
  const id = `isolation.coep.${parent}.iframe.${rel}.${f.slug}`;
  return {
    id,
    area: AREA,
    title: `iframe (${rel}, ${f.coep ? `COEP ${f.coep}` : 'no COEP'}, ${f.corp ? `CORP ${f.corp}` : 'no CORP'}) in a page with COEP ${parent}: ${allowed ? 'loads' : 'blocked'}`,
    ...(parent === 'require-corp' ? { claims: ['C81'] } : {}),
    spec: ['coepNavigation', 'navigateCorp', 'corpInternal'],
    page: { at: 'site', headers: parent === 'unsafe-none' ? [] : [[COEP, parent]] },
    responses: { frame: agent(frameHeaders(f)) },
    probe: { kind: 'window-access', params: { target: 'frame', open: { at, response: 'frame' }, path: [], action: 'get' }, timeoutMs: 8000 },
    expect: { blocked: !allowed, observation: { targetReady: allowed } },
    // A block, or a recorded deviation (which may record one), needs the frame shown loadable; a
    // refused frame never says hello (some engines fire no load event), so the probe waits out its bound.
    ...(allowed && !hasRecordedDeviation(id)
      ? {}
      : {
          waits: true,
          control: {
            patch: {
              responses: {
                frame: {
                  headers: [
                    [COEP, 'require-corp'],
                    [CORP, 'cross-origin'],
                  ],
                },
              },
            },
            expect: { observation: { targetReady: true } },
          },
        }),
  };
}

const frames: ScenarioInput[] = [];
for (const parent of ['require-corp', 'credentialless', 'unsafe-none'] as CoepValue[]) {
  for (const at of ['site', 'other'] as OriginName[]) {
    for (const f of FRAME_CASES) {
      if (at === 'site' && (f.slug === 'corp-same-origin' || f.slug === 'coep-credentialless-corp')) continue;
      frames.push(frameScenario(parent, at, f));
    }
  }
  frames.push(frameScenario(parent, 'sub', { slug: 'coep-corp-same-site', coep: 'require-corp', corp: 'same-site' }));
}

// ---- dedicated workers ----
const WORKER_REPORT =
  "postMessage({ ran: true, crossOriginIsolated: self.crossOriginIsolated === true, sharedArrayBuffer: typeof SharedArrayBuffer === 'function' });";
const WORKER_FETCH =
  "fetch('{{url:other:res}}', { mode: 'no-cors' }).then(function () { postMessage({ ran: true, fetched: true }); }, function () { postMessage({ ran: true, fetched: false }); });";

function workerScript(coep: CoepValue | undefined, bodyText = WORKER_REPORT) {
  return script(bodyText, coep ? [[COEP, coep]] : []);
}

interface WorkerCase {
  slug: string;
  pageCoop?: boolean;
  pageCoep?: CoepValue;
  workerCoep?: CoepValue;
  body?: string;
  resCorp?: CorpValue;
  /** undefined: the worker fails to load. */
  data?: Record<string, unknown>;
  title: string;
}

function workerScenario(w: WorkerCase): ScenarioInput {
  const headers: Array<[string, string]> = [];
  if (w.pageCoop) headers.push([COOP, 'same-origin']);
  if (w.pageCoep) headers.push([COEP, w.pageCoep]);
  const responses: Record<string, unknown> = { worker: workerScript(w.workerCoep, w.body) };
  if (w.body === WORKER_FETCH) responses.res = { headers: [['Content-Type', 'application/json'], ...(w.resCorp ? [[CORP, w.resCorp]] : [])], body: '{}' };
  const blocked = w.data === undefined || w.data.fetched === false;
  const control: ScenarioInput['control'] =
    w.data === undefined
      ? { patch: { responses: { worker: workerScript('require-corp', w.body) } }, expect: { observation: { created: true, event: 'message' } } }
      : w.data.fetched === false
        ? {
            patch: {
              responses: {
                res: {
                  headers: [
                    ['Content-Type', 'application/json'],
                    [CORP, 'cross-origin'],
                  ],
                },
              },
            },
            expect: { observation: { event: 'message', data: { fetched: true } } },
          }
        : hasRecordedDeviation(`isolation.coep.worker.${w.slug}`)
          ? // A recorded deviation may record a worker that never started: a require-corp worker must start here.
            {
              patch: { responses: { worker: workerScript('require-corp', w.body) } },
              expect: { observation: { created: true, event: 'message', data: { ran: true } } },
            }
          : undefined;
  return {
    id: `isolation.coep.worker.${w.slug}`,
    area: AREA,
    title: w.title,
    spec: ['workerCoep', 'coep', w.body === WORKER_FETCH ? 'corpCheck' : 'coi'],
    page: { at: 'site', headers },
    responses: responses as ScenarioInput['responses'],
    probe: { kind: 'worker', params: { target: { at: 'site', response: 'worker' } } },
    expect: { blocked, observation: w.data === undefined ? { created: true, event: 'error' } : { created: true, event: 'message', data: w.data } },
    ...(control ? { control } : {}),
  };
}

const workers: ScenarioInput[] = [
  workerScenario({
    slug: 'coi.no-coep',
    pageCoop: true,
    pageCoep: 'require-corp',
    title: 'A worker script without COEP cannot start in a COEP require-corp page',
  }),
  workerScenario({
    slug: 'coi.require-corp',
    pageCoop: true,
    pageCoep: 'require-corp',
    workerCoep: 'require-corp',
    data: { ran: true, crossOriginIsolated: true, sharedArrayBuffer: true },
    title: 'A require-corp worker of an isolated page is itself cross-origin isolated and has SharedArrayBuffer',
  }),
  workerScenario({
    slug: 'coi.credentialless',
    pageCoop: true,
    pageCoep: 'require-corp',
    workerCoep: 'credentialless',
    data: { ran: true, crossOriginIsolated: true },
    title: 'A credentialless worker is compatible with a require-corp page',
  }),
  workerScenario({
    slug: 'coi-credentialless.no-coep',
    pageCoop: true,
    pageCoep: 'credentialless',
    title: 'A worker script without COEP cannot start in a COEP credentialless page',
  }),
  workerScenario({
    slug: 'coi-credentialless.require-corp',
    pageCoop: true,
    pageCoep: 'credentialless',
    workerCoep: 'require-corp',
    data: { ran: true, crossOriginIsolated: true },
    title: 'A require-corp worker runs, isolated, in a COOP + COEP credentialless page',
  }),
  workerScenario({
    slug: 'plain.no-coep',
    title: 'A worker without COEP in a page without COEP runs, not isolated',
    data: { ran: true, crossOriginIsolated: false, sharedArrayBuffer: false },
  }),
  workerScenario({
    slug: 'plain.require-corp',
    workerCoep: 'require-corp',
    title: 'A require-corp worker of a page without COOP/COEP runs but is not cross-origin isolated',
    data: { ran: true, crossOriginIsolated: false, sharedArrayBuffer: false },
  }),
  workerScenario({
    slug: 'fetch.require-corp.no-corp',
    pageCoop: true,
    pageCoep: 'require-corp',
    workerCoep: 'require-corp',
    body: WORKER_FETCH,
    data: { ran: true, fetched: false },
    title: "A require-corp worker's own no-cors fetch of an other-site resource without CORP fails",
  }),
  workerScenario({
    slug: 'fetch.credentialless.no-corp',
    pageCoop: true,
    pageCoep: 'require-corp',
    workerCoep: 'credentialless',
    body: WORKER_FETCH,
    data: { ran: true, fetched: true },
    title: "A credentialless worker's own no-cors fetch of an other-site resource without CORP succeeds",
  }),
  workerScenario({
    slug: 'fetch.require-corp.corp',
    pageCoop: true,
    pageCoep: 'require-corp',
    workerCoep: 'require-corp',
    body: WORKER_FETCH,
    resCorp: 'cross-origin',
    data: { ran: true, fetched: true },
    title: "A require-corp worker's own no-cors fetch of a CORP cross-origin resource succeeds",
  }),
];

// ---- credentialless drops cookies on cross-origin no-cors requests (server log) ----
const COOKIE = 'cl=1; SameSite=None; Secure; Path=/';
const COOKIES = [
  { at: 'sub' as const, setCookie: COOKIE },
  { at: 'site' as const, setCookie: COOKIE },
];

function cookieScenario(
  slug: string,
  coep: CoepValue | undefined,
  kind: 'img' | 'fetch-no-cors' | 'fetch-include' | 'img-use-credentials',
  sent: boolean,
  title: string,
): ScenarioInput {
  const headers: Array<[string, string]> = [['Content-Type', kind.startsWith('img') ? 'image/png' : 'application/json']];
  if (coep) headers.push([CORP, 'cross-origin']);
  if (kind === 'fetch-include' || kind === 'img-use-credentials')
    headers.push(['Access-Control-Allow-Origin', '{{origin}}'], ['Access-Control-Allow-Credentials', 'true']);
  const res = kind.startsWith('img') ? image(headers) : { headers, body: '{}' };
  const target = { at: 'sub' as const, response: 'res' };
  const common = {
    id: `isolation.coep.cookies.${slug}`,
    area: AREA,
    title,
    ...(coep === 'credentialless' ? { claims: ['C81'] } : {}),
    spec: ['coepCredentials', 'corpInternal'] as CitationId[],
    page: { at: 'site' as const, headers: coep ? [[COEP, coep] as [string, string]] : [], cookies: COOKIES },
    responses: { res },
  };
  const evidence = { res: { arrived: true, cookies: sent ? ['cl'] : [] } };
  // Same request to the page's own origin: credentialless keeps same-origin credentials.
  const controlEvidence = { res: { arrived: true, cookies: ['cl'] } };
  if (kind === 'img' || kind === 'img-use-credentials') {
    return scenario({
      ...common,
      probe: { kind: 'embed', params: { element: 'img', target, ...(kind === 'img-use-credentials' ? { crossorigin: 'use-credentials' as const } : {}) } },
      expect: { blocked: !sent, observation: { loaded: true }, evidence },
      control: { sameOrigin: true, expect: { observation: { loaded: true }, evidence: controlEvidence } },
    });
  }
  return scenario({
    ...common,
    probe: { kind: 'fetch', params: { target, mode: kind === 'fetch-no-cors' ? 'no-cors' : 'cors', credentials: 'include' } },
    // A no-cors response from another origin is opaque: nothing of it readable (the cross-origin read stays shut).
    expect: { blocked: !sent, observation: kind === 'fetch-no-cors' ? OPAQUE : { resolved: true }, evidence },
    control: { sameOrigin: true, expect: { observation: { resolved: true }, evidence: controlEvidence } },
  });
}

const cookies: ScenarioInput[] = [
  cookieScenario('credentialless.img', 'credentialless', 'img', false, 'COEP credentialless: a same-site no-cors <img> is sent without cookies'),
  cookieScenario(
    'credentialless.fetch-no-cors',
    'credentialless',
    'fetch-no-cors',
    false,
    'COEP credentialless: a same-site fetch(no-cors, credentials include) is sent without cookies',
  ),
  cookieScenario(
    'credentialless.fetch-cors-include',
    'credentialless',
    'fetch-include',
    true,
    'COEP credentialless: a same-site CORS fetch with credentials include keeps its cookies',
  ),
  cookieScenario(
    'credentialless.img-use-credentials',
    'credentialless',
    'img-use-credentials',
    true,
    'COEP credentialless: <img crossorigin=use-credentials> (CORS mode) keeps its cookies',
  ),
  cookieScenario('require-corp.img', 'require-corp', 'img', true, 'COEP require-corp: a same-site no-cors <img> with CORP cross-origin is sent with cookies'),
  cookieScenario('none.img', undefined, 'img', true, 'No COEP: a same-site no-cors <img> is sent with cookies'),
  cookieScenario('none.fetch-no-cors', undefined, 'fetch-no-cors', true, 'No COEP: a same-site fetch(no-cors, credentials include) is sent with cookies'),
];

export const scenarios: ScenarioInput[] = [...noCors, ...corsMode, ...explicitUnsafeNone, ...frames, ...workers, ...cookies];
