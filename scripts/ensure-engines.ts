/**
 * Makes sure the requested engines exist before a run: installs the missing Debian builds when
 * running as root with apt-get, otherwise stops and prints the exact command. Never skips an
 * engine. Used by `npm run conformance` and `npm test`; run directly it checks all three.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENGINE_NAMES, EngineUnavailableError, type EngineName } from '../engines/engine.ts';
import { chooseFlavour } from '../engines/select.ts';

/** Debian packages that provide each engine's system build. */
const DEBIAN_PACKAGES: Record<EngineName, string[]> = {
  chromium: ['chromium'],
  firefox: ['firefox-esr'],
  webkit: ['webkit2gtk-driver', 'xvfb'],
};

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

/**
 * Returns normally when every engine is there; exits the process with the install command otherwise
 * (with `exitCode`: the audit's 2, so a CI never reads a missing engine as a broken intent).
 */
export function ensureEngines(engines: EngineName[], exitCode = 1): void {
  let missing = missingEngines(engines);
  const forced = missing.filter((m) => m.error.flavour === 'playwright');
  if (forced.length) {
    // A forced Playwright build is never replaced by another flavour.
    for (const m of forced) console.error(m.error.message);
    process.exit(exitCode);
  }
  if (!missing.length) return;
  const packages = [...new Set(missing.flatMap((m) => DEBIAN_PACKAGES[m.engine]))];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    console.log(`originproof: installing the missing engines from Debian: ${packages.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', ...packages], { stdio: 'inherit', env });
    if (r.status !== 0) process.exit(exitCode);
    missing = missingEngines(engines);
  }
  if (!missing.length) return;
  for (const m of missing) console.error(m.error.message);
  console.error(
    `\nInstall every missing engine at once with:\n  sudo apt-get install -y ${packages.join(' ')}\nor Playwright's builds with:\n  npx playwright install --with-deps ${missing.map((m) => m.engine).join(' ')}`,
  );
  process.exit(exitCode);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) ensureEngines(ENGINE_NAMES);
