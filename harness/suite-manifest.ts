/** The workers' view of the suite: the manifest the global setup wrote (see harness/suite.ts). */
import fs from 'node:fs';
import type { SuiteManifest } from './suite.ts';

export const MANIFEST_ENV = 'ORIGINPROOF_SUITE_MANIFEST';

/** The manifest, or undefined in a process the global setup has not run for (test listing). */
export function readManifest(): SuiteManifest | undefined {
  const file = process.env[MANIFEST_ENV];
  return file ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteManifest) : undefined;
}
