/**
 * document.domain: the setter's checks (registrable-domain suffix, never a public suffix,
 * sandboxed frames), both-sides-set access between same-site origins, and origin-keyed agent
 * clusters (`Origin-Agent-Cluster`), under which the setter is a silent no-op.
 *
 * The published HTML standard keys agent clusters by site unless a document sends
 * `Origin-Agent-Cluster: ?1` ("values other than ?1 are ignored"); whatwg/html#7617 proposes
 * origin keying by default, which Chromium ships (Chrome 115+). Expectations follow the
 * published text; Chromium's default is recorded as a deviation. Re-checked since: the stored
 * copy of whatwg/html#7617 is still an open pull request, MDN still documents `?1` as the opt-in,
 * and only wpt's Chromium-exported origin-keyed-agent-clusters/document-domain-default.sub.https.html
 * asserts the origin-keyed default; the live standard text could not be fetched here, so the
 * site-keyed expectation stays until #7617 is merged (then flip Chromium's ORIGIN_KEYED_BY_DEFAULT
 * deviation into the expectations and record Firefox/WebKit instead). Scenarios that set
 * document.domain on the runner page, or depend on the browsing context group's historical
 * agent cluster keys, get a visit of their own.
 */
import type { ContextInput, ScenarioInput, ScenarioOf, SequenceStep } from '../../harness/scenario/scenario.ts';
import { AGENT, agent } from '../lib.ts';
import { withBound } from './common.ts';

const area = 'sop/document-domain';
const OAC = 'Origin-Agent-Cluster';
const subFrame = (response = 'doc', sandbox?: string): ContextInput[] => [
  { via: 'iframe', at: 'sub', response, ...(sandbox !== undefined ? { sandbox } : {}) },
];

function setter(id: string, value: string, title: string, ok: boolean, claims: string[], after?: string): ScenarioOf<'document-domain'> {
  return {
    id,
    area,
    title,
    claims,
    spec: ['documentDomain', 'registrableSuffix'],
    responses: { doc: AGENT },
    probe: { kind: 'document-domain', params: { set: value }, context: subFrame() },
    expect: ok
      ? { blocked: false, observation: { before: 'sub.site.test', allowed: true, ...(after ? { after } : {}) } }
      : { blocked: true, observation: { before: 'sub.site.test', allowed: false, error: 'SecurityError', after: 'sub.site.test' } },
    ...(ok ? {} : { control: { patch: { probe: { params: { set: 'sub.site.test' } } }, expect: { observation: { allowed: true } } } }),
  };
}

function access(
  id: string,
  title: string,
  o: {
    pageHeaders?: Array<[string, string]>;
    frame: 'doc' | 'doc0' | 'doc1';
    pageSets: boolean;
    frameSets: boolean;
    allowed: boolean;
    claims: string[];
    control?: ScenarioOf<'sequence'>['control'];
  },
): ScenarioOf<'sequence'> {
  const setPage: SequenceStep = { kind: 'document-domain', params: { set: 'site.test' } };
  const setFrame: SequenceStep = { kind: 'document-domain', params: { set: 'site.test' }, in: 'f' };
  const steps: SequenceStep[] = [
    ...(o.pageSets ? [setPage] : []),
    ...(o.frameSets ? [setFrame] : []),
    { kind: 'window-access', params: { target: 'handle:f', path: ['document', 'title'], action: 'get' } },
  ];
  const last = o.allowed ? { allowed: true, valueType: 'string' } : { allowed: false, error: 'SecurityError' };
  return {
    id,
    area,
    title,
    claims: o.claims,
    spec: ['documentDomain', 'sameOriginDomain', 'originKeyed'],
    page: { at: 'site', ...(o.pageHeaders ? { headers: o.pageHeaders } : {}) },
    responses: { doc: AGENT, doc0: agent([[OAC, '?0']]), doc1: agent([[OAC, '?1']]) },
    probe: { kind: 'sequence', params: { contexts: { f: { via: 'iframe', at: 'sub', response: o.frame } }, steps } },
    expect: { blocked: !o.allowed, observation: { contexts: { f: true }, steps: [...steps.slice(0, -1).map(() => ({})), last] } },
    ...(o.control ? { control: o.control } : {}),
    solo: true,
  };
}

const bothSetSteps: SequenceStep[] = [
  { kind: 'document-domain', params: { set: 'site.test' } },
  { kind: 'document-domain', params: { set: 'site.test' }, in: 'f' },
  { kind: 'window-access', params: { target: 'handle:f', path: ['document', 'title'], action: 'get' } },
];
const bothSetOk = { observation: { contexts: { f: true }, steps: [{}, {}, { allowed: true, valueType: 'string' }] } };

