/**
 * Serve mode end to end: `scripts/serve.ts --runs 2 --grep sop/origin` (through tsx, as npm would
 * run it, without the bootstrap), then Chromium and Firefox started as plain processes — no
 * automation protocol, only a temporary profile with the proxy, popup permission and the
 * certificate accepted, and the start URL. Both must appear as their own columns with the same
 * verdicts as the same scenarios driven by the harness.
 */
import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { spkiHash } from '../../servers/certificate.ts';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { sandboxSwitches, SYSTEM_CHROMIUM } from '../../engines/chromium.ts';
import { SYSTEM_FIREFOX } from '../../engines/firefox.ts';
import { launchEngine } from '../../engines/select.ts';
import { launchOptions } from '../../engines/engine.ts';
import { ConformanceRunner } from '../../harness/service/runner.ts';
import { planVisits } from '../../harness/plan/planner.ts';
import type { ResultsFile } from '../../harness/judge/results.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { ORIGIN_NAMES, ORIGINS } from '../../protocol/origins.ts';
import { startFixtureNetwork } from '../../servers/network.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const GREP = 'sop/origin';

interface Served {
  proc: ChildProcess;
  proxy: string;
  start: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the serve script and waits for the lines that say where the proxy and start page are. */
async function startServe(args: string[]): Promise<Served> {
  const proc = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/serve.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!/start URL:\s+\S+/.test(out)) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, proxy: /proxy:\s+(\S+)/.exec(out)![1], start: /start URL:\s+(\S+)/.exec(out)![1], output: () => out, exited };
}

/** The certificate the server presents for `host`, fetched through the proxy like a browser would, and checked against `ca`. */
async function presentedCertificate(proxy: string, host: string, port: number, ca: string): Promise<tls.PeerCertificate> {
  const p = new URL(proxy);
  const socket = await new Promise<import('node:net').Socket>((resolve, reject) => {
    http
      .request({ host: p.hostname, port: p.port, method: 'CONNECT', path: `${host}:${port}` })
      .on('connect', (res, s) => (res.statusCode === 200 ? resolve(s) : reject(new Error(`CONNECT ${res.statusCode}`))))
      .on('error', reject)
      .end();
  });
  return new Promise((resolve, reject) => {
    const t = tls.connect({ socket, servername: host, ca }, () => {
      const cert = t.getPeerCertificate();
      t.destroy();
      resolve(cert);
    });
    t.on('error', reject);
  });
}

/**
 * Chromium as a person would start it for the run: a fresh profile that allows popups for the
 * catalog sites (the content setting the page asks for), the proxy, and the local CA's key
 * accepted (Chromium's per-profile way to accept a certificate; trusting the CA on Linux would
 * write to the user's NSS database, which a test must not touch).
 */
function launchPlainChromium(profile: string, proxy: string, caPem: string, url: string): ChildProcess {
  const sites = [...new Set(ORIGIN_NAMES.map((n) => ORIGINS[n].site))];
  const popups = Object.fromEntries(sites.map((s) => [`[*.]${s},*`, { setting: 1 }]));
  fs.mkdirSync(path.join(profile, 'Default'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { content_settings: { exceptions: { popups } } } }));
  const args = [
    '--headless',
    `--user-data-dir=${profile}`,
    `--proxy-server=${proxy}`,
    `--ignore-certificate-errors-spki-list=${spkiHash(caPem)}`,
    // As for the harness's own Chromium: the closed network would refuse its background fetches anyway.
    '--disable-background-networking',
    '--no-first-run',
    '--no-default-browser-check',
    ...sandboxSwitches(),
    url,
  ];
  return spawn(SYSTEM_CHROMIUM, args, { stdio: 'ignore', detached: true });
}

/**
 * Firefox with a fresh profile: the PAC file, popups allowed, and each https origin's
 * certificate accepted the way Firefox records a person's "Accept the risk" (cert_override.txt).
 */
