/**
 * crossOriginIsolated for every COOP × COEP pair of page headers (seed claims C82, C83), and
 * what it gates: SharedArrayBuffer (global, constructor, shared WebAssembly memory), posting a
 * SharedArrayBuffer, and engine-specific [CrossOriginIsolated] APIs
 * (performance.measureUserAgentSpecificMemory). Also Report-Only headers, a non-secure page, and
 * frames inside an isolated page (the cross-origin-isolated permissions-policy feature).
 * These are observations of the page's own state: the isolated pairs of the same table are the
 * positive runs of the same probe.
 */
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { agent } from '../lib.ts';
import { COEP, COEP_RO, COOP, COOP_RO, COOP_SLUG, CORP, type CoepValue, type CoopValue } from './common.ts';

const AREA = 'isolation/coi';
const COOPS: Array<CoopValue | undefined> = [undefined, 'unsafe-none', 'same-origin-allow-popups', 'same-origin', 'noopener-allow-popups'];
const COEPS: Array<CoepValue | undefined> = [undefined, 'unsafe-none', 'require-corp', 'credentialless'];

function headers(coop: CoopValue | undefined, coep: CoepValue | undefined): Array<[string, string]> {
  const h: Array<[string, string]> = [];
  if (coop) h.push([COOP, coop]);
  if (coep) h.push([COEP, coep]);
  return h;
}

function isolated(coop: CoopValue | undefined, coep: CoepValue | undefined): boolean {
  return coop === 'same-origin' && (coep === 'require-corp' || coep === 'credentialless');
}

function stateObservation(coi: boolean, secure = true): Record<string, unknown> {
  return { isSecureContext: secure, crossOriginIsolated: coi, sharedArrayBuffer: coi, sabConstructible: coi, sharedWasmMemory: coi };
}

function label(coop: CoopValue | undefined, coep: CoepValue | undefined): string {
  return `coop-${coop ? COOP_SLUG[coop] : 'absent'}.coep-${coep ?? 'absent'}`;
}

const pairs: ScenarioInput[] = [];
for (const coop of COOPS) {
  for (const coep of COEPS) {
    const coi = isolated(coop, coep);
    pairs.push({
      id: `isolation.coi.${label(coop, coep)}`,
      area: AREA,
      title: `COOP ${coop ?? '(absent)'} + COEP ${coep ?? '(absent)'}: crossOriginIsolated ${coi}, SharedArrayBuffer ${coi ? 'exposed' : 'hidden'}`,
      claims: ['C82', 'C83'],
      spec: ['coi', 'coiMode', 'sab'],
      page: { at: 'site', headers: headers(coop, coep) },
      probe: { kind: 'isolation', params: {} },
      expect: { blocked: false, observation: stateObservation(coi) },
    });
  }
}

const GATED: Array<[CoopValue | undefined, CoepValue | undefined]> = [
  ['same-origin', 'require-corp'],
  ['same-origin', 'credentialless'],
  [undefined, undefined],
  ['same-origin', undefined],
  [undefined, 'require-corp'],
];
const gated: ScenarioInput[] = GATED.map(([coop, coep]) => {
  const coi = isolated(coop, coep);
  return {
    id: `isolation.coi.gated.${label(coop, coep)}`,
    area: AREA,
    title: `COOP ${coop ?? '(absent)'} + COEP ${coep ?? '(absent)'}: APIs gated on isolation ${coi ? 'exposed' : 'hidden'} (postMessage of a SharedArrayBuffer, measureUserAgentSpecificMemory)`,
    claims: ['C83'],
    spec: ['coi', 'measureMemory', 'sab'],
    page: { at: 'site', headers: headers(coop, coep) },
    probe: { kind: 'gated', params: {} },
    expect: { blocked: false, observation: { crossOriginIsolated: coi, sabPostMessage: coi, measureUserAgentSpecificMemory: coi ? 'function' : 'undefined' } },
  };
});

function special(slug: string, title: string, page: { at: OriginName; headers: Array<[string, string]> }, coi: boolean, secure = true): ScenarioInput {
  return {
    id: `isolation.coi.${slug}`,
    area: AREA,
    title,
    claims: ['C82', 'C83'],
    spec: ['coi', 'obtainCoop', 'coep'],
    page,
    probe: { kind: 'isolation', params: {} },
    expect: { blocked: false, observation: stateObservation(coi, secure) },
  };
}

const specials: ScenarioInput[] = [
  special(
    'report-only.both',
    'COOP and COEP both Report-Only: not cross-origin isolated',
    {
      at: 'site',
      headers: [
        [COOP_RO, 'same-origin'],
        [COEP_RO, 'require-corp'],
      ],
    },
    false,
  ),
  special(
    'report-only.coep',
    'COOP same-origin + COEP Report-Only require-corp: not cross-origin isolated',
    {
      at: 'site',
      headers: [
        [COOP, 'same-origin'],
        [COEP_RO, 'require-corp'],
      ],
    },
    false,
  ),
  special(
    'report-only.coop',
    'COOP Report-Only same-origin + COEP require-corp: not cross-origin isolated',
    {
      at: 'site',
      headers: [
        [COOP_RO, 'same-origin'],
        [COEP, 'require-corp'],
      ],
    },
    false,
  ),
  special(
    'non-secure',
    'COOP same-origin + COEP require-corp on http://site.test (not a secure context): not isolated',
    {
      at: 'httpSite',
      headers: [
        [COOP, 'same-origin'],
        [COEP, 'require-corp'],
      ],
    },
    false,
    false,
  ),
];

const FRAME_OK: Array<[string, string]> = [
  [COEP, 'require-corp'],
  [CORP, 'cross-origin'],
];
function frame(slug: string, title: string, at: OriginName, allow: string | undefined, coi: boolean): ScenarioInput {
  return {
    id: `isolation.coi.frame.${slug}`,
    area: AREA,
    title,
    claims: ['C82'],
    spec: ['coi', 'coiPermissions'],
    page: { at: 'site', headers: headers('same-origin', 'require-corp') },
    responses: { frame: agent(FRAME_OK) },
    probe: { kind: 'isolation', params: {}, context: [{ via: 'iframe', at, response: 'frame', ...(allow ? { allow } : {}) }] },
    expect: { blocked: false, observation: { crossOriginIsolated: coi } },
  };
}
const frames: ScenarioInput[] = [
  frame('same-origin', 'A same-origin frame of an isolated page is cross-origin isolated', 'site', undefined, true),
  frame('other-site', "An other-site frame of an isolated page is not cross-origin isolated (feature allowlist defaults to 'self')", 'other', undefined, false),
  frame('other-site-allowed', 'An other-site frame with allow="cross-origin-isolated" is cross-origin isolated', 'other', 'cross-origin-isolated', true),
];

export const scenarios: ScenarioInput[] = [...pairs, ...gated, ...specials, ...frames];
