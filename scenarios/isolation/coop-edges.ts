/**
 * COOP on the edge paths: a popup that reaches its document through redirects, each hop with its
 * own policy, and COOP meeting sandboxing (a CSP `sandbox` on the response, a popup opened from a
 * sandboxed frame). HTML enforces the opener policy of every response of a navigation, redirects
 * included ("create navigation params by fetching" runs "enforce a response's opener policy" per
 * response), each hop compared with the one before and the switch, once needed, kept; and a
 * top-level response whose COOP is not unsafe-none with non-empty sandboxing flags is a network
 * error. Few rows: every one is a popup.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import { checkStated, type ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { agent } from '../lib.ts';
import { COOP, COOP_SLUG, popupDecision, type CoopValue, type Decision } from './common.ts';

const AREA = 'isolation/coop-edges';
const FILE = 'scenarios/isolation/coop-edges.ts';
const TIMEOUT = 15_000;
type Coop = CoopValue | 'absent';
const value = (c: Coop): CoopValue => (c === 'absent' ? 'unsafe-none' : c);
const headers = (c: Coop): Array<[string, string]> => (c === 'absent' ? [] : [[COOP, c]]);
const slug = (c: Coop) => (c === 'absent' ? 'absent' : COOP_SLUG[c]);

/**
 * HTML "enforce a response's opener policy", response by response: the popup's initial about:blank
 * carries the opener's COOP and origin (the opener is the top level); each response is checked
 * against the result before it ("check if popup COOP values require a browsing context group
 * switch", the active document staying the initial about:blank), and a needed switch stays needed.
 */
export function chainDecision(opener: Coop, hops: Array<[Coop, OriginName]>): Decision {
  let prev: [CoopValue, OriginName] = [value(opener), 'site'];
  for (const [i, [coop, at]] of hops.entries()) {
    const d = popupDecision(prev[0], prev[1], value(coop), at);
    if (d.switched) return { switched: true, step: `enforce a response's opener policy, response ${i + 1}: ${d.step}; the switch is kept` };
    prev = [value(coop), at];
  }
  return { switched: false, step: "enforce a response's opener policy: no response needed a switch" };
}

/** The opener's COOP, each response's COOP and origin (the last is the document), and the outcome. */
export const REDIRECTED: Array<[opener: Coop, hops: Array<[Coop, OriginName]>, outcome: 'kept' | 'severed']> = [
  [
    'absent',
    [
      ['absent', 'site'],
      ['absent', 'site'],
    ],
    'kept',
  ],
  [
    'same-origin',
    [
      ['same-origin', 'site'],
      ['same-origin', 'site'],
    ],
    'kept',
  ],
  [
    'absent',
    [
      ['same-origin', 'site'],
      ['absent', 'site'],
    ],
    'severed',
  ],
  [
    'absent',
    [
      ['absent', 'site'],
      ['same-origin', 'site'],
    ],
    'severed',
  ],
  [
    'same-origin-allow-popups',
    [
      ['absent', 'site'],
      ['same-origin-allow-popups', 'site'],
    ],
    'severed',
  ],
  [
    'same-origin',
    [
      ['absent', 'site'],
      ['same-origin', 'site'],
    ],
    'severed',
  ],
  [
    'same-origin',
    [
      ['same-origin', 'site'],
      ['same-origin', 'other'],
      ['same-origin', 'site'],
    ],
    'severed',
  ],
];

const SPEC: CitationId[] = ['coopPopupSwitch', 'matchingCoop', 'coopInherit', 'obtainCoop', 'closed'];

