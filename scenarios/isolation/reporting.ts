/**
 * Reports at a fixture endpoint: COEP, its report-only form, Document-Isolation-Policy (and its
 * report-only form) and COOP name an endpoint declared by Reporting-Endpoints
 * in report-to; the document then does one thing (a no-cors fetch, an image, a script, a frame, a
 * dedicated worker, or, for COOP, being opened as a popup), and the fixture server says which
 * reports arrived, with which body (the report's type and url; the body's type, disposition,
 * blockedURL, destination, effectivePolicy), URLs named as `origin:response`.
 *
 * Reports go out on the browser's own schedule (the Reporting standard sets no deadline), so the
 * visit waits for the endpoint's first request within a bound the title states, and every scenario
 * has the same control in the same visit: a frame whose CSP (report-uri, sent at once by every
 * engine) refuses the same fetch and reports to the same kind of endpoint, which must arrive within
 * that bound. A missing report is only a finding when the control's arrived.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { CatalogOriginName } from '../../protocol/origins.ts';
import { agent, image, script, text } from '../lib.ts';
import { COEP, COEP_RO, COOP, COOP_RO, CORP } from './common.ts';

const area = 'isolation/reporting';
const WAIT_MS = 2500;
const DIP = 'Document-Isolation-Policy';
const DIP_RO = 'Document-Isolation-Policy-Report-Only';
const ENDPOINTS: [string, string] = ['Reporting-Endpoints', 'ep="{{url:site:ep}}"'];
/**
 * The legacy Reporting API v0 header: a JSON endpoint group (max_age, endpoints). The standard
 * dropped it for Reporting-Endpoints, so a report-to naming the group has no endpoint. Chromium
 * keeps v0 groups per origin, not per document: each row names a group of its own (row() puts the
 * action in the name), so rows of one visit on one origin cannot send their reports to another
 * row's endpoint.
 */
const legacyEndpoints = (at: 'site' | 'other', group: string): [string, string] => [
  'Report-To',
  `{"group":"${group}","max_age":86400,"endpoints":[{"url":"{{url:${at}:ep}}"}]}`,
];
/** The control's document: its CSP refuses the cross-origin fetch and reports it with report-uri. */
const CSP_REPORT: [string, string] = ['Content-Security-Policy', "connect-src 'self'; report-uri {{url:site:ep}}"];

// ---- the policies a frame on https://site.test sends

/** `enforces`: which no-cors fetch of a resource without CORP the enforced policy refuses (credentialless ones send no credentials, so none). */
type Policy = { headers: Array<[string, string]>; says: string; cites: CitationId[]; enforces?: boolean };
const to = (v: string, ep = 'ep') => `${v}; report-to="${ep}"`;
const POLICIES = {
  coep: { headers: [ENDPOINTS, [COEP, to('require-corp')]], says: 'COEP require-corp', cites: ['coep', 'coepCorpReport'], enforces: true },
  'coep-ro': { headers: [ENDPOINTS, [COEP_RO, to('require-corp')]], says: 'COEP-Report-Only require-corp', cites: ['coepReportOnly', 'coepCorpReport'] },
  'coep-both': {
    headers: [ENDPOINTS, [COEP, to('require-corp')], [COEP_RO, to('require-corp')]],
    says: 'COEP require-corp and COEP-Report-Only require-corp',
    cites: ['coep', 'coepReportOnly', 'coepCorpReport'],
    enforces: true,
  },
  'coep-cl': { headers: [ENDPOINTS, [COEP, to('credentialless')]], says: 'COEP credentialless', cites: ['coep', 'coepCorpReport'] },
  'coep-cl-ro': {
    headers: [ENDPOINTS, [COEP_RO, to('credentialless')]],
    says: 'COEP-Report-Only credentialless',
    cites: ['coepReportOnly', 'coepCorpReport'],
  },
  'coep-default-only': {
    headers: [
      ['Reporting-Endpoints', 'default="{{url:site:ep}}"'],
      [COEP, 'require-corp'],
    ],
    says: 'COEP require-corp without report-to (only a default endpoint)',
    cites: ['coep', 'coepCorpReport'],
    enforces: true,
  },
  'coep-unknown-endpoint': {
    headers: [ENDPOINTS, [COEP, to('require-corp', 'nope')]],
    says: 'COEP require-corp naming an endpoint Reporting-Endpoints does not declare',
    cites: ['coep', 'coepCorpReport', 'reportingEndpoints'],
    enforces: true,
  },
  'coep-ro-legacy': {
    headers: [legacyEndpoints('site', 'v0-coep-ro'), [COEP_RO, to('require-corp', 'v0-coep-ro')]],
    says: 'COEP-Report-Only require-corp naming a group only the legacy Report-To header declares',
    cites: ['coepReportOnly', 'coepCorpReport', 'reportingEndpoints', 'reportingProcessHeader'],
  },
  dip: {
    headers: [ENDPOINTS, [DIP, to('isolate-and-require-corp')]],
    says: 'Document-Isolation-Policy isolate-and-require-corp',
    cites: ['dip', 'dipReport', 'dipReportingEndpoint'],
    enforces: true,
  },
  'dip-ro': {
    headers: [ENDPOINTS, [DIP_RO, to('isolate-and-require-corp')]],
    says: 'Document-Isolation-Policy-Report-Only isolate-and-require-corp',
    cites: ['dip', 'dipReport', 'dipReportingEndpoint'],
  },
  'dip-cl': {
    headers: [ENDPOINTS, [DIP, to('isolate-and-credentialless')]],
    says: 'Document-Isolation-Policy isolate-and-credentialless',
    cites: ['dip', 'dipReport', 'dipReportingEndpoint'],
  },
} satisfies Record<string, Policy>;
type PolicyKey = keyof typeof POLICIES;

