/**
 * Sandboxed frames and opaque origins: no flags (no script), allow-scripts (opaque origin, no
 * storage, no cookies API, Origin: null), allow-scripts allow-same-origin (keeps its origin and
 * can reach a same-origin parent), allow-popups, allow-forms, and the CSP `sandbox` header.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ProbeParams } from '../../probes/index.ts';
import type { ContextInput, ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { AGENT, agent, DATA, OPAQUE, readableBy, text } from '../lib.ts';
import { withBound } from './common.ts';

const area = 'sop/sandbox';
const frameAt = (at: OriginName, sandbox?: string, response = 'doc'): ContextInput => ({
  via: 'iframe',
  at,
  response,
  ...(sandbox !== undefined ? { sandbox } : {}),
});
const ready = { targetReady: true, allowed: true };

function noScript(id: string, at: OriginName, sandbox: string, controlSandbox: string, title: string): ScenarioOf<'window-access'> {
  return {
    id,
    area,
    title,
    claims: ['C70'],
    spec: ['sandbox', 'sandboxFlags'],
    responses: { doc: AGENT },
    probe: { kind: 'window-access', params: { target: 'frame', open: { at, response: 'doc' }, sandbox, path: ['closed'], action: 'get' } },
    expect: { blocked: true, observation: { targetReady: false } },
    control: { patch: { probe: { params: { sandbox: controlSandbox } } }, expect: { observation: ready } },
  };
}

function storageIn(api: ProbeParams<'storage'>['api'], slug: string, spec: CitationId): ScenarioOf<'storage'> {
  return {
    id: `sop.sandbox.allow-scripts.${slug}`,
    area,
    title: `sandbox="allow-scripts": ${api} throws SecurityError in the opaque origin`,
    claims: ['C71', api === 'cookie' ? 'C31' : 'C34'],
    spec: ['sandboxedOrigin', spec],
    responses: { doc: AGENT },
    probe: { kind: 'storage', params: { api, op: 'read', key: 'originproof' }, context: [frameAt('site', 'allow-scripts')] },
    expect: { blocked: true, observation: { allowed: false, error: 'SecurityError' } },
    control: { patch: { probe: { context: [frameAt('site', 'allow-scripts allow-same-origin')] } }, expect: { observation: { allowed: true } } },
  };
}

const cookies: Array<{ at: OriginName; setCookie: string }> = [
  { at: 'site', setCookie: 'sb_lax=1; SameSite=Lax; Secure; Path=/' },
  { at: 'site', setCookie: 'sb_none=1; SameSite=None; Secure; Path=/' },
];

const RAW: ScenarioInput[] = [
  noScript('sop.sandbox.no-flags.same-origin', 'site', '', 'allow-scripts', 'sandbox="" on a same-origin frame: no script runs (the agent never says hello)'),
  noScript('sop.sandbox.no-flags.cross-site', 'other', '', 'allow-scripts', 'sandbox="" on a cross-site frame: no script runs'),
  noScript(
    'sop.sandbox.allow-same-origin-only',
    'site',
    'allow-same-origin',
    'allow-same-origin allow-scripts',
    'sandbox="allow-same-origin" without allow-scripts: still no script',
  ),
  noScript(
    'sop.sandbox.allow-forms-only',
    'site',
    'allow-forms allow-popups',
    'allow-forms allow-popups allow-scripts',
    'sandbox="allow-forms allow-popups" without allow-scripts: no script',
  ),
  {
    id: 'sop.sandbox.allow-scripts.origin-null',
    area,
    title: 'sandbox="allow-scripts": script runs with an opaque origin (self.origin === "null")',
    claims: ['C71', 'C61'],
    spec: ['sandboxFlags', 'sandboxedOrigin'],
    responses: { doc: AGENT },
    probe: { kind: 'isolation', params: {}, context: [frameAt('site', 'allow-scripts')] },
    expect: { blocked: false, observation: { origin: 'null' } },
  },
  {
    id: 'sop.sandbox.allow-scripts.origin-null-cross-site',
    area,
    title: 'sandbox="allow-scripts" on a cross-site frame: opaque origin too',
    claims: ['C71'],
    spec: ['sandboxFlags', 'sandboxedOrigin'],
    responses: { doc: AGENT },
    probe: { kind: 'isolation', params: {}, context: [frameAt('other', 'allow-scripts')] },
    expect: { blocked: false, observation: { origin: 'null' } },
  },
  storageIn('localStorage', 'local-storage', 'localStorage'),
  storageIn('sessionStorage', 'session-storage', 'sessionStorage'),
  storageIn('indexedDB', 'indexed-db', 'indexedDB'),
  storageIn('cookie', 'document-cookie', 'documentCookie'),
  {
    id: 'sop.sandbox.allow-scripts.parent-document',
    area,
    title: 'sandbox="allow-scripts" frame of the same URL origin cannot reach parent.document',
    claims: ['C71', 'C20'],
    spec: ['sandboxedOrigin', 'crossOriginGet'],
    responses: { doc: AGENT },
    probe: { kind: 'window-access', params: { target: 'parent', path: ['document'], action: 'get' }, context: [frameAt('site', 'allow-scripts')] },
    expect: { blocked: true, observation: { allowed: false, error: 'SecurityError' } },
    control: { patch: { probe: { context: [frameAt('site', 'allow-scripts allow-same-origin')] } }, expect: { observation: { allowed: true } } },
  },
  {
    id: 'sop.sandbox.allow-scripts.origin-header-null',
    area,
    title: 'a POST from a sandbox="allow-scripts" frame carries Origin: null',
    claims: ['C61', 'C71'],
    spec: ['originHeader', 'sandboxedOrigin'],
    responses: { doc: AGENT, sink: text([], 'ok') },
    probe: {
      kind: 'fetch',
      params: { target: { at: 'site', response: 'sink' }, method: 'POST', mode: 'no-cors', body: 'x' },
      context: [frameAt('site', 'allow-scripts')],
    },
    expect: { blocked: false, observation: OPAQUE, evidence: { sink: { arrived: true, methods: ['POST'], origin: 'null' } } },
  },
  {
    id: 'sop.sandbox.allow-scripts.acao-null-readable',
    area,
    title: 'Access-Control-Allow-Origin: null lets a sandboxed (opaque) document read the response',
    claims: ['C61', 'C50'],
    spec: ['corsCheck', 'sandboxedOrigin'],
    responses: {
      doc: AGENT,
      data: readableBy('null'),
    },
    probe: { kind: 'fetch', params: { target: { at: 'site', response: 'data' } }, context: [frameAt('site', 'allow-scripts')] },
    expect: {
      blocked: false,
      observation: { resolved: true, status: 200, bodyReadable: true, body: '{"secret":"originproof"}' },
      evidence: { data: { origin: 'null' } },
    },
  },
  {
    id: 'sop.sandbox.allow-scripts.no-acao-unreadable',
    area,
    title: "the sandboxed document's own-URL-origin resource is cross-origin to it: unreadable without CORS",
    claims: ['C61', 'C51', 'C71'],
    spec: ['corsCheck', 'sandboxedOrigin'],
    responses: { doc: AGENT, data: DATA },
    probe: { kind: 'fetch', params: { target: { at: 'site', response: 'data' } }, context: [frameAt('site', 'allow-scripts')] },
    expect: { blocked: true, observation: { resolved: false, error: 'TypeError' }, evidence: { data: { arrived: true, origin: 'null' } } },
    control: {
      patch: {
        responses: {
          data: readableBy('null'),
        },
      },
      expect: { observation: { resolved: true, bodyReadable: true } },
    },
  },
  {
    id: 'sop.sandbox.allow-scripts.lax-cookie-withheld',
    area,
    title: 'a credentialed fetch from a sandboxed frame to its own URL origin is cross-site: SameSite=Lax withheld, None sent',
    claims: ['C71', 'C30'],
    spec: ['sandboxedOrigin', 'sameSite', 'fetchCookies'],
    page: { at: 'site', cookies },
    responses: { doc: AGENT, sink: text([], 'ok') },
    probe: {
      kind: 'fetch',
      params: { target: { at: 'site', response: 'sink' }, mode: 'no-cors', credentials: 'include' },
      context: [frameAt('site', 'allow-scripts')],
    },
    expect: { blocked: true, observation: OPAQUE, evidence: { sink: { arrived: true, cookies: ['sb_none'] } } },
    control: {
      patch: { probe: { context: [frameAt('site', 'allow-scripts allow-same-origin')] } },
      expect: { observation: { resolved: true }, evidence: { sink: { cookies: ['sb_lax', 'sb_none'] } } },
    },
  },
  {
    id: 'sop.sandbox.same-origin.keeps-origin',
    area,
    title: 'sandbox="allow-scripts allow-same-origin": the frame keeps its origin',
    claims: ['C72'],
    spec: ['sandboxFlags'],
    responses: { doc: AGENT },
    probe: { kind: 'isolation', params: {}, context: [frameAt('site', 'allow-scripts allow-same-origin')] },
    expect: { blocked: false, observation: { origin: 'https://site.test' } },
  },
  {
    id: 'sop.sandbox.same-origin.reaches-parent',
    area,
    title: 'allow-scripts + allow-same-origin on a same-origin frame: the frame can script its parent',
    claims: ['C72'],
    spec: ['sandbox', 'sandboxFlags'],
    responses: { doc: AGENT },
    probe: {
      kind: 'window-access',
      params: { target: 'parent', path: ['document', 'title'], action: 'get' },
      context: [frameAt('site', 'allow-scripts allow-same-origin')],
    },
    expect: { blocked: false, observation: { allowed: true, valueType: 'string' } },
  },
  {
    id: 'sop.sandbox.same-origin.removes-own-sandbox',
    area,
    title: 'allow-scripts + allow-same-origin on a same-origin frame: it can remove its own sandbox attribute (the sandbox is defeated)',
    claims: ['C72'],
    spec: ['sandbox'],
    responses: { doc: AGENT },
    probe: {
      kind: 'window-access',
      params: { target: 'self', path: ['frameElement', 'removeAttribute'], action: 'call', args: ['sandbox'] },
      context: [frameAt('site', 'allow-scripts allow-same-origin')],
    },
    expect: { blocked: false, observation: { allowed: true, valueType: 'undefined' } },
  },
  {
    id: 'sop.sandbox.same-origin.cross-site-parent',
    area,
    title: 'allow-scripts + allow-same-origin on a cross-site frame: the parent stays unreachable',
    claims: ['C72', 'C20'],
    spec: ['sandbox', 'crossOriginGet'],
    responses: { doc: AGENT },
    probe: {
      kind: 'window-access',
      params: { target: 'parent', path: ['document'], action: 'get' },
      context: [frameAt('other', 'allow-scripts allow-same-origin')],
    },
    expect: { blocked: true, observation: { allowed: false, error: 'SecurityError' } },
    control: { sameOrigin: true, expect: { observation: { allowed: true } } },
  },
  {
    id: 'sop.sandbox.same-origin.storage',
    area,
    title: 'allow-scripts + allow-same-origin: localStorage works (same origin as the page)',
    claims: ['C72'],
    spec: ['sandboxFlags', 'localStorage'],
    responses: { doc: AGENT },
    probe: {
      kind: 'storage',
      params: { api: 'localStorage', op: 'write', key: 'sb-so', value: '1' },
      context: [frameAt('site', 'allow-scripts allow-same-origin')],
    },
    expect: { blocked: false, observation: { allowed: true } },
  },
  {
    id: 'sop.sandbox.popups.blocked-without-flag',
    area,
    title: 'sandbox="allow-scripts" without allow-popups: window.open opens nothing',
    claims: ['C70'],
    spec: ['sandboxFlags', 'windowOpen'],
    responses: { doc: AGENT, pop: AGENT },
    probe: {
      kind: 'window-access',
      params: { target: 'popup', open: { at: 'other', response: 'pop' }, path: ['closed'], action: 'get' },
      context: [frameAt('site', 'allow-scripts')],
      timeoutMs: 9000,
    },
    expect: { blocked: true, observation: { targetReady: false } },
    control: { patch: { probe: { context: [frameAt('site', 'allow-scripts allow-popups')] } }, expect: { observation: { targetReady: true, allowed: true } } },
    oneAtATime: true,
  },
  {
    id: 'sop.sandbox.popups.inherit-sandbox',
    area,
    title: 'a popup opened from a sandbox="allow-scripts allow-popups" frame inherits the sandbox: opaque origin',
    claims: ['C71'],
    spec: ['sandboxFlags', 'sandboxedOrigin'],
    responses: { doc: AGENT, pop: AGENT },
    probe: {
      kind: 'isolation',
      params: {},
      context: [frameAt('site', 'allow-scripts allow-popups'), { via: 'popup', at: 'site', response: 'pop' }],
      timeoutMs: 9000,
    },
    expect: { blocked: false, observation: { origin: 'null' } },
    oneAtATime: true,
  },
  {
    id: 'sop.sandbox.popups.escape-sandbox',
    area,
    title: 'allow-popups-to-escape-sandbox: the popup gets its own origin back',
    claims: ['C71'],
    spec: ['sandboxFlags'],
    responses: { doc: AGENT, pop: AGENT },
    probe: {
      kind: 'isolation',
      params: {},
      context: [frameAt('site', 'allow-scripts allow-popups allow-popups-to-escape-sandbox'), { via: 'popup', at: 'site', response: 'pop' }],
      timeoutMs: 9000,
    },
    expect: { blocked: false, observation: { origin: 'https://site.test' } },
    oneAtATime: true,
  },
  {
    id: 'sop.sandbox.forms.blocked-without-flag',
    area,
    title: 'sandbox="allow-scripts" without allow-forms: form submission sends nothing',
    claims: ['C12', 'C70'],
    spec: ['sandboxFlags', 'formSubmission'],
    responses: { doc: AGENT, sink: { headers: [['Content-Type', 'text/html']], body: 'ok' } },
    probe: { kind: 'form-post', params: { target: { at: 'other', response: 'sink' } }, context: [frameAt('site', 'allow-scripts')] },
    expect: { blocked: true, observation: {}, evidence: { sink: { arrived: false } } },
    control: {
      patch: { probe: { context: [frameAt('site', 'allow-scripts allow-forms')] } },
      expect: { observation: { submitted: true }, evidence: { sink: { methods: ['POST'], origin: 'null' } } },
    },
  },
  {
    id: 'sop.sandbox.forms.origin-null',
    area,
    title: 'a form POST from a sandbox="allow-scripts allow-forms" frame carries Origin: null',
    claims: ['C12', 'C61'],
    spec: ['formSubmission', 'originHeader'],
    responses: { doc: AGENT, sink: { headers: [['Content-Type', 'text/html']], body: 'ok' } },
    probe: { kind: 'form-post', params: { target: { at: 'other', response: 'sink' } }, context: [frameAt('site', 'allow-scripts allow-forms')] },
    expect: { blocked: false, observation: { submitted: true }, evidence: { sink: { arrived: true, methods: ['POST'], origin: 'null' } } },
  },
  {
    id: 'sop.sandbox.csp.allow-scripts-origin-null',
    area,
    title: 'CSP `sandbox allow-scripts` response header: an unsandboxed iframe still gets an opaque origin',
    claims: ['C73', 'C61'],
    spec: ['cspSandbox', 'sandboxedOrigin'],
    responses: { doc: agent([['Content-Security-Policy', 'sandbox allow-scripts']]) },
    probe: { kind: 'isolation', params: {}, context: [frameAt('site')] },
    expect: { blocked: false, observation: { origin: 'null' } },
  },
  {
    id: 'sop.sandbox.csp.no-scripts',
    area,
    title: 'CSP `sandbox` (no allow-scripts) response header: no script runs in the frame',
    claims: ['C73', 'C70'],
    spec: ['cspSandbox'],
    responses: { doc: agent([['Content-Security-Policy', 'sandbox']]) },
    probe: { kind: 'window-access', params: { target: 'frame', open: { at: 'site', response: 'doc' }, path: ['closed'], action: 'get' } },
    expect: { blocked: true, observation: { targetReady: false } },
    control: { patch: { responses: { doc: { headers: [['Content-Security-Policy', 'sandbox allow-scripts']] } } }, expect: { observation: ready } },
  },
  {
    id: 'sop.sandbox.csp.storage',
    area,
    title: 'CSP `sandbox allow-scripts`: localStorage throws SecurityError',
    claims: ['C73', 'C71'],
    spec: ['cspSandbox', 'localStorage'],
    responses: { doc: agent([['Content-Security-Policy', 'sandbox allow-scripts']]) },
    probe: { kind: 'storage', params: { api: 'localStorage', op: 'read', key: 'originproof' }, context: [frameAt('site')] },
    expect: { blocked: true, observation: { allowed: false, error: 'SecurityError' } },
    control: {
      patch: { responses: { doc: { headers: [['Content-Security-Policy', 'sandbox allow-scripts allow-same-origin']] } } },
      expect: { observation: { allowed: true } },
    },
  },
  {
    id: 'sop.sandbox.csp.popup',
    area,
    title: 'CSP `sandbox allow-scripts` on a top-level popup: opaque origin regardless of how it is loaded',
    claims: ['C73'],
    spec: ['cspSandbox', 'sandboxedOrigin'],
    responses: { doc: agent([['Content-Security-Policy', 'sandbox allow-scripts']]) },
    probe: { kind: 'isolation', params: {}, context: [{ via: 'popup', at: 'site', response: 'doc' }], timeoutMs: 8000 },
    expect: { blocked: false, observation: { origin: 'null' } },
    oneAtATime: true,
  },
];

export const scenarios: ScenarioInput[] = withBound(RAW);
