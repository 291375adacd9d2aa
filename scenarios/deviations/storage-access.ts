/**
 * Storage Access (storage/access with its permission set per visit) and Sec-Fetch-User on links
 * followed by a real click: the reasons and links the engine registries share, and each engine's
 * entries (spread into its registry's `observed`).
 */
import type { ObservedDeviation, Why } from './registry.ts';

/** A pattern over the storage/access ids of one permission state and mode, in the given contexts. */
const ids = (state: string, modes: string, where = '[a-z-]+') => new RegExp(`^storage\\.access\\.${state}\\.(${modes})\\.(${where})$`);
const XSITE = 'cross-site-frame|cross-site-subdomain-frame|cross-site-in-same-site-frame|cross-site-in-cross-site-frame';

export const FIREFOX_CANNOT_GRANT: Why = {
  reason:
    'Firefox 153 refuses permissions.setPermission for "storage-access" over WebDriver BiDi ("unsupported operation"), so the visit runs with the permission at prompt: the frame sees what an ungranted frame sees (the BiDi command gained the (top-level, embedded) keying Storage Access needs only in 2025)',
  link: 'https://github.com/w3c/permissions/issues/450',
};

/** Firefox at prompt: a request inside a real click opens the storage-access prompt, which nobody answers. */
export const FIREFOX_CANNOT_GRANT_PROMPTS: Why = {
  reason:
    'Firefox 153 refuses permissions.setPermission for "storage-access" over WebDriver BiDi ("unsupported operation"), so the visit runs with the permission at prompt (neither granted nor denied); requestStorageAccess() inside the real click then opens Firefox\'s storage-access prompt, which nobody answers, so the request is still pending when the probe ends (what the standard asks at prompt, not what a grant or a denial gives)',
  link: 'https://github.com/w3c/permissions/issues/450',
};

export const WEBKIT_CANNOT_GRANT: Why = {
  reason:
    'WebKitWebDriver 2.50 has no Set Permission or Set Storage Access command (Storage Access API §8), so the visit runs with the permission at prompt; and WebKitGTK does not block a third party from cookies that already exist (its cookie policy only refuses to store new ones), so the cross-site frame has access and its first-party cookie from the start — not Safari, whose tracking prevention blocks them',
  link: 'https://webkitgtk.org/reference/webkit2gtk/stable/enum.CookieAcceptPolicy.html',
};

export const WEBKIT_NO_PERMISSION_NAME: Why = {
  reason:
    'WebKitGTK\'s navigator.permissions.query() does not know the "storage-access" name (a TypeError), and WebKitGTK does not block a third party from cookies that already exist, so the cross-site frame has access and its first-party cookie from the start (not Safari)',
  link: 'https://webkitgtk.org/reference/webkit2gtk/stable/enum.CookieAcceptPolicy.html',
};

export const WEBKIT_NO_STORAGE_ACCESS_HEADERS: Why = {
  reason:
    'WebKit does not implement Storage Access Headers (no WebKit position yet): no Sec-Fetch-Storage-Access on requests, Activate-Storage-Access ignored; and WebKitGTK does not block a third party from cookies that already exist (not Safari)',
  link: 'https://github.com/WebKit/standards-positions/issues/412',
};

export const WEBKIT_IGNORES_POLICY: Why = {
  reason:
    'WebKit\'s requestStorageAccess() does not check the "storage-access" permissions policy (it consults it only for permissions.query()): in a frame with allow="storage-access \'none\'" the request resolves inside a click, where the standard rejects it with NotAllowedError before anything else is asked',
  link: 'repo:docs/bugs/webkit-storage-access-permissions-policy.md',
};

/** WebKitGTK, nothing granted: access and the cookie from the start, no permission name. */
export const WEBKIT_STORAGE_ACCESS: ObservedDeviation[] = [
  {
    scenarios: ids('prompt', 'has', XSITE),
    observed: { has: true, permission: 'error:TypeError', cookieBefore: true },
    ...WEBKIT_NO_PERMISSION_NAME,
  },
  {
    scenarios: ids('prompt', 'headers-none', XSITE),
    observed: { has: true, cookieBefore: true },
    evidence: { doc: { secFetchStorageAccess: null }, sink: { secFetchStorageAccess: null } },
    ...WEBKIT_NO_STORAGE_ACCESS_HEADERS,
  },
  {
    scenarios: ['storage.access.prompt.load.cross-site-frame'],
    observed: { has: true, permission: 'error:TypeError', cookieBefore: true },
    ...WEBKIT_NO_STORAGE_ACCESS_HEADERS,
  },
];

const WK_GRANT_GONE = { permission: 'error:TypeError', cookieBefore: true };