// ---- what the frame does

type Step = NonNullable<ScenarioOf<'sequence'>['probe']['params']['steps']>[number];
type Action = { step: Step; says: string; blocked: string; destination: string; bodyType: 'corp' | 'navigation' | 'worker initialization' };
const fetchOf = (at: CatalogOriginName, response: string): Step => ({ kind: 'fetch', params: { target: { at, response }, mode: 'no-cors' }, in: 'f' });
const ACTIONS = {
  fetch: { step: fetchOf('other', 'res'), says: 'a no-cors fetch of other.test without CORP', blocked: 'other:res', destination: '', bodyType: 'corp' },
  'fetch-same-site': {
    step: fetchOf('other', 'resSameSite'),
    says: 'a no-cors fetch of other.test with CORP same-site',
    blocked: 'other:resSameSite',
    destination: '',
    bodyType: 'corp',
  },
  'fetch-corp': {
    step: fetchOf('other', 'resOk'),
    says: 'a no-cors fetch of other.test with CORP cross-origin',
    blocked: '',
    destination: '',
    bodyType: 'corp',
  },
  'fetch-same-origin': { step: fetchOf('site', 'res'), says: 'a no-cors fetch of its own origin without CORP', blocked: '', destination: '', bodyType: 'corp' },
  img: {
    step: { kind: 'embed', params: { element: 'img', target: { at: 'other', response: 'img' } }, in: 'f' },
    says: 'an <img> from other.test without CORP',
    blocked: 'other:img',
    destination: 'image',
    bodyType: 'corp',
  },
  script: {
    step: { kind: 'embed', params: { element: 'script', target: { at: 'other', response: 'js' } }, in: 'f' },
    says: 'a <script> from other.test without CORP',
    blocked: 'other:js',
    destination: 'script',
    bodyType: 'corp',
  },
  frame: {
    step: { kind: 'embed', params: { element: 'iframe', target: { at: 'other', response: 'page' }, waitMs: 1500 }, in: 'f' },
    says: 'an <iframe> of other.test without COEP or CORP',
    blocked: 'other:page',
    destination: 'iframe',
    bodyType: 'navigation',
  },
  'frame-corp': {
    step: { kind: 'embed', params: { element: 'iframe', target: { at: 'other', response: 'pageCorp' }, waitMs: 1500 }, in: 'f' },
    says: 'an <iframe> of other.test with CORP cross-origin but no COEP',
    blocked: 'other:pageCorp',
    destination: 'iframe',
    bodyType: 'navigation',
  },
  worker: {
    step: { kind: 'worker', params: { target: { at: 'site', response: 'w' }, waitMs: 1500 }, in: 'f' },
    says: 'a dedicated worker whose script sends no COEP',
    blocked: 'site:w',
    destination: 'worker',
    bodyType: 'worker initialization',
  },
} satisfies Record<string, Action>;
type ActionKey = keyof typeof ACTIONS;