function redirected([opener, hops, stated]: (typeof REDIRECTED)[number]): ScenarioInput {
  const id = `isolation.coop-edges.redirect.${slug(opener)}.${hops.map(([c, at]) => `${slug(c)}-${at}`).join('.')}`;
  const d = chainDecision(opener, hops);
  checkStated(FILE, id, 'outcome', stated, { outcome: d.switched ? 'severed' : 'kept', step: d.step });
  const names = hops.map((_, i) => (i === hops.length - 1 ? 'doc' : `hop${i + 1}`));
  const responses: Record<string, DeclaredResponse> = {};
  hops.forEach(([coop], i) => {
    responses[names[i]] =
      i === hops.length - 1 ? agent(headers(coop)) : { status: 302, headers: [['Location', `{{url:${hops[i + 1][1]}:${names[i + 1]}}}`], ...headers(coop)] };
  });
  const severed = stated === 'severed';
  // The control: a popup straight to the page's origin with the opener's own COOP, which HTML keeps.
  // The first hop becomes that document: a 200 whose header lines replace the redirect's (Location included).
  const control = {
    patch: { responses: { [names[0]]: { ...agent(), status: 200, headers: headers(opener === 'same-origin-allow-popups' ? 'absent' : opener) } } },
    expect: { observation: { closed: false, showsTarget: true } },
  };
  return {
    id,
    area: AREA,
    title: `window.open from a page with COOP ${opener}: ${hops.map(([c, at]) => `${at} (COOP ${c})`).join(' → ')} is ${stated}`,
    spec: SPEC,
    page: { at: 'site', headers: headers(opener) },
    responses,
    probe: { kind: 'frame-view', params: { target: { at: 'site', response: names[0] }, via: 'popup', waitMs: 6000 }, timeoutMs: TIMEOUT },
    expect: severed ? { blocked: true, observation: { closed: true } } : { blocked: false, observation: { closed: false, showsTarget: true } },
    ...(severed ? { control } : {}),
    serial: true,
  } as ScenarioInput;
}

const SANDBOX_CSP: [string, string] = ['Content-Security-Policy', 'sandbox allow-scripts allow-popups'];

/** A popup whose response has COOP same-origin and a CSP sandbox: a network error, the document never runs. */
function cspSandboxed(): ScenarioInput {
  return {
    id: 'isolation.coop-edges.csp-sandbox.so',
    area: AREA,
    title: 'a popup to a document with COOP same-origin and CSP sandbox is a network error: its document never runs',
    spec: ['coopSandbox', 'cspSandbox', 'obtainCoop'],
    page: { at: 'site' },
    responses: { doc: agent([[COOP, 'same-origin'], SANDBOX_CSP]) },
    probe: { kind: 'popup', params: { open: { at: 'site', response: 'doc', mailbox: 'popup' }, waitMs: 4000 }, timeoutMs: TIMEOUT },
    expect: { blocked: true, observation: { opened: true, report: false } },
    // Without COOP the same sandboxed document loads and reports through the server.
    control: { patch: { responses: { doc: agent([SANDBOX_CSP]) } }, expect: { observation: { opened: true, report: true } } },
    serial: true,
  } as ScenarioInput;
}

/** A popup opened by a sandboxed frame inherits its sandboxing flags: a COOP document there is a network error too. */
function fromSandboxedFrame(): ScenarioInput {
  return {
    id: 'isolation.coop-edges.sandboxed-frame-popup.so',
    area: AREA,
    title:
      'a popup opened by a frame sandboxed with allow-scripts allow-popups, to a document with COOP same-origin, is a network error (the popup inherits the sandbox)',
    spec: ['coopSandbox', 'sandboxFlags', 'obtainCoop'],
    page: { at: 'site' },
    responses: { ctx: agent(), doc: agent([[COOP, 'same-origin']]) },
    probe: {
      kind: 'popup',
      params: { open: { at: 'site', response: 'doc', mailbox: 'popup' }, waitMs: 4000 },
      context: [{ via: 'iframe', at: 'site', response: 'ctx', sandbox: 'allow-scripts allow-popups' }],
      timeoutMs: TIMEOUT,
    },
    expect: { blocked: true, observation: { opened: true, report: false } },
    // With allow-popups-to-escape-sandbox the popup is not sandboxed and the COOP document runs.
    control: {
      patch: { probe: { context: [{ via: 'iframe', at: 'site', response: 'ctx', sandbox: 'allow-scripts allow-popups allow-popups-to-escape-sandbox' }] } },
      expect: { observation: { opened: true, report: true } },
    },
    serial: true,
  } as ScenarioInput;
}

