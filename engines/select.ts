/**
 * Picks the build of each engine: Playwright's own where installed, otherwise the system
 * (Debian) build; ORIGINPROOF_<ENGINE>=playwright|system forces one. Never falls back
 * silently from a forced flavour, and never skips a requested engine.
 */
import { chromiumFlavourAvailable, launchChromium } from './chromium.ts';
import { firefoxFlavourAvailable, launchFirefox } from './firefox.ts';
import { webkitFlavourAvailable, launchWebKit } from './webkit.ts';
import { EngineUnavailableError, type EngineName, type EngineSession, type Flavour, type LaunchOptions } from './engine.ts';

const AVAILABLE = { chromium: chromiumFlavourAvailable, firefox: firefoxFlavourAvailable, webkit: webkitFlavourAvailable };

export function flavourOverride(engine: EngineName, env: NodeJS.ProcessEnv = process.env): Flavour | undefined {
  const raw = env[`ORIGINPROOF_${engine.toUpperCase()}`];
  if (raw === undefined || raw === '' || raw === 'auto') return undefined;
  if (raw === 'playwright' || raw === 'system') return raw;
  throw new Error(`originproof: ORIGINPROOF_${engine.toUpperCase()}=${raw} is not a flavour; use playwright, system or auto`);
}

export function chooseFlavour(engine: EngineName, env: NodeJS.ProcessEnv = process.env): Flavour {
  const forced = flavourOverride(engine, env);
  if (forced) {
    const a = AVAILABLE[engine](forced);
    if (!a.ok) throw new EngineUnavailableError(engine, forced, a.install, a.detail);
    return forced;
  }
  if (AVAILABLE[engine]('playwright').ok) return 'playwright';
  const sys = AVAILABLE[engine]('system');
  if (sys.ok) return 'system';
  throw new EngineUnavailableError(
    engine,
    'system',
    sys.install,
    `${sys.detail}, and Playwright's own build is not installed either (npx playwright install --with-deps ${engine})`,
  );
}

export async function launchEngine(engine: EngineName, opts: LaunchOptions, env: NodeJS.ProcessEnv = process.env): Promise<EngineSession> {
  const flavour = chooseFlavour(engine, env);
  switch (engine) {
    case 'chromium':
      return launchChromium(flavour, opts);
    case 'firefox':
      return launchFirefox(flavour, opts);
    case 'webkit':
      return launchWebKit(flavour, opts);
  }
}