/**
 * The reports the endpoint receives: [report type, disposition, and the body type when it is not
 * the action's own] per report; none when empty.
 */
type Sent = Array<['coep' | 'dip', 'enforce' | 'reporting', ('navigation' | 'corp')?]>;

/**
 * The table: policy, action, the reports the standards queue. Fetch's CORP check first applies the
 * response's own CORP header (a same-site CORP refusing another site refuses with no report), then
 * queues a report per embedder policy the response fails, report-only first. A frame of another
 * origin without CORP fails that check first (a corp report, destination iframe); when only
 * report-only, the navigation goes on to HTML's inheritance check (a navigation report) too.
 */
const ROWS: Array<[PolicyKey, ActionKey, Sent]> = [
  ['coep', 'fetch', [['coep', 'enforce']]],
  ['coep', 'fetch-same-site', []],
  ['coep', 'fetch-corp', []],
  ['coep', 'fetch-same-origin', []],
  ['coep', 'img', [['coep', 'enforce']]],
  ['coep', 'script', [['coep', 'enforce']]],
  ['coep', 'frame', [['coep', 'enforce', 'corp']]],
  ['coep', 'frame-corp', [['coep', 'enforce']]],
  ['coep', 'worker', [['coep', 'enforce']]],
  ['coep-ro', 'fetch', [['coep', 'reporting']]],
  ['coep-ro', 'fetch-same-site', []],
  ['coep-ro', 'fetch-corp', []],
  ['coep-ro', 'fetch-same-origin', []],
  ['coep-ro', 'img', [['coep', 'reporting']]],
  ['coep-ro', 'script', [['coep', 'reporting']]],
  [
    'coep-ro',
    'frame',
    [
      ['coep', 'reporting', 'corp'],
      ['coep', 'reporting'],
    ],
  ],
  ['coep-ro', 'frame-corp', [['coep', 'reporting']]],
  ['coep-ro', 'worker', [['coep', 'reporting']]],
  [
    'coep-both',
    'fetch',
    [
      ['coep', 'enforce'],
      ['coep', 'reporting'],
    ],
  ],
  [
    'coep-both',
    'img',
    [
      ['coep', 'enforce'],
      ['coep', 'reporting'],
    ],
  ],
  ['coep-both', 'fetch-corp', []],
  // credentialless: a no-cors request without credentials needs no CORP; a navigation still does.
  ['coep-cl', 'fetch', []],
  ['coep-cl', 'fetch-same-site', []],
  ['coep-cl', 'img', []],
  ['coep-cl', 'frame', [['coep', 'enforce', 'corp']]],
  ['coep-cl', 'frame-corp', [['coep', 'enforce']]],
  ['coep-cl-ro', 'fetch', []],
  [
    'coep-cl-ro',
    'frame',
    [
      ['coep', 'reporting', 'corp'],
      ['coep', 'reporting'],
    ],
  ],
  ['coep-default-only', 'fetch', []],
  ['coep-unknown-endpoint', 'fetch', []],
  // Report-To (Reporting API v0) declares no endpoint in the standard: no report. No row has an
  // enforced COEP name a v0 group: Chromium 156 sends that report in some runs and not in others
  // (the same build and visit; see the deviation), and a row must not flip between runs.
  ['coep-ro-legacy', 'img', []],
  ['dip', 'fetch', [['dip', 'enforce']]],
  ['dip', 'fetch-same-site', []],
  ['dip', 'fetch-corp', []],
  ['dip', 'img', [['dip', 'enforce']]],
  ['dip', 'script', [['dip', 'enforce']]],
  ['dip-ro', 'fetch', [['dip', 'reporting']]],
  ['dip-ro', 'fetch-corp', []],
  ['dip-ro', 'img', [['dip', 'reporting']]],
  ['dip-cl', 'fetch', []],
  ['dip-cl', 'img', []],
];

