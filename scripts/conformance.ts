/**
 * `npm run conformance` (`originproof conformance`): sets up what is missing, runs the conformance
 * suite in every engine, and says where the reports are (in the folder the command runs in).
 * Extra arguments go to `playwright test` (e.g. `npm run conformance -- --project firefox --grep cors/`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ENGINE_NAMES, type EngineName } from '../engines/engine.ts';
import { ensureEngines } from './ensure-engines.ts';
import { ownFile, playwrightTestAsync, requirePlaywrightPeer } from './lib/playwright-cli.ts';
import { startEarlyService } from '../harness/service/early-service.ts';
import { parsingRequested } from '../scenarios/parsing/requested.ts';

const args = process.argv.slice(2);

function requestedEngines(): EngineName[] {
  const picked: EngineName[] = [];
  args.forEach((a, i) => {
    const value = a.startsWith('--project=') ? a.slice(10) : a === '--project' ? args[i + 1] : undefined;
    if (value && (ENGINE_NAMES as string[]).includes(value)) picked.push(value as EngineName);
  });
  return picked.length ? picked : ENGINE_NAMES;
}

requirePlaywrightPeer();
ensureEngines(requestedEngines());

// The visit service (catalog, fixture network, engines and their canaries) starts now, beside
// Playwright's listing of the tests, not after it; the parsing area's choice is made here for both.
parsingRequested(args);
const listingOnly = args.some((a) => ['--list', '--help', '-h'].includes(a));
const early = listingOnly ? undefined : startEarlyService(ownFile('suites', 'conformance'), requestedEngines());
const status = await playwrightTestAsync(['--config', ownFile('playwright.config'), ...args], { env: { ...process.env, ...early?.env } });
await early?.stop();
const reports = [
  ['Playwright HTML report', 'playwright-report/index.html'],
  ['conformance matrix (HTML)', 'results/matrix.html'],
  ['conformance matrix (Markdown)', 'results/matrix.md'],
  ['results (JSON)', 'results/conformance.json'],
] as const;
console.log('\noriginproof reports:');
for (const [what, file] of reports) if (fs.existsSync(file)) console.log(`  ${what}: ${path.resolve(file)}`);
console.log('  open the HTML report with: npx playwright show-report');
process.exit(status);
