/**
 * Playwright global setup of the conformance suite (playwright.config.ts): the manifest of this
 * run's visits and the visit service for this folder's composition root, suite.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSuiteService } from '../harness/service/global-setup.ts';
import { MANIFEST_ENV } from '../harness/playwright/suite-manifest.ts';
import { parsingRequested } from '../scenarios/parsing/index.ts';
import { writeManifest } from './conformance.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Whether the run includes the parsing area: decided here, from Playwright's command line, and
  // passed on in the environment the service inherits (the manifest lists its visits).
  parsingRequested();
  const here = fileURLToPath(import.meta.url);
  const suiteModule = path.join(path.dirname(here), `conformance${path.extname(here)}`);
  return startSuiteService({ suiteModule, manifestEnv: MANIFEST_ENV, writeManifest, tmpPrefix: 'originproof-suite-' });
}
