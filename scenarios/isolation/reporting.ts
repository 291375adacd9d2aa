/**
 * Reports for COEP and Document-Isolation-Policy violations: a frame on https://site.test names
 * a same-origin endpoint (Reporting-Endpoints) in its policy's report-to, makes a no-cors request
 * the policy refuses (or, report-only, would refuse), and the fixture server says whether a
 * report arrived within the bound written in the title (reports are sent on the browser's own
 * schedule; the Reporting standard sets no deadline, so the bound is this catalog's question).
 * The control sends a CSP report-uri report to the same endpoint from the same kind of frame on
 * the same request, which every engine sends at once: it shows the endpoint and the wait work.
 */
import type { ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import { agent, text } from '../lib.ts';
import { COEP, COEP_RO } from './common.ts';

const area = 'isolation/reporting';
const WAIT_MS = 3000;
const ENDPOINTS: [string, string] = ['Reporting-Endpoints', 'ep="{{url:site:ep}}"'];
const CSP_REPORT: [string, string] = ['Content-Security-Policy', "connect-src 'self'; report-uri {{url:site:ep}}"];

type Case = { slug: string; header: [string, string]; enforced: boolean; cites: Array<'coep' | 'dip' | 'coepReportOnly'>; says: string };
const CASES: Case[] = [
  { slug: 'coep', header: [COEP, 'require-corp; report-to="ep"'], enforced: true, cites: ['coep'], says: 'COEP require-corp' },
  {
    slug: 'coep-report-only',
    header: [COEP_RO, 'require-corp; report-to="ep"'],
    enforced: false,
    cites: ['coepReportOnly'],
    says: 'COEP-Report-Only require-corp',
  },
  {
    slug: 'dip',
    header: ['Document-Isolation-Policy', 'isolate-and-require-corp; report-to="ep"'],
    enforced: true,
    cites: ['dip'],
    says: 'Document-Isolation-Policy isolate-and-require-corp',
  },
  {
    slug: 'dip-report-only',
    header: ['Document-Isolation-Policy-Report-Only', 'isolate-and-require-corp; report-to="ep"'],
    enforced: false,
    cites: ['dip'],
    says: 'Document-Isolation-Policy-Report-Only isolate-and-require-corp',
  },
];

function report(c: Case): ScenarioOf<'sequence'> {
  const fetched = c.enforced ? { resolved: false } : { resolved: true };
  return {
    id: `isolation.reporting.${c.slug}.corp-violation`,
    area,
    title: `${c.says} with report-to: a no-cors fetch of a resource without CORP ${c.enforced ? 'fails' : 'loads'}, and a report reaches the endpoint within ${WAIT_MS / 1000} s`,
    spec: [...c.cites, 'reportingDeliver', 'reportingEndpoints'],
    responses: { doc: agent([ENDPOINTS, c.header]), res: text(), ep: text(), csp: agent([CSP_REPORT]) },
    probe: {
      kind: 'sequence',
      params: {
        contexts: { f: { via: 'iframe', at: 'site', response: 'doc' } },
        steps: [
          { kind: 'fetch', params: { target: { at: 'other', response: 'res' }, mode: 'no-cors' }, in: 'f' },
          { kind: 'arrival', params: { target: { at: 'site', response: 'ep' }, waitMs: WAIT_MS } },
        ],
      },
      timeoutMs: 12_000,
    },
    expect: {
      blocked: false,
      observation: { contexts: { f: true }, steps: [fetched, { arrived: true }] },
      evidence: { ep: { arrived: true, methods: ['POST'] } },
    },
    control: {
      patch: { probe: { params: { contexts: { f: { via: 'iframe', at: 'site', response: 'csp' } } } } },
      expect: {
        observation: { contexts: { f: true }, steps: [{ resolved: false }, { arrived: true }] },
        evidence: { ep: { arrived: true, methods: ['POST'] } },
      },
    },
  };
}

export const scenarios: ScenarioInput[] = CASES.map(report);