/** The CSP sandbox tokens the hop rows use; with allow-same-origin the sandboxed document keeps its origin. */
const SANDBOX = 'sandbox allow-scripts allow-popups';
const SANDBOX_SO = 'sandbox allow-scripts allow-popups allow-same-origin';
const csp = (value: string | undefined): Array<[string, string]> => (value ? [['Content-Security-Policy', value]] : []);
type Hop = { coop?: 'same-origin'; csp?: string };
const hopHeaders = (h: Hop): Array<[string, string]> => [...(h.coop ? [[COOP, h.coop] as [string, string]] : []), ...csp(h.csp)];

/**
 * A popup through one redirect hop, the hop or the document carrying a CSP sandbox (and COOP). HTML
 * "create navigation params by fetching" computes responsePolicyContainer, finalSandboxFlags and
 * responseOrigin afresh for every response of the loop, redirects included, and turns a response
 * into a network error when its finalSandboxFlags are not empty and its COOP is not unsafe-none; the
 * document is created from the last response's policy container and sandbox flags only, so a hop's
 * CSP never reaches it. `doc` is `null` when the document must never run (a network error), else
 * the origin it must report (`"null"`: sandboxed without allow-same-origin).
 */
export const CSP_HOPS: Array<[slug: string, hop: Hop, doc: Hop, runsAt: string | null, control?: { hop?: Hop; doc?: Hop }]> = [
  ['hop-sandbox.doc-plain', { csp: SANDBOX }, {}, 'https://site.test'],
  ['hop-sandbox.doc-coop-so', { csp: SANDBOX }, { coop: 'same-origin' }, 'https://site.test'],
  ['hop-plain.doc-sandbox', {}, { csp: SANDBOX }, 'null'],
  ['hop-plain.doc-sandbox-same-origin', {}, { csp: SANDBOX_SO }, 'https://site.test'],
  ['hop-coop-so-sandbox.doc-plain', { coop: 'same-origin', csp: SANDBOX }, {}, null, { hop: { coop: 'same-origin' } }],
  ['hop-coop-so.doc-coop-so-sandbox', { coop: 'same-origin' }, { coop: 'same-origin', csp: SANDBOX }, null, { doc: { coop: 'same-origin' } }],
];

function cspHop([name, hop, doc, runsAt, control]: (typeof CSP_HOPS)[number]): ScenarioInput {
  const redirect = (h: Hop): DeclaredResponse => ({ status: 302, headers: [['Location', '{{url:site:doc:popup}}'], ...hopHeaders(h)] });
  const say = (h: Hop) => (h.coop || h.csp ? [h.coop && `COOP ${h.coop}`, h.csp && `CSP ${h.csp}`].filter(Boolean).join(', ') : 'no policy');
  return {
    id: `isolation.coop-edges.csp-hop.${name}`,
    area: AREA,
    title:
      `a popup redirected by a hop with ${say(hop)} to a document with ${say(doc)}: ` +
      (runsAt === null ? 'a network error, the document never runs' : `the document runs at origin ${runsAt} (only the final response's CSP applies)`),
    spec: ['coopSandbox', 'navigationFinalResponse', 'cspSandbox', 'obtainCoop'],
    page: { at: 'site' },
    responses: { hop: redirect(hop), doc: agent(hopHeaders(doc)) },
    probe: { kind: 'popup', params: { open: { at: 'site', response: 'hop', mailbox: 'popup' }, waitMs: 4000 }, timeoutMs: TIMEOUT },
    expect:
      runsAt === null
        ? { blocked: true, observation: { opened: true, report: false } }
        : { blocked: false, observation: { opened: true, report: true, popupOrigin: runsAt } },
    // The same chain with the sandbox taken off the response that carries COOP: the document runs.
    ...(control
      ? {
          control: {
            patch: { responses: { ...(control.hop ? { hop: redirect(control.hop) } : {}), ...(control.doc ? { doc: agent(hopHeaders(control.doc)) } : {}) } },
            expect: { observation: { opened: true, report: true } },
          },
        }
      : {}),
    serial: true,
  } as ScenarioInput;
}

export const scenarios: ScenarioInput[] = [...REDIRECTED.map(redirected), cspSandboxed(), fromSandboxedFrame(), ...CSP_HOPS.map(cspHop)];
