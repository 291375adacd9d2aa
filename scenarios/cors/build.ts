/**
 * Turns a declared CORS case (page, requester, request, declared responses) into a scenario whose
 * expectation, evidence and control expectation are all COMPUTED by the Fetch model
 * (harness/model/fetch), never written by hand and never taken from a browser.
 */
import { checkStated, type BuiltScenarioOf, type ScenarioOf, type EvidenceExpectation } from '../../harness/scenario/scenario.ts';

type Deviations = NonNullable<BuiltScenarioOf<'fetch'>['deviations']>;
import { controlRequirements } from '../../harness/scenario/honesty.ts';
import type { CitationId } from '../../harness/citations/registry.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import type { OriginName } from '../../protocol/origins.ts';
import {
  modelFetch,
  corsUnsafeRequestHeaderNames,
  isForbiddenResponseHeaderName,
  type ModelInput,
  type CredentialsMode,
  type RequestCacheMode,
} from '../../harness/model/fetch/index.ts';
import { AGENT } from '../lib.ts';
import { deepMerge, matches } from '../../harness/scenario/match.ts';
import { ENGINE_VARIANTS } from '../deviations/index.ts';

/** First-party cookies set before every CORS page loads (evidence: were they sent?). */
export const CORS_COOKIES: Array<{ at: OriginName; setCookie: string }> = [
  { at: 'site', setCookie: 'opc=1; SameSite=None; Secure; Path=/' },
  { at: 'other', setCookie: 'opo=1; SameSite=None; Secure; Path=/' },
];
const COOKIE_JAR: Partial<Record<OriginName, string[]>> = { site: ['opc'], other: ['opo'] };
/** Where a hand-written area's cases live (named when a stated answer disagrees with the model). */
const CORS_FILES: Record<string, string> = { 'cors/claims': 'scenarios/cors/claims.ts' };

export interface FetchParams {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  credentials?: CredentialsMode;
  mode?: 'cors' | 'no-cors';
  readHeaders?: string[];
  repeat?: number;
  /** The request cache mode; unset = the browser default ("default"). */
  cache?: RequestCacheMode;
}

/** What script gets of the first fetch: the body ('readable'), nothing though the request reached the server ('sent-unreadable'), or nothing sent (a failed preflight, a refused request). */
export type Reads = 'readable' | 'sent-unreadable' | 'not-sent';

/** The model's answer in the same word, with the step of Fetch that decided it (its trace's last step). */
export function readsOf(model: ReturnType<typeof modelFetch>): { outcome: Reads; step: string } {
  const step = model.first.trace.join('; ') || 'Fetch';
  if (model.first.resolved && model.first.bodyReadable) return { outcome: 'readable', step };
  const sent = model.requests.some((r) => !r.preflight);
  return { outcome: sent ? 'sent-unreadable' : 'not-sent', step };
}

export interface CorsCase {
  id: string;
  area: string;
  title: string;
  claims?: string[];
  spec: CitationId[];
  /** Top-level page origin. */
  page: OriginName;
  /** Run fetch() in a sandboxed (allow-scripts only) frame of the page: an opaque origin. */
  sandboxed?: boolean;
  target: { at: OriginName; response: string };
  responses: Record<string, DeclaredResponse>;
  params: FetchParams;
  /** The answer on the line, checked against the Fetch model on load (hand-written cases state it). */
  reads?: Reads;
  /** How many preflights the server sees for the whole probe (repeats included), where the case is about them. */
  preflights?: number;
  /** Override the automatic permissive control (patch for responses / params). */
  controlPatch?: { responses?: Record<string, DeclaredResponse>; params?: Partial<FetchParams> };
  timeoutMs?: number;
}

function modelInputOf(c: CorsCase, responses: Record<string, DeclaredResponse>, params: FetchParams): ModelInput {
  return {
    requester: c.sandboxed ? { opaque: true, top: c.page } : c.page,
    target: c.target,
    responses,
    ...params,
    cookieJar: COOKIE_JAR,
  };
}

const CORS_RESPONSE_HEADERS = /^access-control-/i;

