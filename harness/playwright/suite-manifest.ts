/**
 * The workers' view of the conformance suite: the manifest the global setup wrote (written by
 * suites/conformance.ts). Only types and a JSON read: workers load no catalog (that module says why).
 */
import fs from 'node:fs';

export interface ManifestScenario {
  id: string;
  area: string;
  claims: string[];
  spec: Array<{ url: string; section: string }>;
  /** Engines with a recorded deviation (tagged @deviation-<engine> in the report). */
  deviations: string[];
}

export interface ManifestVisit {
  key: string;
  at: string;
  /** How long a test of this visit may wait for its row: the whole visit's bound, twice, plus the engine's start. */
  testTimeoutMs: number;
  scenarios: ManifestScenario[];
}

/** A parsing visit: one test stands for all its variants (tests/conformance/parsing.spec.ts says why). */
export interface ParsingManifestVisit {
  key: string;
  area: string;
  testTimeoutMs: number;
  ids: string[];
}

export interface SuiteManifest {
  visits: ManifestVisit[];
  parsing: ParsingManifestVisit[];
}

export const MANIFEST_ENV = 'ORIGINPROOF_SUITE_MANIFEST';

/** The manifest, or undefined in a process the global setup has not run for (test listing). */
export function readManifest(): SuiteManifest | undefined {
  const file = process.env[MANIFEST_ENV];
  return file ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteManifest) : undefined;
}