/** WebKitGTK where the page declared a grant or a denial it could not be given: the same view as at prompt. */
export const WEBKIT_STORAGE_ACCESS_UNGRANTED: ObservedDeviation[] = [
  { scenarios: ids('granted', 'has', XSITE), observed: { has: true, ...WK_GRANT_GONE }, ...WEBKIT_CANNOT_GRANT },
  { scenarios: ids('granted', 'request', XSITE), observed: { has: true, ...WK_GRANT_GONE, requested: 'NotAllowedError' }, ...WEBKIT_CANNOT_GRANT },
  { scenarios: ids('granted', 'click', XSITE), observed: WK_GRANT_GONE, ...WEBKIT_CANNOT_GRANT },
  {
    scenarios: ids('granted', 'headers-inactive', XSITE),
    observed: { has: true, cookieBefore: true },
    evidence: { doc: { secFetchStorageAccess: null }, sink: { secFetchStorageAccess: null, origin: null } },
    ...WEBKIT_NO_STORAGE_ACCESS_HEADERS,
  },
  {
    scenarios: ids('granted', 'headers-active', XSITE),
    observed: { requested: 'NotAllowedError', cookieBefore: true },
    evidence: { sink: { secFetchStorageAccess: null } },
    ...WEBKIT_NO_STORAGE_ACCESS_HEADERS,
  },
  {
    scenarios: ['storage.access.granted.load-retry-token.cross-site-frame', 'storage.access.granted.load-string.cross-site-frame'],
    observed: { has: true, cookieBefore: true },
    ...WEBKIT_CANNOT_GRANT,
  },
  {
    scenarios: ['storage.access.granted.load.cross-site-frame'],
    observed: { permission: 'error:TypeError' },
    evidence: { docAsa: { secFetchStorageAccess: null } },
    ...WEBKIT_NO_STORAGE_ACCESS_HEADERS,
  },
  { scenarios: ['storage.access.granted.click.sandboxed-frame'], observed: { hasAfter: true, cookieAfter: true }, ...WEBKIT_CANNOT_GRANT },
  { scenarios: ['storage.access.granted.click.sandboxed-frame-with-token'], observed: { cookieBefore: true }, ...WEBKIT_CANNOT_GRANT },
  {
    scenarios: ['storage.access.granted.click.policy-none-frame'],
    observed: { requested: 'granted', hasAfter: true, cookieAfter: true },
    ...WEBKIT_IGNORES_POLICY,
  },
  { scenarios: ids('denied', 'has', XSITE), observed: { has: true, ...WK_GRANT_GONE }, ...WEBKIT_CANNOT_GRANT },
  { scenarios: ids('denied', 'request', XSITE), observed: { permission: 'error:TypeError', hasAfter: true, cookieAfter: true }, ...WEBKIT_CANNOT_GRANT },
  {
    scenarios: ids('denied', 'click', XSITE),
    observed: { permission: 'error:TypeError', requested: 'granted', hasAfter: true, cookieAfter: true },
    ...WEBKIT_CANNOT_GRANT,
  },
  {
    scenarios: ids('denied', 'headers-none', XSITE),
    observed: { has: true, cookieBefore: true },
    evidence: { doc: { secFetchStorageAccess: null }, sink: { secFetchStorageAccess: null } },
    ...WEBKIT_NO_STORAGE_ACCESS_HEADERS,
  },
  { scenarios: ['storage.access.denied.load.cross-site-frame'], observed: { has: true, ...WK_GRANT_GONE }, ...WEBKIT_CANNOT_GRANT },
];

export const WEBKIT_NO_SEC_FETCH_USER: Why = {
  reason:
    "WebKit does not send Sec-Fetch-User: a link followed by the user's click (a trusted event, navigation user-activation true) reaches the server without `Sec-Fetch-User: ?1`",
  link: 'https://bugs.webkit.org/show_bug.cgi?id=204744',
};

export const WEBKIT_SEC_FETCH_USER: ObservedDeviation[] = [
  {
    scenarios: /^network\.fetch-metadata\.user\.click\.(in-[a-z-]+-frame\.)?(frame|popup)\.(site|sub|other)$/,
    observed: {},
    evidence: { res: { secFetchUser: null } },
    ...WEBKIT_NO_SEC_FETCH_USER,
  },
  {
    scenarios: /^network\.fetch-metadata\.user\.click\.(frame|popup)\.redirect\.[a-z-]+$/,
    observed: {},
    evidence: { res: { secFetchUser: null }, hop: { secFetchUser: null } },
    ...WEBKIT_NO_SEC_FETCH_USER,
  },
];

