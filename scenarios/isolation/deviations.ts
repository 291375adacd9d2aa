/**
 * Recorded engine differences for the isolation catalog, by scenario id. Each keeps the spec
 * expectation untouched and says what the engine does instead, why, and where that is tracked.
 * Applied by each scenario file to its own generated scenarios (claims.ts clones them as-is).
 */
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';

type Engine = 'chromium' | 'firefox' | 'webkit';
interface Dev {
  /** Merged into the expectation: null marks a key of it absent. */
  observed: Record<string, unknown>;
  evidence?: Record<string, Record<string, unknown>>;
  reason: string;
  link: string;
}

const WK_CREDENTIALLESS = {
  reason:
    'WebKitGTK 2.50 does not implement COEP credentialless: the value is ignored (treated as unsafe-none), so the page is not isolated, frames and workers are not checked, and no-cors requests keep their cookies',
  link: 'https://bugs.webkit.org/show_bug.cgi?id=230550',
};
const WK_SAB = {
  reason:
    'WebKitGTK (GLib ports) builds do not enable SharedArrayBuffer even in cross-origin isolated contexts; crossOriginIsolated is true but the constructor is absent (and measureUserAgentSpecificMemory is not implemented by WebKit)',
  link: 'https://bugs.webkit.org/show_bug.cgi?id=317847',
};
const COI_PERMISSION = {
  reason:
    "The 'cross-origin-isolated' permissions-policy feature (default allowlist 'self') is not enforced: a cross-origin frame of an isolated page reports crossOriginIsolated true without allow=\"cross-origin-isolated\"",
  link: 'https://github.com/web-platform-tests/interop/issues/1226',
};
const FF_MEASURE = {
  reason:
    'Firefox does not implement performance.measureUserAgentSpecificMemory (a WICG draft exposed only to cross-origin isolated contexts); everything else gated on isolation is exposed',
  link: 'https://developer.mozilla.org/en-US/docs/Web/API/Performance/measureUserAgentSpecificMemory#browser_compatibility',
};

const FF_NOAP = {
  reason:
    "Firefox does not implement the COOP value noopener-allow-popups (HTML added it in whatwg/html#10394; MDN compat data: firefox version_added false): the header value is ignored, so a same-origin popup sending it stays in its opener's browsing context group",
  link: 'https://github.com/mozilla/standards-positions/issues/1037',
};

const notIsolated = { crossOriginIsolated: false, sharedArrayBuffer: false, sabConstructible: false, sharedWasmMemory: false };

