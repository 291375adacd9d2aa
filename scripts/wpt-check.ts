/**
 * Opens exported tests in a web-platform-tests server and records each subtest's result per engine:
 *   npx tsx scripts/wpt-check.ts --base https://web-platform.test:8443/originproof [--engines chromium,firefox,webkit]
 *        [--out results.json] [--address-spaces PUBLIC_PORT,LOCAL_PORT] [name...]
 *   npx tsx scripts/wpt-check.ts --table results.json   (the agreement table of an earlier run)
 * The exports (docs/wpt/<name>/) must already be in the checkout under the base path, served by
 * `./wpt serve`. WPT's host names resolve to 127.0.0.1 without a hosts file: Chromium by
 * --host-resolver-rules, Firefox by network.dns.localDomains, WebKitGTK by a PAC file. The engines
 * run as originproof runs them (Chromium without Playwright's boundary-relevant --disable-features,
 * Firefox with the shipped cookie and HTTPS-First defaults). Results are read from testharness.js's
 * own output (#summary, #results). With --address-spaces (the ports `./wpt serve` gives
 * `https-public` and `https-private`), those endpoints are placed in the public and local address
 * spaces as WPT's runner does (Chromium --ip-address-space-overrides, Firefox
 * network.lna.address_space.*.override); the server's own port stays loopback. Run it under the browser lock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, firefox, type Browser, type Page } from '@playwright/test';
import { DISABLED_FEATURES, PLAYWRIGHT_DISABLED_FEATURES, SYSTEM_CHROMIUM, sandboxSwitches } from '../engines/chromium.ts';
import { harnessPrefs } from '../engines/firefox-prefs.ts';
import { runInWebKit } from './lib/wpt-webkit.ts';
import { agreements, agreementTable } from './lib/wpt-agreement.ts';
import type { SubtestResult, TestResult } from './lib/wpt-results.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WPT_HOSTS = ['web-platform.test', 'not-web-platform.test'].flatMap((h) => [
  h,
  ...['www', 'www1', 'www2', 'xn--n8j6ds53lwwkrqhv28a', 'xn--lve-6lad'].map((s) => `${s}.${h}`),
]);

/** testharness.js's own output once the harness completed (#summary is rendered then), or null before. */
export const READ_RESULTS = `(() => {
  const summary = document.getElementById('summary');
  if (!summary) return null;
  const harness = ((summary.textContent.match(/Harness status: (OK|Error|Timeout|Precondition Failed)/) || [])[1] || '?').trim().toUpperCase();
  const tests = [...document.querySelectorAll('#results > tbody > tr')].map((tr) => {
    const td = tr.querySelectorAll('td');
    const message = td[2] && td[2].childNodes[0] ? td[2].childNodes[0].textContent.trim() : '';
    return { name: td[1].textContent, status: td[0].textContent.trim().toUpperCase().replace(/ /g, '_'), message: message || null };
  });
  return { harness, tests };
})()`;

export const toResult = (test: string, raw: { harness: string; tests: SubtestResult[] }): TestResult => ({ test, harness: raw.harness, subtests: raw.tests });

/**
 * A manual test's click: outside automation WPT's test_driver.click waits for the person to click;
 * the exports mark that element data-manual-click while they wait, and it is clicked here as a user
 * would (a real input event, in whichever frame it is).
 */
async function clickWhenAsked(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    const el = await frame.$('[data-manual-click]').catch(() => null);
    if (el) await el.click({ timeout: 2000 }).catch(() => undefined);
  }
}

async function runInPlaywright(browser: Browser, urls: string[], certSwitch: boolean): Promise<TestResult[]> {
  const out: TestResult[] = [];
  for (const url of urls) {
    const context = await browser.newContext({ ignoreHTTPSErrors: !certSwitch });
    const page = await context.newPage();
    const started = Date.now();
    try {
      await page.goto(url, { timeout: 30_000 });
      let raw: { harness: string; tests: SubtestResult[] } | null = null;
      while (!raw && Date.now() - started < 60_000) {
        await clickWhenAsked(page);
        raw = (await page.evaluate(READ_RESULTS)) as typeof raw;
        if (!raw) await page.waitForTimeout(100);
      }
      if (!raw) throw new Error('no testharness.js results within 60 s');
      out.push({ ...toResult(url, raw), ms: Date.now() - started });
    } catch (e) {
      out.push({ test: url, harness: `DRIVER-ERROR ${(e as Error).message.split('\n')[0]}`, subtests: [] });
    }
    await context.close();
  }
  return out;
}