const RESPONSES = {
  res: text(),
  resSameSite: text([[CORP, 'same-site']]),
  resOk: text([[CORP, 'cross-origin']]),
  img: image(),
  js: script(';'),
  page: agent(),
  pageCorp: agent([[CORP, 'cross-origin']]),
  w: script('postMessage({fetched:true});'),
  ep: text(),
  csp: agent([CSP_REPORT]),
};

/** The fetch step's outcome: a same-site CORP refuses another site whatever the policy; no CORP, only a policy that enforces. */
function actionExpectation(p: Policy, a: ActionKey): Record<string, unknown> {
  if (a === 'fetch-same-site') return { resolved: false };
  if (a === 'fetch') return { resolved: !p.enforces };
  if (a === 'fetch-corp' || a === 'fetch-same-origin') return { resolved: true };
  return {};
}

function control(): NonNullable<ScenarioOf<'sequence'>['control']> {
  return {
    patch: {
      probe: {
        params: {
          contexts: { f: { via: 'iframe', at: 'site', response: 'csp' } },
          steps: [fetchOf('other', 'res'), { kind: 'arrival', params: { target: { at: 'site', response: 'ep' }, waitMs: WAIT_MS } }],
        },
      },
    },
    expect: {
      observation: { contexts: { f: true }, steps: [{ resolved: false }, { arrived: true }] },
      evidence: { ep: { arrived: true, reports: [{ type: 'csp-report', url: 'site:csp', blockedURL: 'other:res', directive: 'connect-src' }] } },
    },
  };
}

function row([p, a, sent]: [PolicyKey, ActionKey, Sent]): ScenarioOf<'sequence'> {
  const policy: Policy = POLICIES[p];
  const action: Action = ACTIONS[a];
  const arrives = sent.length > 0;
  const reports = sent.map(([type, disposition, body]) => ({
    type,
    url: 'site:doc',
    bodyType: body ?? action.bodyType,
    disposition,
    blockedURL: action.blocked,
    ...((body ?? action.bodyType) === 'corp' ? { destination: action.destination } : {}),
  }));
  const says = arrives ? sent.map(([t, d]) => `a ${t} report (${d})`).join(' and ') : 'no report';
  return {
    id: `isolation.reporting.${p}.${a}`,
    area,
    title: `${policy.says} with report-to, then ${action.says}: ${says} within ${WAIT_MS / 1000} s`,
    spec: [
      ...policy.cites,
      ...(action.bodyType === 'navigation' ? (['coepInheritanceReport'] as const) : []),
      ...(action.bodyType === 'worker initialization' ? (['coepWorkerReport'] as const) : []),
      'reportingSerialize',
      'reportingMediaType',
      'reportingDeliver',
    ],
    responses: { doc: agent(policy.headers.map(([n, v]) => [n, v.replaceAll('"v0-', `"v0-${a}-`)] as [string, string])), ...RESPONSES },
    probe: {
      kind: 'sequence',
      params: {
        contexts: { f: { via: 'iframe', at: 'site', response: 'doc' } },
        steps: [action.step, { kind: 'arrival', params: { target: { at: 'site', response: 'ep' }, waitMs: WAIT_MS } }],
      },
      timeoutMs: 10_000,
    },
    expect: {
      blocked: !arrives,
      observation: { contexts: { f: true }, steps: [actionExpectation(policy, a), { arrived: arrives }] },
      evidence: { ep: arrives ? { arrived: true, reports } : { arrived: false } },
    },
    control: control(),
    waits: true,
  };
}

// ---- COOP: a popup whose response switches browsing context group reports it

