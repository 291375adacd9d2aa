/**
 * The boundary canary: before an engine's first visit, one visit of probes whose answer every
 * browser with its origin boundary on must give — a cross-origin read without CORS fails, a
 * cross-origin frame's document is out of reach, a cross-origin image without CORP does not load
 * under COEP require-corp, and (Firefox's shipped cookie policy, Total Cookie Protection) a cookie
 * set by a cross-site response is not sent first-party. Each has a control in the same visit. An
 * engine that does not pass every one, or whose record names a setting that switches its boundary
 * off (EngineInfo.boundaryProblems), is refused with the reason, never judged. The canary runs
 * through the same visit machinery as every other visit, on the engine's own fixture network.
 */
import type { EngineFamily, EngineSession } from '../../engines/engine.ts';
import { validateScenarios, type Scenario, type ScenarioInput } from '../scenario/scenario.ts';
import { planVisits } from '../plan/planner.ts';
import type { ResultRow } from '../judge/results.ts';
import { buildRow } from './runner.ts';
import { LocalVisitExecutor } from './visit-executor.ts';
import type { ServiceNetwork } from './suite.ts';

const COEP: [string, string] = ['Cross-Origin-Embedder-Policy', 'require-corp'];
// Framed agent documents must be embeddable under the page's COEP (the frame probe is about script access, not embedding).
const FRAMEABLE: Array<[string, string]> = [COEP, ['Cross-Origin-Resource-Policy', 'cross-origin']];
const SECRET = { headers: [['Content-Type', 'application/json']] as Array<[string, string]>, body: '{"secret":"originproof"}' };
const page = { at: 'site' as const, headers: [COEP] };
const area = 'canary';

const CANARY: ScenarioInput[] = [
  {
    id: 'canary.cors-read',
    area,
    title: 'a cross-origin fetch without CORS headers is unreadable (TypeError)',
    spec: ['corsCheck', 'corsProtocol'],
    page,
    responses: { data: { ...SECRET, headers: [...SECRET.headers, ['Cross-Origin-Resource-Policy', 'cross-origin']] } },
    probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' } } },
    expect: { blocked: true, observation: { resolved: false, error: 'TypeError' }, evidence: { data: { arrived: true } } },
    control: {
      patch: { responses: { data: { ...SECRET, headers: [...SECRET.headers, ['Access-Control-Allow-Origin', '*']] } } },
      expect: { observation: { resolved: true, bodyReadable: true } },
    },
  },
  {
    id: 'canary.no-cors-opaque',
    area,
    title: "a mode: 'no-cors' cross-origin fetch resolves to an opaque response: nothing readable",
    spec: ['corsProtocol'],
    page,
    responses: { data: { ...SECRET, headers: [...SECRET.headers, ['Cross-Origin-Resource-Policy', 'cross-origin']] } },
    probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' }, mode: 'no-cors' } },
    expect: {
      blocked: false,
      observation: { resolved: true, type: 'opaque', status: 0, bodyReadable: false, body: '' },
      evidence: { data: { arrived: true } },
    },
  },
  {
    id: 'canary.frame-document',
    area,
    title: "a cross-site frame's window.document throws SecurityError",
    spec: ['crossOriginProperties', 'crossOriginGet'],
    page,
    responses: { doc: { kind: 'agent', headers: FRAMEABLE } },
    probe: { kind: 'window-access', params: { target: 'frame', open: { at: 'other', response: 'doc' }, path: ['document'], action: 'get' }, timeoutMs: 12_000 },
    expect: { blocked: true, observation: { targetReady: true, allowed: false, error: 'SecurityError' } },
    control: { sameOrigin: true, expect: { observation: { targetReady: true, allowed: true, valueType: 'object' } } },
  },
  {
    id: 'canary.corp-under-coep',
    area,
    title: 'under COEP require-corp, a cross-site image with CORP same-origin does not load',
    spec: ['corpCheck', 'httpFetch', 'coep'],
    page,
    responses: { res: { kind: 'png', headers: [['Cross-Origin-Resource-Policy', 'same-origin']] } },
    probe: { kind: 'embed', params: { element: 'img', target: { at: 'other', response: 'res' }, waitMs: 3000 } },
    expect: { blocked: true, observation: { loaded: false, event: 'error' }, evidence: { res: { arrived: true } } },
    control: {
      patch: { responses: { res: { kind: 'png', headers: [['Cross-Origin-Resource-Policy', 'cross-origin']] } } },
      expect: { observation: { loaded: true, event: 'load' }, evidence: { res: { arrived: true } } },
    },
  },
];

