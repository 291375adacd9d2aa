/** Engine selection: a missing or broken engine fails with the cause and the install command. */
import { test, expect } from '@playwright/test';
import { launchChromium } from '../../engines/chromium.ts';
import { launchFirefox } from '../../engines/firefox.ts';
import { chooseFlavour, flavourOverride } from '../../engines/select.ts';
import { EngineUnavailableError } from '../../engines/engine.ts';
import { launchWebKit, webkitFlavourAvailable } from '../../engines/webkit.ts';
import { descendants } from '../../engines/process-info.ts';
import { startFixtureNetwork } from '../../servers/network.ts';
import { originUrl } from '../../protocol/origins.ts';

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

test('WebKitGTK: a WebDriver that stops answering is replaced, and the visit still opens', async () => {
  test.setTimeout(150_000);
  test.skip(!webkitFlavourAvailable('system').ok, 'WebKitGTK is not installed (the engines test in verdicts.test.ts reports it)');
  const network = await startFixtureNetwork();
  const engine = await launchWebKit('system', { proxyUrl: network.proxy.url });
  const driverPids = () =>
    descendants()
      .filter((p) => p.cmdline[0]?.endsWith('WebKitWebDriver'))
      .map((p) => p.pid);
  try {
    const [hung] = driverPids();
    expect(hung).toBeTruthy();
    process.kill(hung, 'SIGSTOP'); // alive, but answers nothing: what was seen once in a full run
    const opened = await engine.open(`${originUrl('site')}/__op/none`);
    await opened.close();
    expect(driverPids()).not.toContain(hung);
    expect(driverPids()).toHaveLength(1);
  } finally {
    await engine.close();
    await network.close(); // must not wait on the killed browser's connections
  }
});