/** `legacy`: the popup declares this group with Report-To (v0), which the standard does not read: no report. */
type CoopRow = { slug: string; header: [string, string]; effective: string; disposition: 'enforce' | 'reporting' | null; legacy?: string };
const COOP_ROWS: CoopRow[] = [
  { slug: 'coop-same-origin', header: [COOP, 'same-origin; report-to="ep"'], effective: 'same-origin', disposition: 'enforce' },
  { slug: 'coop-ro-same-origin', header: [COOP_RO, 'same-origin; report-to="ep"'], effective: 'same-origin', disposition: 'reporting' },
  { slug: 'coop-soap', header: [COOP, 'same-origin-allow-popups; report-to="ep"'], effective: 'same-origin-allow-popups', disposition: 'enforce' },
  { slug: 'coop-unsafe-none', header: [COOP, 'unsafe-none; report-to="ep"'], effective: 'unsafe-none', disposition: null },
  { slug: 'coop-legacy-same-origin', header: [COOP, 'same-origin; report-to="v0-coop"'], effective: 'same-origin', disposition: null, legacy: 'v0-coop' },
  {
    slug: 'coop-ro-legacy-same-origin',
    header: [COOP_RO, 'same-origin; report-to="v0-coop-ro"'],
    effective: 'same-origin',
    disposition: null,
    legacy: 'v0-coop-ro',
  },
];

/**
 * The navigation-to-response report; report-only also reports the accesses the popup probe makes
 * across the group it would have switched (the opener's ping and closed, the popup's opener read).
 */
function coopReports(c: CoopRow): Array<Record<string, string>> {
  const report = (bodyType: string) => ({ type: 'coop', url: 'other:popup', bodyType, disposition: c.disposition ?? '', effectivePolicy: c.effective });
  const access = c.disposition === 'reporting' ? ['access-from-coop-page-to-opener', 'access-to-coop-page-from-opener'] : [];
  return [...access, 'navigation-to-response'].map(report);
}

function coopRow(c: CoopRow): ScenarioOf<'sequence'> {
  const arrives = c.disposition !== null;
  const popupEndpoints: [string, string] = c.legacy ? legacyEndpoints('other', c.legacy) : ['Reporting-Endpoints', 'ep="{{url:other:ep}}"'];
  return {
    id: `isolation.reporting.${c.slug}.popup`,
    area,
    title: `A cross-site popup of a page without COOP answers ${c.header[0]}: ${c.header[1]}${c.legacy ? ` and declares "${c.legacy}" only in the legacy Report-To header` : ''}: ${arrives ? `a coop navigation-to-response report (${c.disposition})` : c.legacy ? 'no report (Report-To declares no endpoint)' : 'no report (no browsing context group switch)'} within ${WAIT_MS / 1000} s`,
    spec: [
      'coop',
      'coopReport',
      ...(c.disposition === 'reporting' ? (['coopAccessReport'] as const) : []),
      'reportingEndpoints',
      ...(c.legacy ? (['reportingProcessHeader'] as const) : []),
      'reportingSerialize',
      'reportingDeliver',
    ],
    responses: { popup: agent([popupEndpoints, c.header]), ep: text(), res: text(), csp: agent([CSP_REPORT]) },
    probe: {
      kind: 'sequence',
      params: {
        steps: [
          { kind: 'popup', params: { open: { at: 'other', response: 'popup', mailbox: 'popup' }, waitMs: 6000 } },
          { kind: 'arrival', params: { target: { at: 'other', response: 'ep' }, waitMs: WAIT_MS } },
        ],
      },
      timeoutMs: 14_000,
    },
    expect: {
      blocked: !arrives,
      observation: { steps: [{ opened: true, report: true }, { arrived: arrives }] },
      evidence: {
        ep: arrives ? { arrived: true, reports: coopReports(c) } : { arrived: false },
      },
    },
    control: control(),
    serial: true,
  };
}

export const scenarios: ScenarioInput[] = [...ROWS.map(row), ...COOP_ROWS.map(coopRow)];

/** Ids of the scenarios that expect a report to arrive, by the policy that sends it: engine registries record where none does. */
export const EXPECTS_REPORT = {
  coep: ROWS.filter(([p, , sent]) => sent.length && p.startsWith('coep')).map(([p, a]) => `isolation.reporting.${p}.${a}`),
  coepCredentialless: ROWS.filter(([p, , sent]) => sent.length && p.startsWith('coep-cl')).map(([p, a]) => `isolation.reporting.${p}.${a}`),
  dip: ROWS.filter(([p, , sent]) => sent.length && p.startsWith('dip')).map(([p, a]) => `isolation.reporting.${p}.${a}`),
  coop: COOP_ROWS.filter((c) => c.disposition !== null).map((c) => `isolation.reporting.${c.slug}.popup`),
};