const credentialed = (extra: Array<[string, string]> = []) => ({
  headers: [['Content-Type', 'text/plain'], ['Access-Control-Allow-Origin', '{{origin}}'], ['Access-Control-Allow-Credentials', 'true'], ...extra] as Array<
    [string, string]
  >,
  body: 'originproof',
});
const NONE_COOKIE: [string, string] = ['Set-Cookie', 'canary_none=1; SameSite=None; Secure'];
const firstPartyFetch = { kind: 'fetch' as const, params: { target: { at: 'other' as const, response: 'first' }, credentials: 'include' as const }, in: 'top' };

/**
 * Not the standard's answer but the engine's shipped cookie policy, which a switched-off cookie
 * protection (network.cookie.cookieBehavior=0) changes: Firefox keys a cookie set by a cross-site
 * response by the top-level site it was set under (Total Cookie Protection), so it is not sent
 * from a top-level page of the cookie's own site.
 */
const FIREFOX_COOKIE_CANARY: ScenarioInput = {
  id: 'canary.firefox-cookie-partitioned',
  area,
  title: "Firefox's shipped cookie policy (Total Cookie Protection): a cookie set by a cross-site fetch response is not sent first-party",
  spec: ['cookieStorageModel', 'thirdPartyCookies', 'fetchCookies'],
  page,
  responses: { set: credentialed([NONE_COOKIE]), first: credentialed(), doc: { kind: 'agent' }, setTop: { kind: 'agent', headers: [NONE_COOKIE] } },
  probe: {
    kind: 'sequence',
    params: {
      contexts: { top: { via: 'popup', at: 'other', response: 'doc' } },
      steps: [{ kind: 'fetch', params: { target: { at: 'other', response: 'set' }, credentials: 'include' } }, firstPartyFetch],
    },
    timeoutMs: 15_000,
  },
  expect: {
    blocked: true,
    observation: { contexts: { top: true }, steps: [{ resolved: true }, { resolved: true }] },
    evidence: { set: { arrived: true }, first: { arrived: true, cookies: [] } },
  },
  control: {
    patch: { probe: { params: { contexts: { top: { via: 'popup', at: 'other', response: 'setTop' } }, steps: [firstPartyFetch] } } },
    expect: {
      observation: { contexts: { top: true }, steps: [{ resolved: true }] },
      evidence: { setTop: { arrived: true }, first: { arrived: true, cookies: ['canary_none'] } },
    },
  },
};

const CANARY_FILE = 'harness/service/canary.ts';

/** The canary's scenarios for an engine family (the cookie probe only where it matches the shipped policy: Firefox). */
export function canaryScenarios(family: EngineFamily | undefined): Scenario[] {
  return validateScenarios(CANARY_FILE, family === 'firefox' ? [...CANARY, FIREFOX_COOKIE_CANARY] : CANARY);
}

export interface CanaryResult {
  rows: ResultRow[];
  /** Rows that did not pass, one line each: what the engine did instead. */
  failed: string[];
  durationMs: number;
}

/** Runs the canary on `session` over `network`: one visit, judged like any other. */
export async function runCanary(network: Pick<ServiceNetwork, 'store'>, session: EngineSession): Promise<CanaryResult> {
  const started = Date.now();
  const scenarios = canaryScenarios(session.info.family);
  const visits = planVisits(scenarios);
  if (visits.length !== 1) throw new Error(`originproof: the boundary canary planned ${visits.length} visits instead of one`);
  const outcome = await new LocalVisitExecutor(network, session).execute(visits[0]);
  const rows = scenarios.map((s) => buildRow(s, visits[0], outcome, 0));
  const failed = rows.filter((r) => r.verdict !== 'pass').map((r) => `${r.id} (${r.title}): ${r.verdict}, ${r.reason}`);
  return { rows, failed, durationMs: Date.now() - started };
}

/**
 * Why `session` must not be judged, or undefined when its boundary is on: the canary's failures and
 * the boundary settings its record found on the running browser. The message names both.
 */
export async function boundaryRefusal(network: Pick<ServiceNetwork, 'store'>, session: EngineSession): Promise<{ refusal?: string; canary: CanaryResult }> {
  let canary = await runCanary(network, session);
  // A slow machine can time a probe out; a boundary that is off fails the same way twice.
  if (canary.failed.length) canary = await runCanary(network, session);
  const problems = session.info.boundaryProblems ?? [];
  if (!canary.failed.length && !problems.length) return { canary };
  const parts = [
    ...(problems.length ? [`boundary settings on the running browser: ${problems.join('; ')}`] : []),
    ...(canary.failed.length
      ? [`boundary canary failed: ${canary.failed.join('; ')}`]
      : ['the boundary canary passed, but the settings above switch off parts of the boundary it does not probe']),
  ];
  return {
    canary,
    refusal: `originproof: ${session.info.engine} (${session.info.browser}) is refused before its first visit: its origin boundary is not as shipped, so nothing it does could be judged. ${parts.join('. ')}`,
  };
}
