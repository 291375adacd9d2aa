/**
 * `npm run conformance`: sets up what is missing, runs the conformance suite in every engine,
 * and says where the reports are. Extra arguments go to `playwright test`
 * (e.g. `npm run conformance -- --project firefox --grep cors/`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ENGINE_NAMES, EngineUnavailableError, type EngineName } from '../engines/engine.ts';
import { chooseFlavour } from '../engines/select.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const args = process.argv.slice(2);

/** Debian packages that provide each engine's system build. */
const DEBIAN_PACKAGES: Record<EngineName, string[]> = {
  chromium: ['chromium'],
  firefox: ['firefox-esr'],
  webkit: ['webkit2gtk-driver', 'xvfb'],
};

function requestedEngines(): EngineName[] {
  const picked: EngineName[] = [];
  args.forEach((a, i) => {
    const value = a.startsWith('--project=') ? a.slice(10) : a === '--project' ? args[i + 1] : undefined;
    if (value && (ENGINE_NAMES as string[]).includes(value)) picked.push(value as EngineName);
  });
  return picked.length ? picked : ENGINE_NAMES;
}

function missingEngines(engines: EngineName[]): Array<{ engine: EngineName; error: EngineUnavailableError }> {
  const missing: Array<{ engine: EngineName; error: EngineUnavailableError }> = [];
  for (const engine of engines) {
    try {
      chooseFlavour(engine);
    } catch (e) {
      if (e instanceof EngineUnavailableError) missing.push({ engine, error: e });
      else throw e;
    }
  }
  return missing;
}

let missing = missingEngines(requestedEngines());
const forced = missing.filter((m) => m.error.flavour === 'playwright');
if (forced.length) {
  // A forced Playwright build is never replaced by another flavour.
  for (const m of forced) console.error(m.error.message);
  process.exit(1);
}
if (missing.length) {
  const packages = [...new Set(missing.flatMap((m) => DEBIAN_PACKAGES[m.engine]))];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    console.log(`originproof: installing the missing engines from Debian: ${packages.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', ...packages], { stdio: 'inherit', env });
    if (r.status !== 0) process.exit(r.status ?? 1);
    missing = missingEngines(requestedEngines());
  }
  if (missing.length) {
    for (const m of missing) console.error(m.error.message);
    console.error(`\nInstall every missing engine at once with:\n  sudo apt-get install -y ${packages.join(' ')}\nor Playwright's builds with:\n  npx playwright install --with-deps ${missing.map((m) => m.engine).join(' ')}`);
    process.exit(1);
  }
}

const run = spawnSync('npx', ['playwright', 'test', ...args], { stdio: 'inherit' });
const reports = [
  ['Playwright HTML report', 'playwright-report/index.html'],
  ['conformance matrix (HTML)', 'results/matrix.html'],
  ['conformance matrix (Markdown)', 'results/matrix.md'],
  ['results (JSON)', 'results/conformance.json'],
] as const;
console.log('\noriginproof reports:');
for (const [what, file] of reports) if (fs.existsSync(file)) console.log(`  ${what}: ${path.join(root, file)}`);
console.log('  open the HTML report with: npx playwright show-report');
process.exit(run.status ?? 1);
