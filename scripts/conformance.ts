/**
 * `npm run conformance` (`originproof conformance`): sets up what is missing, runs the conformance
 * suite in every engine, and says where the reports are (in the folder the command runs in).
 * Extra arguments go to `playwright test` (e.g. `npm run conformance -- --project firefox --grep cors/`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ENGINE_NAMES, type EngineName } from '../engines/engine.ts';
import { ensureEngines } from './ensure-engines.ts';
import { ownFile, playwrightTest, requirePlaywrightPeer } from './lib/playwright-cli.ts';

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

const run = playwrightTest(['--config', ownFile('playwright.config'), ...args]);
const reports = [
  ['Playwright HTML report', 'playwright-report/index.html'],
  ['conformance matrix (HTML)', 'results/matrix.html'],
  ['conformance matrix (Markdown)', 'results/matrix.md'],
  ['results (JSON)', 'results/conformance.json'],
] as const;
console.log('\noriginproof reports:');
for (const [what, file] of reports) if (fs.existsSync(file)) console.log(`  ${what}: ${path.resolve(file)}`);
console.log('  open the HTML report with: npx playwright show-report');
process.exit(run.status ?? 1);
