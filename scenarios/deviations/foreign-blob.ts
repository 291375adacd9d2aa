/**
 * What each engine does instead of the standard with a blob: URL that another document created
 * (isolation/coep-inherit, the `foreign-blob-*` rows): HTML gives a worker started from it the
 * creator's policy container (the blob URL entry's environment) and a document navigated to it the
 * initiator's. Spread into each engine's registry.
 */
import type { ObservedDeviation, Why } from './registry.ts';

const ROW = (family: string, context: string) => `isolation.coep-inherit.foreign.${family}.${context}`;
const FAMILIES = ['none-by-require-corp-frame', 'credentialless-by-require-corp-frame'];
const WORKERS = [...FAMILIES.map((f) => ROW(f, 'foreign-blob-worker')), ROW(FAMILIES[0], 'foreign-blob-shared-worker')];
const DOCUMENTS = FAMILIES.flatMap((f) => [ROW(f, 'foreign-blob-frame'), ROW(f, 'foreign-blob-popup')]);

const WORKER_RULE =
  'HTML "initialize a worker global scope\'s policy container": a worker whose URL is blob: takes "creating a policy container from a fetch response", which returns "a clone of response\'s URL\'s blob URL entry\'s environment\'s policy container" (the creator\'s)';

const OWNER_NOT_CREATOR: Why = {
  reason: `${WORKER_RULE}; the engine gives a dedicated or shared worker started by the page from a blob: URL its same-origin frame (COEP require-corp) created the page's embedder policy instead, so another site's response without CORP loads in it (attaching the creator's policies to blob URLs: whatwg/html#5403)`,
  link: 'repo:docs/bugs/coep-local-scheme-inheritance.md',
};
const FIREFOX_WORKERS: Why = {
  reason: `${WORKER_RULE}; Firefox gives a dedicated worker started by the page from a blob: URL its same-origin frame (COEP require-corp) created the page's embedder policy instead, and a shared worker from it none at all (as for the page's own blob: shared worker), so another site's response without CORP loads in both (attaching the creator's policies to blob URLs: whatwg/html#5403)`,
  link: 'repo:docs/bugs/coep-local-scheme-inheritance.md',
};
const CREATOR_NOT_INITIATOR: Why = {
  reason:
    'HTML "determining navigation params policy container": "If responseURL is local and initiatorPolicyContainer is not null, then return a clone of initiatorPolicyContainer" (the page that navigates), before the response\'s (the blob URL entry\'s) is looked at; WebKitGTK gives a frame or popup the page navigates to a blob: URL its same-origin frame created the creator\'s COEP require-corp, so another site\'s response without CORP fails there — what the open change whatwg/html#6895 would make the standard',
  link: 'https://github.com/whatwg/html/pull/6895',
};

export const chromiumForeignBlob: ObservedDeviation[] = [{ scenarios: WORKERS, observed: { loaded: true }, ...OWNER_NOT_CREATOR }];
export const firefoxForeignBlob: ObservedDeviation[] = [{ scenarios: WORKERS, observed: { loaded: true }, ...FIREFOX_WORKERS }];
export const webkitForeignBlob: ObservedDeviation[] = [{ scenarios: DOCUMENTS, observed: { loaded: false }, ...CREATOR_NOT_INITIATOR }];