export const DEVIATIONS: Record<string, Partial<Record<Engine, Dev>>> = {
  // ---- WebKit: COEP credentialless unsupported ----
  'isolation.coep.credentialless.iframe.same-origin.plain': { webkit: { observed: { targetReady: true }, ...WK_CREDENTIALLESS } },
  'isolation.coep.credentialless.iframe.other-site.plain': { webkit: { observed: { targetReady: true }, ...WK_CREDENTIALLESS } },
  'isolation.coep.credentialless.iframe.other-site.coep': { webkit: { observed: { targetReady: true }, ...WK_CREDENTIALLESS } },
  'isolation.coep.credentialless.iframe.other-site.corp-same-origin': { webkit: { observed: { targetReady: true }, ...WK_CREDENTIALLESS } },
  'isolation.coep.require-corp.iframe.other-site.coep-credentialless-corp': { webkit: { observed: { targetReady: false }, ...WK_CREDENTIALLESS } },
  'isolation.coep.worker.coi.credentialless': { webkit: { observed: { event: 'error', data: null }, ...WK_CREDENTIALLESS } },
  'isolation.coep.worker.coi-credentialless.no-coep': { webkit: { observed: { event: 'message' }, ...WK_CREDENTIALLESS } },
  'isolation.coep.worker.coi-credentialless.require-corp': {
    webkit: { observed: { event: 'message', data: { crossOriginIsolated: false } }, ...WK_CREDENTIALLESS },
  },
  'isolation.coep.worker.fetch.credentialless.no-corp': { webkit: { observed: { event: 'error', data: null }, ...WK_CREDENTIALLESS } },
  'isolation.coep.cookies.credentialless.img': { webkit: { observed: { loaded: true }, evidence: { res: { cookies: ['cl'] } }, ...WK_CREDENTIALLESS } },
  'isolation.coep.cookies.credentialless.fetch-no-cors': {
    webkit: { observed: { resolved: true }, evidence: { res: { cookies: ['cl'] } }, ...WK_CREDENTIALLESS },
  },
  'isolation.coi.coop-so.coep-credentialless': { webkit: { observed: notIsolated, ...WK_CREDENTIALLESS } },
  'isolation.coi.gated.coop-so.coep-credentialless': {
    webkit: { observed: { crossOriginIsolated: false, sabPostMessage: false, measureUserAgentSpecificMemory: 'undefined' }, ...WK_CREDENTIALLESS },
    firefox: { observed: { crossOriginIsolated: true, sabPostMessage: true, measureUserAgentSpecificMemory: 'undefined' }, ...FF_MEASURE },
  },
  // ---- WebKitGTK: no SharedArrayBuffer even when isolated ----
  'isolation.coi.coop-so.coep-require-corp': {
    webkit: { observed: { crossOriginIsolated: true, sharedArrayBuffer: false, sabConstructible: false, sharedWasmMemory: false }, ...WK_SAB },
  },
  'isolation.coi.gated.coop-so.coep-require-corp': {
    webkit: { observed: { crossOriginIsolated: true, sabPostMessage: false, measureUserAgentSpecificMemory: 'undefined' }, ...WK_SAB },
    firefox: { observed: { crossOriginIsolated: true, sabPostMessage: true, measureUserAgentSpecificMemory: 'undefined' }, ...FF_MEASURE },
  },
  'isolation.coep.worker.coi.require-corp': {
    webkit: { observed: { event: 'message', data: { crossOriginIsolated: true, sharedArrayBuffer: false } }, ...WK_SAB },
  },
  // ---- cross-origin-isolated permissions-policy feature not enforced ----
  'isolation.coi.frame.other-site': {
    firefox: { observed: { crossOriginIsolated: true }, ...COI_PERMISSION },
    webkit: { observed: { crossOriginIsolated: true }, ...COI_PERMISSION },
  },
};

/**
 * Deviations that follow from one engine rule over a generated matrix, rather than one id each.
 * Firefox ignores noopener-allow-popups, so a popup sending it is kept wherever the opener's own
 * COOP would have kept it (every opener value but same-origin, which severs regardless).
 */
const RULES: Array<{ match: RegExp; devs: Partial<Record<Engine, Dev>> }> = [
  {
    match: /^isolation\.coop\.open\.(absent|un|soap|noap)\.[a-z-]+\.noap$/,
    devs: { firefox: { observed: { popupOpener: 'present', hello: true, closed: false, pong: true }, ...FF_NOAP } },
  },
];

function deviationsFor(id: string): Partial<Record<Engine, Dev>> | undefined {
  const fromRules = RULES.filter((r) => r.match.test(id)).map((r) => r.devs);
  if (!fromRules.length && !DEVIATIONS[id]) return undefined;
  return Object.assign({}, ...fromRules, DEVIATIONS[id] ?? {});
}

/** Whether the table records an engine deviation for this scenario (such scenarios carry a control). */
export function hasRecordedDeviation(id: string): boolean {
  return deviationsFor(id) !== undefined;
}

export function withDeviations(list: ScenarioInput[]): ScenarioInput[] {
  return list.map((s) => {
    const devs = deviationsFor(s.id);
    // Keyed by id, so not typed per probe kind here: the scenario schema checks each observed key on load.
    return devs ? ({ ...s, deviations: { ...(s.deviations ?? {}), ...devs } } as ScenarioInput) : s;
  });
}

/** Table entries that name no scenario of the catalog (a renamed or removed scenario), and rules that match none. */
export function staleDeviationEntries(catalogIds: string[]): string[] {
  const ids = new Set(catalogIds);
  return [
    ...Object.keys(DEVIATIONS)
      .filter((id) => !ids.has(id))
      .map((id) => `isolation deviation for unknown scenario "${id}"`),
    ...RULES.filter((r) => !catalogIds.some((id) => r.match.test(id))).map((r) => `isolation deviation rule ${r.match} matches no scenario`),
  ];
}
