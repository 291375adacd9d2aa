/**
 * Scenario patterns and positions the engine registries share for the document side of the
 * boundary (storage partitioning, Storage Access, Document-Isolation-Policy, credentialless
 * frames): each registry states its own entries with these.
 */
import type { ObservedDeviation, Why } from './registry.ts';

const API_WRITTEN = '(local|session|idb|cache|broadcast|shared-worker|blob-url)';

/** A→B→A: the nested site.test frame and the top-level page (or its same-origin frame). */
export const ABA_RELATIONS = /^storage\.partition\.[a-z-]+\.((page|page-frame)\.to\.a-in-b-in-a|a-in-b-in-a\.to\.page)(\.worker)?$/;

/** A credentialless frame and a plain frame of the same origin, both ways, by what the reader finds when visible. */
const ANON_PAIRS = '(page\\.to\\.page-credentialless|page-credentialless\\.to\\.page|b-in-a\\.to\\.b-credentialless-in-a|b-credentialless-in-a\\.to\\.b-in-a)';
export const ANON_RELATIONS = {
  written: new RegExp(`^storage\\.partition\\.${API_WRITTEN}\\.${ANON_PAIRS}$`),
  registered: new RegExp(`^storage\\.partition\\.service-worker\\.${ANON_PAIRS}$`),
  held: new RegExp(`^storage\\.partition\\.locks\\.${ANON_PAIRS}$`),
};

export const ANCESTOR_CHAIN_BIT: Why = {
  reason:
    'Keys third-party storage by top-level site and whether any ancestor is cross-site: a site.test frame inside an other.test frame inside site.test (A→B→A) gets a partition of its own, not the page’s (the bit is proposed for the storage key in the Privacy CG, not in the Storage standard)',
  link: 'https://github.com/privacycg/storage-partitioning/issues/25',
};

/** Positions on <iframe credentialless> (not implemented: the attribute is ignored). */
export const NO_CREDENTIALLESS_IFRAME = {
  firefox: {
    reason:
      'Firefox does not implement <iframe credentialless> (Mozilla has no position yet): the attribute is ignored, so the frame shares its origin’s partition and a COEP page refuses it like any frame without CORP',
    link: 'https://github.com/mozilla/standards-positions/issues/628',
  },
  webkit: {
    reason:
      'WebKit does not implement <iframe credentialless> (no WebKit position yet): the attribute is ignored, so the frame shares its origin’s partition and a COEP page refuses it like any frame without CORP',
    link: 'https://github.com/WebKit/standards-positions/issues/45',
  },
} satisfies Record<string, Why>;

/** An engine that ignores the credentialless attribute: the frame's requests carry its origin's cookies and document.cookie has them. */
export function credentiallessCookiesIgnored(why: Why): ObservedDeviation[] {
  const rows = (what: string) => new RegExp(`^isolation\\.credentialless\\.cookies\\.(isolated|plain)\\.(same-origin|same-site)\\.${what}$`);
  return [
    { scenarios: rows('navigation'), observed: {}, evidence: { frame: { cookies: ['cl'] } }, ...why },
    { scenarios: rows('fetch'), observed: {}, evidence: { res: { cookies: ['cl'] } }, ...why },
    { scenarios: rows('document-cookie'), observed: { steps: [{ value: '1' }] }, ...why },
  ];
}

/** Positions on Document-Isolation-Policy (not implemented: the header is ignored). */
export const NO_DIP: Why = {
  reason:
    'Document-Isolation-Policy is implemented by Chromium only (proposed for Interop 2026; other engines have not taken a position): the header is ignored, so the document is not isolated and its no-cors subresources are not checked for CORP',
  link: 'https://github.com/web-platform-tests/interop/issues/1332',
};

/** A→B→A: hasStorageAccess() after a same-site requestStorageAccess() (privacycg/storage-access#244). */
export const ABA_HAS_AFTER_REQUEST: Why = {
  reason:
    'After requestStorageAccess() resolves in an A→B→A frame, hasStorageAccess() still answers false: the same-site check in hasStorageAccess() was added to the spec in 2026 (privacycg/storage-access#244; Gecko bug 2035026)',
  link: 'https://github.com/privacycg/storage-access/pull/244',
};

/** Same-site (not same-origin) top levels: B under sub.other.test vs first-party B; B under site.test:8443 vs under site.test. */
export const SAME_SITE_TOP_RELATIONS = new RegExp(
  `^storage\\.partition\\.(local|idb|cache|broadcast|shared-worker|blob-url|service-worker|locks)\\.(b-first-party\\.to\\.b-in-b-sub|b-in-b-sub\\.to\\.b-first-party|b-in-a\\.to\\.b-in-a-port|b-in-a-port\\.to\\.b-in-a)(\\.worker)?$`,
);

export const TOP_LEVEL_ORIGIN_KEY: Why = {
  reason:
    'WebKit partitions third-party storage by the top-level origin, not the top-level site: other.test framed by sub.other.test (or by site.test:8443) does not share what it stores first-party on other.test (or framed by site.test)',
  link: 'https://github.com/privacycg/storage-partitioning/issues/50',
};

/** Reporting scenarios that expect a report to arrive from a Document-Isolation-Policy (or its report-only form). */
export const DIP_REPORTS = /^isolation\.reporting\.dip(-ro)?\.(fetch|img|script)$/;

export const NO_DIP_REPORTS: Why = {
  reason:
    'No report reaches the endpoint that Document-Isolation-Policy (or its report-only form) names in report-to, although the policy is enforced (the fetch fails); the CSP control in the same frame arrives. Reports for DIP were seen only inconsistently in Chrome (WICG document-isolation-policy issue 6)',
  link: 'https://github.com/WICG/document-isolation-policy/issues/6',
};

/** Firefox: the Reporting API is off in release builds (no COEP or COOP report is sent). */
export const FIREFOX_NO_REPORTING_API: Why = {
  reason:
    'Firefox ships the Reporting API switched off (dom.reporting.enabled is false in release builds): Reporting-Endpoints is ignored and no COEP or COOP report is sent (Mozilla’s position on COEP violation reporting is positive, not yet implemented); the CSP report-uri control, which does not use the Reporting API, arrives',
  link: 'https://github.com/mozilla/standards-positions/issues/796',
};

export const WEBKIT_COOP_REPORT_PREFLIGHT: Why = {
  reason:
    'WebKitGTK sends a CORS preflight (OPTIONS) for a COOP report to an endpoint on the reporting document’s own origin and, as the endpoint answers no CORS, never POSTs the report; Reporting delivers it with the report’s origin, same origin as the endpoint, so without a preflight',
  link: 'repo:docs/bugs/webkit-coop-report-preflight.md',
};
