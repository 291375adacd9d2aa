/**
 * The `Origin` header the server sees, by method, request mode and referrer policy: fetch() in
 * cors, no-cors and same-origin mode with a per-request `referrerPolicy`, form submissions (mode
 * navigate) plain and with rel=noreferrer, and redirect chains whose hops taint the request's
 * origin. Every expected value comes from Fetch's "append a request `Origin` header" as
 * harness/model/fetch/origin-header.ts computes it, and is written into the title (absent, or the
 * value); the server logs each hop under its own name.
 */
import {
  DEFAULT_REFERRER_POLICY,
  originHeader,
  responseTainting,
  type OriginHeaderMode,
  REFERRER_POLICIES,
  type ReferrerPolicy,
} from '../../harness/model/fetch/origin-header.ts';
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { originUrl, type OriginName } from '../../protocol/origins.ts';
import { HTML_DOC, OPAQUE, agent, text } from '../lib.ts';

const area = 'network/origin-header';
const PAGE: OriginName = 'site';
const ANY: Array<[string, string]> = [['Access-Control-Allow-Origin', '*']];
/** Readable cross-origin, and a preflight that admits any method (PUT is not CORS-safelisted). */
const READABLE: DeclaredResponse = {
  ...text(ANY),
  preflight: { status: 204, headers: [...ANY, ['Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT']] },
};
const SPEC: CitationId[] = ['originHeader', 'serializingRequestOrigin', 'referrerPolicyRequest', 'httpNetworkOrCacheFetch'];

type FetchMode = Exclude<OriginHeaderMode, 'navigate'>;
/** Absent from the request init: the document's policy applies (none is set: the default). */
type PolicyChoice = ReferrerPolicy | 'default';

/** An opaque response records a block: the same request to the page's own origin must resolve in the same visit. */
function opaqueControl(mode: OriginHeaderMode, chain: OriginName[]) {
  if (responseTainting({ origin: originUrl(PAGE), urlList: chain.map(originUrl), mode }) !== 'opaque') return {};
  return { control: { sameOrigin: true, expect: { observation: { resolved: true }, evidence: { res: { arrived: true } } } } };
}

/** What script sees of a fetch: an opaque response once main fetch taints it "opaque" (a no-cors hop to another origin). */
function fetched(mode: OriginHeaderMode, chain: OriginName[]): Record<string, unknown> {
  return responseTainting({ origin: originUrl(PAGE), urlList: chain.map(originUrl), mode }) === 'opaque' ? { ...OPAQUE } : { resolved: true };
}

const word = (name: OriginName) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const said = (v: string | null) => (v === null ? 'no Origin' : `Origin: ${v}`);

function expectedOrigin(mode: OriginHeaderMode, method: string, policy: PolicyChoice, chain: OriginName[]): string | null {
  return originHeader({
    origin: originUrl(PAGE),
    urlList: chain.map(originUrl),
    method,
    mode,
    referrerPolicy: policy === 'default' ? DEFAULT_REFERRER_POLICY : policy,
  }).value;
}

/** fetch() straight to `to`. */
function direct(mode: FetchMode, method: string, policy: PolicyChoice, to: OriginName): ScenarioInput {
  const origin = expectedOrigin(mode, method, policy, [to]);
  const init = policy === 'default' ? '' : `, referrerPolicy: '${policy}'`;
  return {
    id: `network.origin-header.${mode}.${method.toLowerCase()}.${policy}.${word(to)}`,
    area,
    title: `fetch(${originUrl(to)}, { method: '${method}', mode: '${mode}'${init} }) from ${originUrl(PAGE)}: ${said(origin)}`,
    spec: [...SPEC, ...(mode === 'cors' ? (['mainFetch'] as CitationId[]) : [])],
    page: { at: PAGE },
    responses: { res: mode === 'cors' ? READABLE : text() },
    probe: {
      kind: 'fetch',
      params: { target: { at: to, response: 'res' }, method, mode, ...(policy === 'default' ? {} : { referrerPolicy: policy }) },
    },
    expect: { blocked: false, observation: fetched(mode, [to]), evidence: { res: { arrived: true, methods: [method], origin } } },
    ...opaqueControl(mode, [to]),
  } as ScenarioInput;
}

