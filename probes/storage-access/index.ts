/** The `storage-access` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { observation, b, s, kind, isFalse, hasError, runtimeBlock, targetRef } from '../contract.ts';
import { o, type Obs, type Outcome } from '../outcome-words.ts';

/** Storage Access: granted, or refused (and why), or only whether access is there already. */
function outcome(x: Obs): Outcome | undefined {
  if (typeof x.requested === 'string') return x.requested === 'granted' ? o('granted', 'open') : o(`refused (${x.requested})`, 'closed');
  if (typeof x.has === 'boolean') return x.has ? o('has access', 'open') : o('no access', 'closed');
  return undefined;
}

export const storageAccess = kind({
  params: z.strictObject({
    request: z.boolean().optional(),
    /** Make the request inside a real click of the driver (user activation); the probe's frames are pinned where it clicks. */
    userClick: z.boolean().optional(),
    /** A cookie (set first-party by the page's cookie prelude) looked for in document.cookie before and after. */
    cookie: z.string().optional(),
    /** A declared response fetched with credentials after the request (its Cookie and Sec-Fetch-Storage-Access are server evidence). */
    fetchAfter: targetRef.optional(),
  }),
  observation: observation({
    /** document.hasStorageAccess() before any request. */
    has: b,
    hasError: s,
    /** navigator.permissions.query({ name: 'storage-access' }) before the request: granted, prompt, denied ('absent', 'error:…'). */
    permission: s,
    /** navigator.userActivation.isActive when the request is made. */
    activation: b,
    /** The driver's click arrived in the document (and was a trusted event). */
    clicked: b,
    trusted: b,
    driverError: s,
    /** requestStorageAccess(): 'granted', the rejection's name, 'absent' (no such method) or 'pending' (a prompt waits on the user). */
    requested: s,
    hasAfter: b,
    cookieBefore: b,
    cookieAfter: b,
    /** The credentialed fetch after: its status, or the error's name. */
    fetched: z.union([z.number(), z.string()]).optional(),
  }),
  blocks: (o) =>
    runtimeBlock(o) ||
    isFalse(o, 'has', 'hasAfter', 'cookieBefore', 'cookieAfter', 'clicked') ||
    (typeof o.requested === 'string' && o.requested !== 'granted') ||
    hasError(o),
  outcome,
});

export default storageAccess;
