/**
 * The profile each engine's visit runs in, as the engine record states it: where a kind of
 * profile (not the standard) decides what crosses the boundary, the report says so beside the
 * verdicts it touches (third-party cookies, storage partitioning).
 */
import type { VisitProfile } from './engine.ts';

/** Chained visits (harness/plan/chains.ts): the one way pages of different visits share a context. */
const CHAINED =
  '; in the conformance suite, small visits that touch no state (no cookies, storage, Set-Cookie or grants) run as a chain of up to 8 in one context, each page in a new window without an opener, and their rows name the visits before them (visit.chainedAfter)';

export const CHROMIUM_PROFILE: VisitProfile = {
  kind: 'off-the-record browser context (incognito-like), one per visit, in a browser started with a fresh --user-data-dir',
  how:
    'CDP Target.createBrowserContext per visit (Playwright newContext() on the Playwright driver: the same CDP call); the visit page gets Emulation.setFocusEmulationEnabled before it loads (Playwright sends it to every page)' +
    CHAINED,
  permissions: [
    "local-network and loopback-network (Local Network Access), granted or denied for the page's own origin in the visit's context before its page loads where a scenario's page declares it (network/local-network-access): CDP Browser.setPermission with origin = the page's origin, browserContextId; this build refuses a grant to an http: origin (\"Permission can't be granted in current context\"), so such a visit runs with them at prompt",
    "storage-access, granted or denied in the visit's context before its page loads where a scenario's page declares it (storage/access): CDP Browser.setPermission with origin = the top-level origin, embeddedOrigin = the framed origin, browserContextId",
    'nothing otherwise',
  ],
  areas: ['sop/cookies', 'sop/cookies-cross-site', 'storage/partitioning', 'storage/access'],
  effects: [
    'ThirdPartyStoragePartitioning stays enabled as shipped (removed from the --disable-features list Playwright passes): non-cookie storage is keyed by top-level site',
    'third-party cookies: blocked in this context, as in a regular profile of this Chromium build (checked: see the design notes); sop/cookies-cross-site records it as the engine policy, not the standard',
    "focus emulation keeps the visit page visible and focused while its popups open as foreground tabs over it: a hidden page would defer its media loads (Chromium's background-tab rule), and the mixed audio/video rows would record the tab, not Mixed Content",
  ],
};

export const FIREFOX_BIDI_PROFILE: VisitProfile = {
  kind: 'WebDriver BiDi user context (a container: own cookie jar and storage) in a normal, non-private window, one per visit',
  how: 'browser.createUserContext then browsingContext.create per visit; browser.removeUserContext after' + CHAINED,
  permissions: [
    "local-network and loopback-network (Local Network Access), granted or denied for the page's own origin in the visit's user context before its page loads where a scenario's page declares it (network/local-network-access): BiDi permissions.setPermission with descriptor.name, origin = the page's origin, userContext (taken for http: origins too); no host is placed in an address space for this engine, so no row observes them",
    'storage-access: not granted, refused by this build\'s BiDi permissions.setPermission ("unsupported operation"), so a visit whose page declares a grant (storage/access) runs with the permission at prompt; the rows record it as a deviation',
    'nothing otherwise',
  ],
  areas: ['sop/cookies', 'sop/cookies-cross-site', 'storage/partitioning', 'storage/access'],
  effects: [
    'network.cookie.cookieBehavior = 5 (Total Cookie Protection, the shipped default; Playwright would set 0): third-party cookies and storage partitioned by top-level site',
    'private browsing is not used: its stricter storage rules do not apply',
  ],
};

export const FIREFOX_PLAYWRIGHT_PROFILE: VisitProfile = {
  kind: 'Playwright browser context (a container in the Juggler-patched build), one per visit',
  how: 'Playwright newContext() per visit' + CHAINED,
  permissions: [],
  areas: ['sop/cookies', 'sop/cookies-cross-site', 'storage/partitioning', 'storage/access'],
  effects: ["Playwright's own Firefox build sets its own cookie and partitioning preferences: see the preferences listed above"],
};

export const WEBKITGTK_PROFILE: VisitProfile = {
  kind: 'ephemeral website data manager (MiniBrowser --automation): a new browser process with no persistent data per WebDriver session, one session per visit',
  how: 'WebDriver New Session per visit (a new MiniBrowser)' + CHAINED,
  permissions: [
    'none: WebKitWebDriver 2.50 has no Set Permission or Set Storage Access command, so a visit whose page declares a grant (storage/access; local-network and loopback-network in network/local-network-access) runs with the permission at prompt; the storage/access rows record it as a deviation, and no host is placed in an address space for this engine, so no Local Network Access row observes a permission',
  ],
  areas: ['sop/cookies', 'sop/cookies-cross-site', 'storage/partitioning', 'storage/access'],
  effects: [
    'cookie accept policy: WebKitGTK default (no third party: only the main document sets cookies); not Safari, whose tracking prevention blocks third-party cookies outright',
    'third-party storage partitioned by top-level site as WebKit ships it',
  ],
};

export const PLAYWRIGHT_WEBKIT_PROFILE: VisitProfile = {
  kind: 'Playwright browser context (ephemeral website data store), one per visit',
  how: 'Playwright newContext() per visit' + CHAINED,
  permissions: [],
  areas: ['sop/cookies', 'sop/cookies-cross-site', 'storage/partitioning', 'storage/access'],
  effects: ["Playwright's WebKit build: its cookie policy is Playwright's, not Safari's"],
};

export const WEBDRIVER_PROFILE: VisitProfile = {
  kind: "the remote end's profile for a new WebDriver session (its own; the harness cannot see inside it)",
  how: 'WebDriver New Session per visit' + CHAINED,
  permissions: [],
  areas: ['sop/cookies', 'sop/cookies-cross-site', 'storage/partitioning', 'storage/access'],
  effects: ["third-party cookies and storage follow the remote end's profile settings, which the harness does not set"],
};
