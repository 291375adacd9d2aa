/**
 * Per seed claim: how the claim's own wording relates to the standard and to the engine
 * deviations its scenarios record. Scenarios always expect what the STANDARD says, and a claim
 * is usually narrower than its scenarios (they also probe what the standard adds around it), so
 * an engine deviation in one of them does not by itself refute the claim. Each deviating
 * scenario is therefore judged here against the claim's words:
 *
 *   refutedBy   — a deviation that contradicts what the claim says: "does not hold" there;
 *   beyondClaim — a deviation reviewed and found outside what the claim says (the claim neither
 *                 predicts nor forbids it): the claim still holds, and the report lists it;
 *   anything else deviating is shown as "deviates (not judged)" until someone records it here.
 *
 * holdsPerStandard: false marks a claim the standard contradicts (a passing scenario refutes
 * it); latitude: true marks a claim that only names a choice engines may make ("may"), so it
 * holds whichever way an engine goes and the report says which way it went.
 */
export interface ClaimMatch {
  /** Scenario id, or a pattern over ids. */
  id: string | RegExp;
  /** Only these engines' deviations; all engines when absent. */
  engines?: string[];
  /** Why, in a few words: shown next to the scenario in the report. */
  why: string;
}

export interface ClaimVerdict {
  /** true: the claim says what the standard says, so standard behaviour = the claim holds. */
  holdsPerStandard: boolean;
  /** What the standard says beyond or against the claim, with its section; shown with the claim. */
  note: string;
  refutedBy?: ClaimMatch[];
  beyondClaim?: ClaimMatch[];
  latitude?: boolean;
}

const THIRD_PARTY_COOKIES = ['chromium', 'firefox'];
const PREFLIGHT_CACHE = /^cors\.(gen\.preflight\.\d+|claims\.c57-cache-mode-.*)$/;