/** The address-space ports, as `PUBLIC,LOCAL`, or undefined. */
type Spaces = { public: string; local: string } | undefined;

async function launch(engine: string, spaces: Spaces): Promise<Browser> {
  if (engine === 'chromium') {
    const rules = WPT_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ');
    return chromium.launch({
      executablePath: SYSTEM_CHROMIUM,
      // As originproof runs it: Playwright's boundary-relevant feature switches left out.
      ignoreDefaultArgs: [`--disable-features=${PLAYWRIGHT_DISABLED_FEATURES.join(',')}`],
      args: [
        `--host-resolver-rules=${rules}`,
        `--disable-features=${DISABLED_FEATURES.join(',')}`,
        ...sandboxSwitches(),
        ...(spaces ? [`--ip-address-space-overrides=127.0.0.1:${spaces.public}=public,127.0.0.1:${spaces.local}=local`] : []),
        // WPT's certificate is not trusted here: accepted by the context (Playwright) or by a switch (WPT_CHECK_CERT_SWITCH=1),
        // which a shared worker's requests need (the context's acceptance does not reach them).
        ...(process.env.WPT_CHECK_CERT_SWITCH ? ['--ignore-certificate-errors'] : []),
      ],
    });
  }
  const prefs = {
    ...harnessPrefs('http://127.0.0.1:9'),
    'network.proxy.type': 0,
    'network.dns.localDomains': WPT_HOSTS.join(','),
    ...(spaces
      ? { 'network.lna.address_space.public.override': `127.0.0.1:${spaces.public}`, 'network.lna.address_space.private.override': `127.0.0.1:${spaces.local}` }
      : {}),
  };
  return firefox.launch({ channel: 'moz-firefox', executablePath: '/usr/bin/firefox-esr', firefoxUserPrefs: prefs, timeout: 60_000 });
}

async function main(argv: string[]): Promise<void> {
  const opt = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
  const table = opt('--table');
  if (table) {
    const saved = JSON.parse(fs.readFileSync(table, 'utf8')) as Record<string, TestResult[]>;
    return void console.log(agreementTable(agreements(saved), Object.keys(saved)));
  }
  const base = opt('--base');
  if (!base)
    throw new Error(
      'usage: npx tsx scripts/wpt-check.ts --base https://web-platform.test:8443/originproof [--engines chromium,firefox,webkit] [--out FILE] [name...]',
    );
  const engines = (opt('--engines') ?? 'chromium,firefox,webkit').split(',');
  const flags = new Set(['--base', '--engines', '--out', '--table', '--address-spaces'].map((f) => opt(f)));
  const ports = opt('--address-spaces')?.split(',');
  const spaces: Spaces = ports?.length === 2 ? { public: ports[0], local: ports[1] } : undefined;
  const names = argv.filter((a) => !a.startsWith('--') && !flags.has(a));
  const all = fs.readdirSync(path.join(root, 'docs', 'wpt')).filter((n) => fs.statSync(path.join(root, 'docs', 'wpt', n)).isDirectory());
  const urls = (names.length ? names : all).map((n) => `${base}/${n}/${n}.https.html`);
  const results: Record<string, TestResult[]> = {};
  for (const engine of engines) {
    if (engine === 'webkit') results[engine] = await runInWebKit(urls, READ_RESULTS, WPT_HOSTS);
    else {
      const browser = await launch(engine, spaces);
      results[engine] = await runInPlaywright(browser, urls, engine === 'chromium' && !!process.env.WPT_CHECK_CERT_SWITCH);
      await browser.close();
    }
    for (const r of results[engine]) {
      console.log(engine, r.harness, r.subtests.map((s) => s.status).join(','), r.test.split('/').pop(), `${r.ms} ms`);
      for (const s of r.subtests.filter((x) => x.status !== 'PASS')) console.log(`    ${s.status} ${s.name}: ${s.message}`);
    }
  }
  const out = opt('--out');
  if (out) fs.writeFileSync(out, JSON.stringify(results, null, 1) + '\n');
  const rows = agreements(results);
  console.log(agreementTable(rows, engines));
  console.log(`${rows.filter((r) => r.agrees).length} of ${rows.length} agree with originproof's recorded verdicts`);
}

await main(process.argv.slice(2));
