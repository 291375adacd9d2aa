/** The `storage-access` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { observation, b, s, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';
import { o, type Obs, type Outcome } from '../outcome-words.ts';

/** Storage Access: granted, or refused (and why), or only whether access is there already. */
function outcome(x: Obs): Outcome | undefined {
  if (typeof x.requested === 'string') return x.requested === 'granted' ? o('granted', 'open') : o(`refused (${x.requested})`, 'closed');
  if (typeof x.has === 'boolean') return x.has ? o('has access', 'open') : o('no access', 'closed');
  return undefined;
}

export const storageAccess = kind({
  params: z.strictObject({ request: z.boolean().optional() }),
  observation: observation({
    /** document.hasStorageAccess() before any request. */
    has: b,
    hasError: s,
    /** navigator.userActivation.isActive when the request is made (a probe has none of its own). */
    activation: b,
    /** requestStorageAccess(): 'granted' when it resolved, else the rejection's name ('absent' when there is no such method). */
    requested: s,
    hasAfter: b,
  }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'has', 'hasAfter') || (typeof o.requested === 'string' && o.requested !== 'granted') || hasError(o),
  outcome,
});

export default storageAccess;
