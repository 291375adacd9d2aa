/**
 * The package's main entry (`import { defineConfig } from 'originproof'`): what a user's
 * originproof.config.ts and their own code need, the config's shape and the audit's results.
 * The Playwright fixture is `originproof/fixture` (fixture.ts).
 */
export { defineConfig } from './config.ts';
export type { AuditConfigInput, AuditConfig, ReadIntent, IsolatedIntent, SameSiteOnlyIntent, NotFramedIntent, EmbedAs } from './config.ts';
export type { AuditOutcome } from './judge.ts';
export type { AuditIntent } from './derive.ts';
// Type only (erased): the fixture's options, for a typed Playwright config (`defineConfig<OriginproofFixtureOptions>`).
export type { OriginproofFixtureOptions } from './fixture.ts';