/**
 * The permissive configuration of the same responses: every CORS header replaced by one that lets
 * this exact request through (reflected origin + credentials, exact method and header names, exposed
 * names), preflights answered 204. Other header lines (Location, X-Op-*, Set-Cookie…) are kept.
 */
export function permissive(responses: Record<string, DeclaredResponse>, params: FetchParams): Record<string, DeclaredResponse> {
  const out: Record<string, DeclaredResponse> = {};
  const method = params.method ?? 'GET';
  const headerNames = Object.keys(params.headers ?? {});
  const expose = (params.readHeaders ?? []).filter((h) => !isForbiddenResponseHeaderName(h));
  for (const [name, d] of Object.entries(responses)) {
    if (d.kind === 'agent') continue;
    const kept = (d.headers ?? []).filter(([n]) => !CORS_RESPONSE_HEADERS.test(n));
    const allow: Array<[string, string]> = [
      ['Access-Control-Allow-Origin', '{{origin}}'],
      ['Access-Control-Allow-Credentials', 'true'],
    ];
    out[name] = {
      status: d.status ?? 200,
      headers: [...allow, ...(expose.length ? [['Access-Control-Expose-Headers', expose.join(', ')] as [string, string]] : []), ...kept],
      preflight: {
        status: 204,
        headers: [
          ...allow,
          ['Access-Control-Allow-Methods', method],
          ...(headerNames.length ? [['Access-Control-Allow-Headers', headerNames.join(', ')] as [string, string]] : []),
        ],
      },
    };
  }
  return out;
}

function controlEvidence(e: Record<string, EvidenceExpectation>): Record<string, EvidenceExpectation> {
  const out: Record<string, EvidenceExpectation> = {};
  for (const [name, v] of Object.entries(e)) {
    const { preflightCount: _a, actualCount: _b, methods: _c, acrHeaders: _d, ...rest } = v;
    out[name] = rest;
  }
  return out;
}

export function buildCorsScenario(c: CorsCase): BuiltScenarioOf<'fetch'> {
  const responses: Record<string, DeclaredResponse> = { ...c.responses };
  if (c.sandboxed) responses.ctx = AGENT;
  const model = modelFetch(modelInputOf(c, c.responses, c.params));
  const file = CORS_FILES[c.area] ?? c.area;
  if (c.reads) checkStated(file, c.id, 'reads', c.reads, readsOf(model));
  if (c.preflights !== undefined) {
    const e = model.evidence[c.target.response];
    checkStated(file, c.id, 'preflights', String(c.preflights), { outcome: String(e?.preflightCount ?? 0), step: model.first.trace.join('; ') });
  }
  const blocked = !model.fullyReadable;
  const params = { target: c.target, ...c.params };
  const probe = {
    kind: 'fetch' as const,
    params,
    ...(c.sandboxed ? { context: [{ via: 'iframe' as const, at: c.page, response: 'ctx', sandbox: 'allow-scripts' }] } : {}),
    // A sandboxed frame must load its agent first; a repeated or redirected preflighted fetch makes
    // several sequential requests, which under load exceeded 3 s (a bound, not a wait).
    timeoutMs: c.timeoutMs ?? (c.sandboxed ? 8000 : 5000),
  };
  const deviations = deviationsOf(c, model);
  const expectation = { blocked, observation: model.observation, evidence: model.evidence };
  // A block, or a deviation that records one, needs a control; "no cookie sent" alone does not
  // get one here: it is asserted only where the control proves the cookie exists (below).
  const draft = { probe, expect: { ...expectation, evidence: withoutEmptyCookies(expectation.evidence) }, deviations: strippedDeviations(deviations) };
  const control = controlRequirements(draft).needs.length ? controlOf(c) : undefined;
  const proven = new Set(Object.entries(control?.expect.evidence ?? {}).flatMap(([name, e]) => (e.cookies?.length ? [name] : [])));
  return {
    id: c.id,
    area: c.area,
    title: c.title,
    ...(c.claims ? { claims: c.claims } : {}),
    spec: c.spec,
    page: { at: c.page, cookies: CORS_COOKIES },
    responses,
    probe,
    expect: { ...expectation, evidence: withoutEmptyCookies(expectation.evidence, proven) },
    ...(control ? { control } : {}),
    ...(Object.keys(deviations).length ? { deviations: strippedDeviations(deviations, proven) } : {}),
  };
}

