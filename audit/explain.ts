/**
 * Why, by the standards, run on the headers the user's server actually sent. Each probe kind's
 * explanation is its intent module's (audit/intents/), built on the models the catalog's
 * expectations come from (harness/model/): the answer says whether the intent holds by the
 * standard, the steps that decide it, and the exchanges it read — or that it cannot tell, and why.
 */
import type { LoggedRequest } from '../protocol/visit.ts';
import { probeKindOf } from './intents/index.ts';
import { targetRequests, type AuditProbe, type Explanation } from './probe.ts';

export type { Exchange, Explanation } from './probe.ts';
export { targetRequests } from './probe.ts';

export function explain(p: AuditProbe, requests: LoggedRequest[]): Explanation {
  const kind = probeKindOf(p.intentId, p.kind);
  return kind.explain(p, kind.probeRequests ? requests.filter((r) => r.probe === p.id && r.upstream) : targetRequests(p, requests));
}
