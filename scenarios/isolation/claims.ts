/**
 * The seed claims C80–C83, each probed in the words of the claim, next to where the standard
 * says more than the claim (same-origin popups severed too; CORS as an alternative to CORP;
 * "both set" is not enough unless COOP is same-origin; credentialless counts as COEP).
 * The full matrices live in coop.ts, coep.ts and coi.ts; these reuse their generators.
 */
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import { scenarios as coop } from './coop.ts';
import { scenarios as coep } from './coep.ts';
import { scenarios as coi } from './coi.ts';

const AREA = 'isolation/claims';
const all = [...coop, ...coep, ...coi];

function claim(sourceId: string, id: string, claims: string[], title: string): ScenarioInput {
  const s = all.find((x) => x.id === sourceId);
  if (!s) throw new Error(`isolation/claims: no scenario ${sourceId}`);
  return { ...structuredClone(s), id: `isolation.claims.${id}`, area: AREA, claims, title };
}

export const scenarios: ScenarioInput[] = [
  claim(
    'isolation.coop.open.so.other-site.absent',
    'c80.cross-origin-popup',
    ['C80'],
    'C80: a COOP same-origin page is separated from the cross-origin popup it opens',
  ),
  claim(
    'isolation.coop.open.absent.other-site.so',
    'c80.cross-origin-opener',
    ['C80'],
    'C80: a COOP same-origin page is separated from the cross-origin page that opened it',
  ),
  claim(
    'isolation.coop.open.so.same-origin.absent',
    'c80.same-origin-popup-too',
    ['C80'],
    'C80 (goes further): COOP same-origin also severs a same-origin popup that has no COOP',
  ),
  claim(
    'isolation.coop.open.so.same-origin.so',
    'c80.same-origin-both',
    ['C80'],
    'C80 (limit): same-origin pages that both send COOP same-origin stay together',
  ),
  claim(
    'isolation.coep.require-corp.img.other-site.corp-absent',
    'c81.no-corp-blocked',
    ['C81'],
    'C81: COEP require-corp blocks an other-site image without CORP',
  ),
  claim(
    'isolation.coep.require-corp.img-cors.other-site.corp-absent',
    'c81.cors-instead',
    ['C81'],
    'C81: CORS (crossorigin + ACAO) opts a resource in without CORP',
  ),
  claim(
    'isolation.coi.coop-soap.coep-require-corp',
    'c82.both-set-allow-popups',
    ['C82'],
    'C82 (limit): COOP same-origin-allow-popups + COEP require-corp are both set, yet the page is not isolated',
  ),
  claim('isolation.coi.coop-so.coep-credentialless', 'c82.credentialless', ['C82'], 'C82: COEP credentialless counts as COEP for isolation'),
  claim('isolation.coi.coop-so.coep-absent', 'c82.coop-only', ['C82'], 'C82: COOP alone does not isolate'),
  claim('isolation.coi.coop-absent.coep-require-corp', 'c82.coep-only', ['C82'], 'C82: COEP alone does not isolate'),
  claim('isolation.coi.coop-so.coep-require-corp', 'c83.sab-isolated', ['C83'], 'C83: SharedArrayBuffer is available in an isolated page'),
  claim('isolation.coep.worker.plain.no-coep', 'c83.sab-worker-not-isolated', ['C83'], 'C83: a worker of a non-isolated page has no SharedArrayBuffer either'),
];