/** The permissive configuration of the same request, which the model says is fully readable. */
function controlOf(c: CorsCase): NonNullable<ScenarioOf<'fetch'>['control']> {
  const patchResponses = c.controlPatch?.responses ?? permissive(c.responses, { ...c.params, ...c.controlPatch?.params });
  const patchParams: Partial<FetchParams> = {
    mode: 'cors',
    ...(c.params.readHeaders ? { readHeaders: c.params.readHeaders.filter((h) => !isForbiddenResponseHeaderName(h)) } : {}),
    ...c.controlPatch?.params,
  };
  const merged = deepMerge(structuredClone(c.responses), patchResponses);
  const cm = modelFetch(modelInputOf(c, merged, { ...c.params, ...patchParams }));
  if (!cm.fullyReadable) throw new Error(`cors scenario ${c.id}: the model says its control would not succeed: ${cm.first.trace.join(' | ')}`);
  return {
    patch: { probe: { params: patchParams }, responses: patchResponses },
    // A control proves the probe works: counts and header spellings are the scenario's business.
    expect: { observation: cm.observation, evidence: controlEvidence(cm.evidence) },
  };
}

/** Known engine deviations: the same case under each engine's model variant. */
function deviationsOf(c: CorsCase, model: ReturnType<typeof modelFetch>): Deviations {
  const deviations: Deviations = {};
  for (const [engine, variants] of Object.entries(ENGINE_VARIANTS)) {
    if (!variants?.length || deviations[engine as keyof typeof deviations]) continue;
    const vm = modelFetch({ ...modelInputOf(c, c.responses, c.params), variant: Object.assign({}, ...variants.map((v) => v.variant)) });
    if (matches(model.observation, vm.observation) && matches(model.evidence, vm.evidence)) continue;
    // Which variants matter here: those that change the result on their own.
    const relevant = variants.filter((v) => {
      const one = modelFetch({ ...modelInputOf(c, c.responses, c.params), variant: v.variant });
      return !(matches(model.observation, one.observation) && matches(model.evidence, one.evidence));
    });
    const used = relevant.length ? relevant : variants;
    // A deviation is merged into the expectation: what the variant does not report is marked absent.
    deviations[engine as keyof typeof deviations] = {
      observed: withAbsent(vm.observation, model.observation),
      evidence: Object.fromEntries(Object.entries(vm.evidence).map(([name, e]) => [name, withAbsent(e, model.evidence[name] ?? {}, ['cookies'])])),
      reason: used.map((v) => v.reason).join(' + '),
      link: used[0].link,
    };
  }
  return deviations;
}

/**
 * `value` with null ("absent") for every top-level key `expected` has and `value` lacks, but
 * `keep`: a cookie list the variant does not predict (third-party policy) stays the expectation's.
 */
function withAbsent<T extends object>(value: T, expected: object, keep: string[] = []): T {
  const out = { ...value } as Record<string, unknown>;
  for (const k of Object.keys(expected)) if (!(k in out) && !keep.includes(k)) out[k] = null;
  return out as T;
}

/**
 * `cookies: []` ("no cookie was sent") proves nothing unless something shows the cookie exists:
 * it is kept only on responses the control expects to carry cookies.
 */
function withoutEmptyCookies(e: Record<string, EvidenceExpectation>, proven = new Set<string>()): Record<string, EvidenceExpectation> {
  const out: Record<string, EvidenceExpectation> = {};
  for (const [name, v] of Object.entries(e)) {
    const { cookies, ...rest } = v;
    out[name] = cookies && cookies.length === 0 && !proven.has(name) ? rest : v;
  }
  return out;
}
function strippedDeviations(d: Deviations, proven = new Set<string>()): Deviations {
  return Object.fromEntries(Object.entries(d).map(([engine, v]) => [engine, v?.evidence ? { ...v, evidence: withoutEmptyCookies(v.evidence, proven) } : v]));
}

/** For reports and unit tests: the model's reasoning for a case. */
export function explain(c: CorsCase): string[] {
  return modelFetch(modelInputOf(c, c.responses, c.params)).first.trace;
}

export { corsUnsafeRequestHeaderNames };
