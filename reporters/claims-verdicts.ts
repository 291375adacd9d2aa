/**
 * Per seed claim: does the claim agree with the current standards? The report decides whether
 * a claim "holds" in an engine from its scenarios' verdicts, and scenarios always expect what the
 * STANDARD says. So when a claim is wrong per the standard (an explainer simplified, or described
 * an older browser), a passing scenario means the claim does NOT hold. Record such claims here:
 *
 *   C99: { holdsPerStandard: false, note: 'The standard says X (Fetch §n); the claim says Y.' },
 *
 * Claims not listed default to { holdsPerStandard: true }. Scenario authors: extend this map
 * (small, local edits) when you find a claim the standard contradicts; cite the section in `note`.
 * A note on a claim that does agree with the standard (a caveat worth showing) is welcome too.
 */
export interface ClaimVerdict {
  /** true: the claim says what the standard says, so standard behaviour = the claim holds. */
  holdsPerStandard: boolean;
  /** Why, with the standard's section; shown next to the claim in the report. */
  note: string;
}

export const CLAIM_VERDICTS: Record<string, ClaimVerdict> = {};

export function claimVerdict(claim: string): ClaimVerdict {
  return CLAIM_VERDICTS[claim] ?? { holdsPerStandard: true, note: '' };
}
