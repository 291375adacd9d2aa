/** Engine selection: a missing or broken engine fails with the cause and the install command. */
import { test, expect } from '@playwright/test';
import { launchChromium } from '../../engines/chromium.ts';
import { launchFirefox } from '../../engines/firefox.ts';
import { chooseFlavour, flavourOverride } from '../../engines/select.ts';
import { EngineUnavailableError } from '../../engines/engine.ts';

const proxy = { proxyUrl: 'http://127.0.0.1:9' };

test('a missing Chromium executable names the path and the install command', async () => {
  const err = await launchChromium('system', proxy, '/nonexistent/chromium').catch((e) => e);
  expect(err).toBeInstanceOf(EngineUnavailableError);
  expect(err.message).toContain('/nonexistent/chromium does not exist');
  expect(err.message).toContain('sudo apt-get install -y chromium');
});

test('a missing Firefox executable names the path and the install command', async () => {
  const err = await launchFirefox('system', proxy, '/nonexistent/firefox-esr').catch((e) => e);
  expect(err).toBeInstanceOf(EngineUnavailableError);
  expect(err.message).toContain('sudo apt-get install -y firefox-esr');
});

test('a forced flavour that is not installed fails instead of falling back', () => {
  // Playwright's own builds cannot be downloaded on this network; where they are installed
  // the same call succeeds, so the assertion depends on what the machine has.
  const env = { ORIGINPROOF_WEBKIT: 'playwright' };
  let outcome: string;
  try {
    outcome = chooseFlavour('webkit', env);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineUnavailableError);
    outcome = (e as Error).message;
    expect(outcome).toContain('npx playwright install --with-deps webkit');
  }
  expect(outcome === 'playwright' || outcome.includes('is not available')).toBe(true);
});

test('an unknown flavour in the environment is rejected with the choices', () => {
  expect(() => flavourOverride('firefox', { ORIGINPROOF_FIREFOX: 'nightly' })).toThrow('use playwright, system or auto');
  expect(flavourOverride('firefox', { ORIGINPROOF_FIREFOX: 'system' })).toBe('system');
  expect(flavourOverride('firefox', {})).toBeUndefined();
});

test('a browser that will not start gives a clear error instead of hanging', async () => {
  const err = await launchChromium('system', proxy, '/bin/false').catch((e) => e);
  expect(err).toBeInstanceOf(Error);
  expect(err.message).toContain('Chromium at /bin/false would not start');
});