const RAW: ScenarioInput[] = [
  {
    ...setter('sop.dd.set-tld', 'test', 'document.domain = "test" (a public suffix) throws SecurityError', false, ['C41']),
  },
  setter('sop.dd.set-other-site', 'other.test', 'document.domain = "other.test" (not a suffix of the host) throws SecurityError', false, ['C41']),
  setter('sop.dd.set-partial-label', 'ub.site.test', 'document.domain = "ub.site.test" (a string suffix, not a domain suffix) throws SecurityError', false, [
    'C41',
  ]),
  setter('sop.dd.set-longer', 'x.sub.site.test', 'document.domain = a subdomain of the host throws SecurityError', false, ['C41']),
  setter('sop.dd.set-own-host', 'sub.site.test', 'document.domain = its own host is allowed', true, ['C41'], 'sub.site.test'),
  {
    id: 'sop.dd.set-parent-default',
    area,
    title: 'document.domain = "site.test" from sub.site.test without Origin-Agent-Cluster: takes effect (site-keyed by default)',
    claims: ['C41', 'C42'],
    spec: ['documentDomain', 'originKeyed', 'obtainAgent'],
    responses: { doc: AGENT },
    probe: { kind: 'document-domain', params: { set: 'site.test' }, context: subFrame() },
    expect: { blocked: false, observation: { before: 'sub.site.test', allowed: true, after: 'site.test' } },
    solo: true,
  },
  {
    id: 'sop.dd.set-parent-oac-0',
    area,
    title: 'with Origin-Agent-Cluster: ?0 the setter takes effect',
    claims: ['C41', 'C42'],
    spec: ['documentDomain', 'originKeyed'],
    responses: { doc: agent([[OAC, '?0']]) },
    probe: { kind: 'document-domain', params: { set: 'site.test' }, context: subFrame() },
    expect: { blocked: false, observation: { allowed: true, after: 'site.test', originAgentCluster: false } },
    solo: true,
  },
  {
    id: 'sop.dd.set-parent-oac-1',
    area,
    title: 'with Origin-Agent-Cluster: ?1 the setter is a silent no-op (no exception, domain unchanged)',
    claims: ['C42'],
    spec: ['documentDomain', 'originKeyed'],
    responses: { doc: agent([[OAC, '?1']]) },
    probe: { kind: 'document-domain', params: { set: 'site.test' }, context: subFrame() },
    expect: { blocked: true, observation: { allowed: true, after: 'sub.site.test', originAgentCluster: true } },
    control: {
      patch: { responses: { doc: { headers: [[OAC, '?0']] } }, probe: { context: [{ via: 'iframe', at: 'www', response: 'doc' }] } },
      expect: { observation: { allowed: true, after: 'site.test' } },
    },
    solo: true,
  },
  {
    id: 'sop.dd.sandboxed-same-origin',
    area,
    title: 'in a sandbox="allow-scripts allow-same-origin" frame the setter throws SecurityError (sandboxed document.domain flag)',
    claims: ['C41'],
    spec: ['documentDomain', 'sandboxFlags'],
    responses: { doc: AGENT },
    probe: { kind: 'document-domain', params: { set: 'site.test' }, context: subFrame('doc', 'allow-scripts allow-same-origin') },
    expect: { blocked: true, observation: { before: 'sub.site.test', allowed: false, error: 'SecurityError' } },
    control: { patch: { probe: { params: { set: 'sub.site.test' }, context: subFrame() } }, expect: { observation: { allowed: true } } },
  },
  {
    id: 'sop.dd.sandboxed-opaque',
    area,
    title: 'in a sandbox="allow-scripts" frame document.domain reads "" and the setter throws SecurityError',
    claims: ['C41', 'C71'],
    spec: ['documentDomain', 'sandboxedOrigin'],
    responses: { doc: AGENT },
    probe: { kind: 'document-domain', params: { set: 'site.test' }, context: subFrame('doc', 'allow-scripts') },
    expect: { blocked: true, observation: { before: '', allowed: false, error: 'SecurityError' } },
    control: { patch: { probe: { params: { set: 'sub.site.test' }, context: subFrame() } }, expect: { observation: { allowed: true } } },
  },
  access(
    'sop.dd.both-set-oac-0',
    'both sides (site.test page, sub.site.test frame, Origin-Agent-Cluster: ?0) set document.domain = "site.test": the frame document becomes reachable',
    {
      pageHeaders: [[OAC, '?0']],
      frame: 'doc0',
      pageSets: true,
      frameSets: true,
      allowed: true,
      claims: ['C40'],
    },
  ),
  access('sop.dd.both-set-default', 'both sides set document.domain = "site.test" with no Origin-Agent-Cluster header: reachable (site-keyed default)', {
    frame: 'doc',
    pageSets: true,
    frameSets: true,
    allowed: true,
    claims: ['C40', 'C42'],
    // The recorded block proves nothing on its own: the same steps with a same-origin frame must reach it.
    control: { patch: { probe: { params: { contexts: { f: { via: 'iframe', at: 'site', response: 'doc' } } } } }, expect: bothSetOk },
  }),
  access('sop.dd.page-only', 'only the page sets document.domain: the same-site frame stays unreachable', {
    pageHeaders: [[OAC, '?0']],
    frame: 'doc0',
    pageSets: true,
    frameSets: false,
    allowed: false,
    claims: ['C40'],
    control: { patch: { probe: { params: { steps: bothSetSteps } } }, expect: bothSetOk },
  }),
  access('sop.dd.frame-only', 'only the frame sets document.domain: the page still cannot reach it', {
    pageHeaders: [[OAC, '?0']],
    frame: 'doc0',
    pageSets: false,
    frameSets: true,
    allowed: false,
    claims: ['C40'],
    control: { patch: { probe: { params: { steps: bothSetSteps } } }, expect: bothSetOk },
  }),
  access('sop.dd.neither', 'neither side sets document.domain: same-site cross-origin stays unreachable', {
    pageHeaders: [[OAC, '?0']],
    frame: 'doc0',
    pageSets: false,
    frameSets: false,
    allowed: false,
    claims: ['C40', 'C20'],
    control: { patch: { probe: { params: { steps: bothSetSteps } } }, expect: bothSetOk },
  }),
  access('sop.dd.both-set-frame-oac-1', 'both set, but the frame sent Origin-Agent-Cluster: ?1: its setter is a no-op, the frame stays unreachable', {
    pageHeaders: [[OAC, '?0']],
    frame: 'doc1',
    pageSets: true,
    frameSets: true,
    allowed: false,
    claims: ['C40', 'C42'],
    control: { patch: { probe: { params: { contexts: { f: { via: 'iframe', at: 'www', response: 'doc0' } } } } }, expect: bothSetOk },
  }),
];

export const scenarios: ScenarioInput[] = withBound(RAW);
