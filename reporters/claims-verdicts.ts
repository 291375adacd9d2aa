/**
 * Claim verdicts are catalog data and live beside the scenarios they judge
 * (scenarios/claim-verdicts.ts, checked against the catalog by tests/selftest/side-tables.test.ts);
 * the reports read them from here.
 */
export { CLAIM_VERDICTS, claimVerdict, matchClaim, type ClaimMatch, type ClaimVerdict } from '../scenarios/claim-verdicts.ts';