function launchPlainFirefox(profile: string, proxy: string, leafFingerprint: string, url: string): ChildProcess {
  fs.mkdirSync(profile, { recursive: true });
  const prefs: Record<string, string | number | boolean> = {
    'network.proxy.type': 2,
    'network.proxy.autoconfig_url': `${proxy}/proxy.pac`,
    'dom.disable_open_during_load': false,
    // A profile's first start would otherwise open welcome and default-browser pages.
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.aboutwelcome.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
  };
  fs.writeFileSync(
    path.join(profile, 'user.js'),
    Object.entries(prefs)
      .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});\n`)
      .join(''),
  );
  const https = ORIGIN_NAMES.map((n) => ORIGINS[n]).filter((o) => o.scheme === 'https');
  // host:port:<origin attributes> TAB algorithm TAB fingerprint TAB (no longer used) TAB db key (display only)
  const lines = https.map((o) => `${o.host}:${o.port}:\tOID.2.16.840.1.101.3.4.2.1\t${leafFingerprint}\t\toriginproof`);
  fs.writeFileSync(path.join(profile, 'cert_override.txt'), `# PSM Certificate Override Settings file\n${lines.join('\n')}\n`);
  return spawn(SYSTEM_FIREFOX, ['-headless', '-no-remote', '-profile', profile, url], { stdio: 'ignore', detached: true });
}

function killTree(p: ChildProcess) {
  try {
    if (p.pid) process.kill(-p.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The same scenarios driven by the harness, for comparison. */
async function automatedVerdicts(engineName: 'chromium' | 'firefox'): Promise<Record<string, string>> {
  const scenarios = loadCatalog().filter((s) => s.area === GREP);
  const network = await startFixtureNetwork();
  const engine = await launchEngine(engineName, launchOptions(network));
  try {
    const runner = new ConformanceRunner(network, engine, planVisits(scenarios));
    const out: Record<string, string> = {};
    for (const s of scenarios) out[s.id] = (await runner.run(s)).verdict;
    return out;
  } finally {
    await engine.close();
    await network.close();
  }
}

test('serve --runs 2: plain Chromium and Firefox each become a column with the automated verdicts', async () => {
  test.setTimeout(400_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-serve-'));
  const results = path.join(tmp, 'results.json');
  const served = await startServe([
    '--runs',
    '2',
    '--grep',
    GREP,
    '--ca-dir',
    path.join(tmp, 'ca'),
    '--results',
    results,
    '--matrix-dir',
    path.join(tmp, 'matrix'),
  ]);
  const browsers: ChildProcess[] = [];
  try {
    const caPem = fs.readFileSync(path.join(tmp, 'ca', 'originproof-ca.pem'), 'utf8');
    // The leaf chains to the local CA (the TLS handshake checks it against that CA alone).
    const leaf = await presentedCertificate(served.proxy, 'site.test', 443, caPem);
    expect(leaf.subjectaltname).toContain('DNS:sub.other.test');
    const start = `${served.start}?autostart=1&name=plain-process`;
    // --runs 2: the server waits for both, however far apart their starts are on a loaded machine.
    browsers.push(launchPlainFirefox(path.join(tmp, 'firefox'), served.proxy, leaf.fingerprint256, start));
    browsers.push(launchPlainChromium(path.join(tmp, 'chromium'), served.proxy, caPem, start));
    const code = await Promise.race([served.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 240_000))]);
    expect(code, served.output()).toBe(0);
  } finally {
    browsers.forEach(killTree);
    served.proc.kill('SIGTERM');
  }
  const file = JSON.parse(fs.readFileSync(results, 'utf8')) as ResultsFile;
  const columns = file.engines.map((e) => e.engine).sort();
  expect(columns, served.output()).toEqual([
    expect.stringMatching(/^person-chrome-\d+-plain-process$/),
    expect.stringMatching(/^person-firefox-\d+-plain-process$/),
  ]);
  const verdictsOf = (column: string) => Object.fromEntries(file.rows.filter((r) => r.engine === column).map((r) => [r.id, r.verdict]));
  const expected = { chromium: await automatedVerdicts('chromium'), firefox: await automatedVerdicts('firefox') };
  for (const info of file.engines) {
    const verdicts = Object.values(verdictsOf(info.engine));
    console.log(`serve self-test: ${info.engine} (${info.browser}): ${verdicts.length} rows, ${verdicts.filter((v) => v === 'pass').length} pass`);
    expect(info.flavour).toBe('person');
    expect(info.family === 'chromium' || info.family === 'firefox').toBe(true);
    expect(verdictsOf(info.engine), `${info.engine}: ${served.output()}`).toEqual(expected[info.family as 'chromium' | 'firefox']);
  }
  expect(fs.existsSync(path.join(tmp, 'matrix', 'matrix.html'))).toBe(true);
  fs.rmSync(tmp, { recursive: true, force: true });
});