export const CLAIM_VERDICTS: Record<string, ClaimVerdict> = {
  C10: {
    holdsPerStandard: true,
    note: '',
    beyondClaim: [{ id: /^sop\.cookies\./, why: 'the resource loads; only which cookies it carries differs (C30)' }],
  },
  C12: {
    holdsPerStandard: true,
    note: '',
    beyondClaim: [{ id: /^sop\.cookies\./, why: 'the POST is sent; only which cookies it carries differs (C30)' }],
  },
  C13: {
    holdsPerStandard: true,
    note: 'True of requests that need no preflight. A request that needs a CORS preflight (Fetch §4.8 CORS-preflight fetch) is not sent at all unless the preflight passes (C54, C55).',
  },
  C14: {
    holdsPerStandard: true,
    note: '',
    refutedBy: [
      {
        id: /^sop\.embed\.script\.(error-muted|\w+-error-muted-redirect-)/,
        engines: ['firefox'],
        why: 'the page reads the message of an error a cross-origin script threw, or of any error in a script redirected through another origin (not muted)',
      },
    ],
  },
  C30: {
    holdsPerStandard: true,
    note: 'Per the standards (RFC 6265bis SameSite) a cross-site subresource request carries only SameSite=None cookies; engines also restrict third-party cookies by policy.',
    refutedBy: [
      {
        id: /^sop\.cookies\.cross-site-(fetch-samesite|img|iframe|form-post-frame)$/,
        engines: THIRD_PARTY_COOKIES,
        why: "third-party cookie blocking: not even the origin's SameSite=None cookie is sent",
      },
    ],
    beyondClaim: [
      {
        id: /^sop\.cookies\.cross-site-(fetch-samesite|img|iframe|form-post-frame)$/,
        engines: ['webkit'],
        why: 'sends more cookies than SameSite defaults allow (no Lax by default)',
      },
      { id: 'sop.cookies.top-level-post', why: 'sends the unspecified-SameSite cookie on a top-level POST too' },
      { id: 'sop.cookies.third-party-frame-none-visible', why: 'what document.cookie shows inside a third-party frame, not what requests carry' },
      { id: 'sop.sandbox.allow-scripts.lax-cookie-withheld', why: 'a request from an opaque-origin frame (C71)' },
    ],
  },
  C31: {
    holdsPerStandard: true,
    note: '',
    beyondClaim: [
      {
        id: 'sop.cookies.third-party-frame-none-visible',
        why: 'third-party cookie policy hides even the frame’s own cookie: it still shows nothing of another host',
      },
    ],
  },
  C40: {
    holdsPerStandard: true,
    note: 'Holds only while agent clusters are site-keyed: with Origin-Agent-Cluster: ?1 (or origin-keying by default, as Chromium ships) the setter is a no-op (HTML §7.2.5 and whatwg/html#7617).',
    refutedBy: [
      { id: 'sop.dd.both-set-default', engines: ['chromium'], why: 'both pages set document.domain without Origin-Agent-Cluster, and access is still denied' },
    ],
    beyondClaim: [{ id: 'sop.dd.both-set-frame-oac-1', engines: ['webkit'], why: 'grants access even though the frame asked for origin-keying' }],
  },
  C41: {
    holdsPerStandard: true,
    note: '',
    refutedBy: [{ id: 'sop.dd.set-tld', engines: ['webkit'], why: 'document.domain was set to the top-level domain "test"' }],
    beyondClaim: [{ id: 'sop.dd.set-parent-default', engines: ['chromium'], why: 'the setter is a no-op by default: nothing is set at all' }],
  },
  C42: {
    holdsPerStandard: true,
    latitude: true,
    note: 'HTML keeps the setter working by default (site-keyed agent clusters) until whatwg/html#7617 lands; Origin-Agent-Cluster: ?1 makes it a no-op today. Chromium already keys by origin by default.',
  },
  C54: {
    holdsPerStandard: true,
    note: '',
    beyondClaim: [{ id: PREFLIGHT_CACHE, why: 'preflight-cache and wildcard differences: a preflight is still sent where the claim says one is' }],
  },
  C55: {
    holdsPerStandard: true,
    note: '',
    beyondClaim: [
      {
        id: PREFLIGHT_CACHE,
        why: 'the engine does not treat that preflight as rejected (wildcard/cache difference); no actual request follows a preflight it rejects',
      },
    ],
  },
  C56: {
    holdsPerStandard: true,
    note: 'Fetch: `Access-Control-Allow-Headers: *` never covers Authorization (CORS non-wildcard request-header name, Fetch §3.2.3); it must be listed.',
    beyondClaim: [
      { id: 'cors.claims.c56-star-not-authorization', why: 'the headers still decide; the engine lets `*` cover Authorization' },
      { id: PREFLIGHT_CACHE, why: 'preflight-cache differences, not which names the headers allow' },
    ],
  },
  C57: {
    holdsPerStandard: true,
    note: "Fetch: the preflight cache is keyed by origin, URL and credentials, and is consulted regardless of the request's cache mode (§4.8).",
    beyondClaim: [{ id: PREFLIGHT_CACHE, why: 'the engine reuses preflights less often than Fetch allows ("lets" still holds)' }],
  },
  C71: {
    holdsPerStandard: true,
    note: '',
    refutedBy: [
      {
        id: 'sop.sandbox.allow-scripts.lax-cookie-withheld',
        engines: ['webkit'],
        why: "the opaque-origin frame's request carries its own site's SameSite=Lax cookie",
      },
    ],
    beyondClaim: [
      {
        id: 'sop.sandbox.allow-scripts.lax-cookie-withheld',
        engines: THIRD_PARTY_COOKIES,
        why: 'sends no cookies at all (third-party cookie blocking): cut off, as the claim says',
      },
    ],
  },
  C80: {
    holdsPerStandard: true,
    note: 'The standard goes further: COOP same-origin also severs a same-origin popup whose COOP differs (HTML §7.1.3.2 "check if popup COOP values require a browsing context group switch").',
  },
  C81: {
    holdsPerStandard: true,
    note: '',
    beyondClaim: [{ id: /credentialless/, engines: ['webkit'], why: 'COEP credentialless is unsupported: the claim is about require-corp' }],
  },
  C82: {
    holdsPerStandard: true,
    note: '"Only when" holds, but both set is not enough: COOP must be same-origin and COEP require-corp or credentialless, in a secure context (HTML §7.1.3.4, "cross-origin isolation mode").',
    beyondClaim: [
      { id: /credentialless/, engines: ['webkit'], why: 'not isolated with COEP credentialless (unsupported): no isolation without both, as claimed' },
      {
        id: /^isolation\.coi\.(gated\.)?coop-so\.coep-require-corp$/,
        engines: ['webkit'],
        why: 'isolated, as the standard says; only SharedArrayBuffer is missing (C83)',
      },
      {
        id: 'isolation.coi.frame.other-site',
        why: 'a frame inside a page that sets both: the claim does not speak of the permissions policy that gates frames',
      },
    ],
  },
  C83: {
    holdsPerStandard: true,
    note: '"Only when" is a necessary condition; the standard also exposes SharedArrayBuffer in every isolated context, which WebKitGTK does not.',
    beyondClaim: [
      {
        id: /^isolation\.(coi\.(gated\.)?coop-so\.coep-(require-corp|credentialless)|claims\.c83\.sab-isolated|claims\.c82\.credentialless)$/,
        why: 'an isolated (or credentialless) page: the claim only says SharedArrayBuffer is absent when not isolated',
      },
    ],
  },
};

export function claimVerdict(claim: string): ClaimVerdict {
  return CLAIM_VERDICTS[claim] ?? { holdsPerStandard: true, note: '' };
}

/** The first entry of `list` that covers scenario `id` in `engine`. */
export function matchClaim(list: ClaimMatch[] | undefined, id: string, engine: string): ClaimMatch | undefined {
  return (list ?? []).find((m) => (typeof m.id === 'string' ? m.id === id : m.id.test(id)) && (!m.engines || m.engines.includes(engine)));
}

/**
 * Entries that cannot apply to the catalog: a scenario id or pattern that names no scenario (one
 * renamed or removed), an engine that does not exist, a claim that is not a seed claim.
 */
export function staleClaimEntries(catalogIds: string[], engines: string[], claims: string[], table: Record<string, ClaimVerdict> = CLAIM_VERDICTS): string[] {
  const ids = new Set(catalogIds);
  const out: string[] = [];
  for (const [claim, v] of Object.entries(table)) {
    if (!claims.includes(claim)) out.push(`${claim}: not a seed claim`);
    for (const m of [...(v.refutedBy ?? []), ...(v.beyondClaim ?? [])]) {
      const hits = typeof m.id === 'string' ? ids.has(m.id) : catalogIds.some((id) => (m.id as RegExp).test(id));
      if (!hits) out.push(`${claim}: ${m.id} names no scenario of the catalog`);
      for (const e of m.engines ?? []) if (!engines.includes(e)) out.push(`${claim}: ${m.id} names an unknown engine "${e}"`);
    }
  }
  return out;
}