/** A POST through 307 redirects (the method and body kept): each hop's Origin from the URL list so far. */
function redirected(mode: 'cors' | 'no-cors', chain: OriginName[]): ScenarioInput {
  const names = chain.map((_, i) => (i === chain.length - 1 ? 'res' : `hop${i + 1}`));
  const values = chain.map((_, i) => expectedOrigin(mode, 'POST', 'default', chain.slice(0, i + 1)));
  const cors = mode === 'cors' ? ANY : [];
  const responses: Record<string, DeclaredResponse> = {};
  chain.forEach((at, i) => {
    responses[names[i]] = i === chain.length - 1 ? text(cors) : { status: 307, headers: [['Location', `{{url:${chain[i + 1]}:${names[i + 1]}}}`], ...cors] };
  });
  return {
    id: `network.origin-header.redirect.${mode}.post.${chain.map(word).join('-')}`,
    area,
    title: `fetch POST (${mode}) from ${originUrl(PAGE)} through ${chain.map(originUrl).join(' → ')}: ${values.map((v, i) => `hop ${i + 1} ${said(v)}`).join(', ')}`,
    spec: [...SPEC, 'redirectTaint', 'httpRedirectFetch'],
    page: { at: PAGE },
    responses,
    probe: { kind: 'fetch', params: { target: { at: chain[0], response: names[0] }, method: 'POST', mode } },
    expect: {
      blocked: false,
      observation: fetched(mode, chain),
      evidence: Object.fromEntries(names.map((n, i) => [n, { arrived: true, methods: ['POST'], origin: values[i] }])),
    },
    // The control: the first hop sends the request straight to the last response, which must arrive.
    control: {
      patch: { responses: { hop1: { status: 307, headers: [['Location', `{{url:${chain[chain.length - 1]}:res}}`], ...cors] } } },
      expect: { observation: fetched(mode, [chain[0], chain[chain.length - 1]]), evidence: { res: { arrived: true, methods: ['POST'] } } },
    },
  };
}

/** A form submission (mode navigate) into a frame, through `chain` (307 keeps a POST a POST). */
function form(method: 'GET' | 'POST', rel: 'noreferrer' | undefined, chain: OriginName[]): ScenarioInput {
  const policy: PolicyChoice = rel === 'noreferrer' ? 'no-referrer' : 'default';
  const origin = expectedOrigin('navigate', method, policy, chain);
  const last = chain.length - 1;
  const responses: Record<string, DeclaredResponse> = { res: HTML_DOC };
  chain.slice(0, last).forEach((_, i) => {
    responses[`hop${i + 1}`] = { status: 307, headers: [['Location', `{{url:${chain[i + 1]}:${i + 1 === last ? 'res' : `hop${i + 2}`}}}`]] };
  });
  const via = chain.length > 1 ? ` through ${chain.map(originUrl).join(' → ')}` : ` to ${originUrl(chain[0])}`;
  return {
    id: `network.origin-header.form.${method.toLowerCase()}.${rel ?? 'plain'}.${chain.map(word).join('-')}`,
    area,
    title: `a form ${method}${rel ? ` with rel=${rel}` : ''} from ${originUrl(PAGE)} into a frame${via}: at the last hop ${said(origin)}`,
    spec: [...SPEC, 'formSubmission', ...(chain.length > 1 ? (['redirectTaint'] as CitationId[]) : [])],
    page: { at: PAGE },
    responses,
    probe: {
      kind: 'form-post',
      params: {
        target: { at: chain[0], response: chain.length > 1 ? 'hop1' : 'res' },
        until: { at: chain[last], response: 'res' },
        method,
        ...(rel ? { rel } : {}),
      },
    },
    expect: { blocked: false, observation: { submitted: true }, evidence: { res: { arrived: true, methods: [method], origin } } },
  };
}

