/**
 * Picks the build of each engine: Playwright's own where installed, otherwise the system
 * (Debian) build; ORIGINPROOF_<ENGINE>=playwright|system forces one. Never falls back
 * silently from a forced flavour, and never skips a requested engine. The `webdriver` engine
 * is a remote end named by the environment (engines/webdriver.ts), not a build chosen here.
 */
import { chromiumFlavourAvailable, launchChromium } from './chromium.ts';
import { firefoxFlavourAvailable, launchFirefox } from './firefox.ts';
import { webkitFlavourAvailable, launchWebKit } from './webkit.ts';
import { launchWebDriver, WEBDRIVER_ENGINE } from './webdriver.ts';
import { webdriverNetworkOptions } from './webdriver-config.ts';
import type { NetworkOptions } from '../servers/network.ts';
import { ENGINE_NAMES, EngineUnavailableError, type EngineFamily, type EngineName, type EngineSession, type Flavour, type LaunchOptions } from './engine.ts';
import type { Availability } from './executables.ts';

export type AvailabilityTable = Record<EngineFamily, (flavour: Flavour) => Availability>;
const AVAILABLE: AvailabilityTable = { chromium: chromiumFlavourAvailable, firefox: firefoxFlavourAvailable, webkit: webkitFlavourAvailable };

/** Every engine a Playwright project may name. */
export const PROJECT_ENGINES = [...ENGINE_NAMES, WEBDRIVER_ENGINE];

function family(engine: EngineName): EngineFamily {
  if ((ENGINE_NAMES as string[]).includes(engine)) return engine as EngineFamily;
  throw new Error(`originproof: "${engine}" is not an engine; use ${PROJECT_ENGINES.join(', ')}`);
}

export function flavourOverride(engine: EngineName, env: NodeJS.ProcessEnv = process.env): Flavour | undefined {
  const raw = env[`ORIGINPROOF_${engine.toUpperCase()}`];
  if (raw === undefined || raw === '' || raw === 'auto') return undefined;
  if (raw === 'playwright' || raw === 'system') return raw;
  throw new Error(`originproof: ORIGINPROOF_${engine.toUpperCase()}=${raw} is not a flavour; use playwright, system or auto`);
}

/** `available` is what this machine has; tests pass their own table to see both outcomes on any machine. */
export function chooseFlavour(engine: EngineName, env: NodeJS.ProcessEnv = process.env, available: AvailabilityTable = AVAILABLE): Flavour {
  const f = family(engine);
  const forced = flavourOverride(f, env);
  if (forced) {
    const a = available[f](forced);
    if (!a.ok) throw new EngineUnavailableError(f, forced, a.install, a.detail);
    return forced;
  }
  if (available[f]('playwright').ok) return 'playwright';
  const sys = available[f]('system');
  if (sys.ok) return 'system';
  throw new EngineUnavailableError(
    f,
    'system',
    sys.install,
    `${sys.detail}, and Playwright's own build is not installed either (npx playwright install --with-deps ${f})`,
  );
}

/** What an engine needs of its fixture network: nothing special, except a remote end (see webdriver-config.ts). */
export function networkOptionsFor(engine: EngineName, env: NodeJS.ProcessEnv = process.env): NetworkOptions {
  return engine === WEBDRIVER_ENGINE ? webdriverNetworkOptions(env) : {};
}

export async function launchEngine(engine: EngineName, opts: LaunchOptions, env: NodeJS.ProcessEnv = process.env): Promise<EngineSession> {
  if (engine === WEBDRIVER_ENGINE) return launchWebDriver(opts, env);
  const flavour = chooseFlavour(engine, env);
  switch (family(engine)) {
    case 'chromium':
      return launchChromium(flavour, opts);
    case 'firefox':
      return launchFirefox(flavour, opts);
    case 'webkit':
      return launchWebKit(flavour, opts);
  }
}