/** Firefox, where the page declared a grant it could not be given (the permission stays at prompt). */
export const FIREFOX_STORAGE_ACCESS_UNGRANTED: ObservedDeviation[] = [
  { scenarios: ids('granted', 'has', XSITE), observed: { permission: 'prompt' }, ...FIREFOX_CANNOT_GRANT },
  {
    scenarios: ids('granted', 'request', XSITE),
    observed: { permission: 'prompt', requested: 'NotAllowedError', hasAfter: false, cookieAfter: false },
    ...FIREFOX_CANNOT_GRANT,
  },
  {
    scenarios: ids('granted', 'headers-inactive', XSITE),
    observed: {},
    evidence: { doc: { secFetchStorageAccess: 'none' }, sink: { secFetchStorageAccess: 'none', origin: null } },
    ...FIREFOX_CANNOT_GRANT,
  },
  {
    scenarios: ids('granted', 'headers-active', XSITE),
    observed: { requested: 'NotAllowedError', cookieAfter: false },
    evidence: { sink: { secFetchStorageAccess: 'none', cookies: [] } },
    ...FIREFOX_CANNOT_GRANT,
  },
  {
    scenarios: ['storage.access.granted.load.cross-site-frame'],
    observed: { has: false, permission: 'prompt', cookieBefore: false },
    evidence: { docAsa: { secFetchStorageAccess: 'none' } },
    ...FIREFOX_CANNOT_GRANT,
  },
  { scenarios: ['storage.access.granted.load.cross-site-subdomain-frame'], observed: { has: false, cookieBefore: false }, ...FIREFOX_CANNOT_GRANT },
  {
    scenarios: ids('granted', 'click', XSITE),
    observed: { permission: 'prompt', requested: 'pending', hasAfter: false, cookieAfter: false },
    ...FIREFOX_CANNOT_GRANT_PROMPTS,
  },
  {
    scenarios: ['storage.access.granted.click.sandboxed-frame-with-token'],
    observed: { requested: 'pending', hasAfter: false, cookieAfter: false },
    ...FIREFOX_CANNOT_GRANT_PROMPTS,
  },
  { scenarios: ids('denied', 'click', XSITE), observed: { requested: 'pending' }, ...FIREFOX_CANNOT_GRANT_PROMPTS },
];

/** storage/access rows of non-cookie storage whose frame requests access (scenarios/storage/access-storage.ts). */
const STORAGE_REQUESTS = /^storage\.access\.granted\.storage\.([a-z]+\.plain-after-cookies|local\.handle-cookies-only)$/;

/** Firefox, the permission left at prompt: the frame's request without activation is refused, its storage stays partitioned. */
export const FIREFOX_STORAGE_ACCESS_STORAGE: ObservedDeviation[] = [
  {
    scenarios: STORAGE_REQUESTS,
    observed: { requested: 'NotAllowedError' },
    reason: `${FIREFOX_CANNOT_GRANT.reason}. requestStorageAccess() without user activation is refused with NotAllowedError; the frame's own storage is partitioned either way here, so what a Firefox grant does to it (Firefox gives a granted third party its unpartitioned storage, not only cookies) is not observed`,
    link: FIREFOX_CANNOT_GRANT.link,
  },
];

/** WebKitGTK, no grant command: the request without activation is refused. */
export const WEBKIT_STORAGE_ACCESS_STORAGE: ObservedDeviation[] = [
  {
    scenarios: STORAGE_REQUESTS,
    observed: { requested: 'NotAllowedError' },
    reason:
      "WebKitWebDriver 2.50 has no Set Permission or Set Storage Access command (Storage Access API §8), so the visit runs with the permission at prompt and requestStorageAccess() without user activation is refused with NotAllowedError; the frame's own storage stays partitioned",
    link: WEBKIT_CANNOT_GRANT.link,
  },
];

/** The handle rows: the request is refused, so there is no handle to read through. */
const STORAGE_HANDLES = /^storage\.access\.granted\.storage\.local\.handle-own-type$/;
FIREFOX_STORAGE_ACCESS_STORAGE.push({
  scenarios: STORAGE_HANDLES,
  observed: { requested: 'NotAllowedError', handle: false, value: null },
  reason: `${FIREFOX_CANNOT_GRANT.reason}. requestStorageAccess() with types, without user activation, is refused with NotAllowedError, so there is no StorageAccessHandle (Mozilla's position on the non-cookie extension is positive; Firefox instead gives a granted third party its unpartitioned storage)`,
  link: 'https://github.com/mozilla/standards-positions/issues/898',
});
WEBKIT_STORAGE_ACCESS_STORAGE.push({
  scenarios: STORAGE_HANDLES,
  observed: { requested: 'NotAllowedError', handle: false, value: null },
  reason:
    'WebKitWebDriver 2.50 has no Set Permission or Set Storage Access command, so the request without user activation is refused with NotAllowedError and there is no StorageAccessHandle; WebKit has not implemented the non-cookie extension (its standards position is open, with integration concerns)',
  link: 'https://github.com/WebKit/standards-positions/issues/262',
});
