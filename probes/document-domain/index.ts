/** The `document-domain` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { observation, b, s, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';
import { o, type Obs, type EvidenceLike, type Outcome } from '../outcome-words.ts';

function outcome(x: Obs, _ev?: EvidenceLike, about?: Obs): Outcome | undefined {
  // Scenarios about the agent cluster alone (the parsing catalog's Origin-Agent-Cluster) expect only its key.
  const clusterOnly = about ? 'originAgentCluster' in about && !('allowed' in about) : !('allowed' in x);
  if (clusterOnly && typeof x.originAgentCluster === 'boolean') return o(x.originAgentCluster ? 'origin-keyed' : 'site-keyed', 'state');
  // The value it ends with says whether the setter took effect (it is a silent no-op under origin-keyed agent clusters).
  if (x.allowed === true) return typeof x.after === 'string' ? o(`domain = ${x.after}`, 'open') : o('set', 'open');
  if (x.allowed === false) return o('throws', 'closed');
  return undefined;
}

export const documentDomain = kind({
  params: z.strictObject({ set: z.string().optional() }),
  observation: observation({ before: s, allowed: b, error: s, after: s, originAgentCluster: b }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'allowed') || hasError(o),
  outcome,
});

export default documentDomain;