/**
 * The same requests made from a frame (on the page's origin) whose document has a Referrer-Policy
 * header: with no per-request policy, a request's referrer policy is its client's.
 */
function fromPolicyDocument(policy: ReferrerPolicy, what: 'no-cors' | 'cors' | 'form', to: OriginName): ScenarioInput {
  const mode: OriginHeaderMode = what === 'form' ? 'navigate' : what;
  const origin = expectedOrigin(mode, 'POST', policy, [to]);
  const request = what === 'form' ? 'a form POST into a frame' : `fetch(${originUrl(to)}, { method: 'POST', mode: '${what}' })`;
  const probe =
    what === 'form'
      ? { kind: 'form-post' as const, params: { target: { at: to, response: 'res' } } }
      : { kind: 'fetch' as const, params: { target: { at: to, response: 'res' }, method: 'POST', mode: what } };
  return {
    id: `network.origin-header.document-policy.${policy}.${what}.${word(to)}`,
    area,
    title: `${request} to ${originUrl(to)} from a document with Referrer-Policy: ${policy}: ${said(origin)}`,
    spec: [...SPEC, 'formSubmission'],
    responses: { ctx: agent([['Referrer-Policy', policy]]), res: what === 'form' ? HTML_DOC : what === 'cors' ? READABLE : text() },
    probe: { ...probe, context: [{ via: 'iframe', at: PAGE, response: 'ctx' }], timeoutMs: 10_000 },
    expect: {
      blocked: false,
      observation: what === 'form' ? { submitted: true } : fetched(what, [to]),
      evidence: { res: { arrived: true, methods: ['POST'], origin } },
    },
    ...(what === 'form' ? {} : opaqueControl(what, [to])),
  } as ScenarioInput;
}

const TARGETS: OriginName[] = ['site', 'sub', 'other'];
const ALL_POLICIES: PolicyChoice[] = ['default', ...REFERRER_POLICIES];
/** In cors mode the policy is consulted only for a same-origin request that is not GET or HEAD. */
const CORS_POLICIES: PolicyChoice[] = ['default', 'no-referrer', 'same-origin', 'unsafe-url'];

const CHAINS: OriginName[][] = [
  ['site', 'other'],
  ['other', 'site'],
  ['site', 'other', 'site'],
  ['sub', 'site'],
];

export const scenarios: ScenarioInput[] = [
  ...['GET', 'HEAD', 'POST', 'PUT'].flatMap((m) => CORS_POLICIES.flatMap((p) => TARGETS.map((to) => direct('cors', m, p, to)))),
  ...ALL_POLICIES.flatMap((p) => TARGETS.map((to) => direct('no-cors', 'POST', p, to))),
  ...['GET', 'HEAD'].flatMap((m) =>
    (['default', 'no-referrer', 'unsafe-url'] as PolicyChoice[]).flatMap((p) => (['site', 'other'] as OriginName[]).map((to) => direct('no-cors', m, p, to))),
  ),
  ...['GET', 'POST', 'PUT'].flatMap((m) =>
    (['default', 'no-referrer', 'same-origin', 'strict-origin'] as PolicyChoice[]).map((p) => direct('same-origin', m, p, 'site')),
  ),
  ...(['cors', 'no-cors'] as const).flatMap((mode) => CHAINS.map((chain) => redirected(mode, chain))),
  ...(['site', 'other'] as OriginName[]).flatMap((to) => [form('POST', undefined, [to]), form('POST', 'noreferrer', [to]), form('GET', undefined, [to])]),
  ...CHAINS.map((chain) => form('POST', undefined, chain)),
  ...(['no-referrer', 'same-origin', 'strict-origin'] as ReferrerPolicy[]).flatMap((p) => [
    fromPolicyDocument(p, 'no-cors', 'site'),
    fromPolicyDocument(p, 'no-cors', 'other'),
    fromPolicyDocument(p, 'cors', 'site'),
    fromPolicyDocument(p, 'form', 'site'),
    fromPolicyDocument(p, 'form', 'other'),
  ]),
];
