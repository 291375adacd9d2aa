/**
 * Serve mode without a browser: a run's life through the real fixture network (a scripted
 * client plays the browser's part of the protocol), the local CA's files and chain, the proxy
 * beyond loopback, the PAC file, the clearing chain and the results file's columns.
 */
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import crypto from 'node:crypto';
import { startFixtureNetwork, type FixtureNetwork } from '../../servers/network.ts';
import { catalogSites, createLeafCertificate, insideRepository, loadOrCreateLocalCa, nameConstraintsDer } from '../../servers/certificate.ts';
import * as x509 from '@peculiar/x509';
import { spawnSync } from 'node:child_process';
import { validateScenarios, type ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { ResultsFile } from '../../harness/judge/results.ts';
import { DATA } from '../../scenarios/lib.ts';
import { clearStatePlugin, isCatalogUrl } from '../../servers/clear-state.ts';
import { pacFile } from '../../servers/pac.ts';
import { ResultsSink } from '../../serve/results-sink.ts';
import { MAX_ACTIVE_RUNS, ServeController } from '../../serve/server.ts';
import { columnName, identify } from '../../serve/user-agent.ts';

const tmpDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `originproof-${name}-`));

/** A plain-HTTP request through the proxy (absolute form), as a browser sends it. */
function viaProxy(proxy: string, url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const p = new URL(proxy);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: p.hostname, port: p.port, method: init.method ?? 'GET', path: url, headers: { host: new URL(url).host, ...init.headers } },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

// Three pages on three http origins: three visits, the second with two scenarios.
const sameOriginFetch = (id: string, at: 'httpSite' | 'httpSub' | 'httpOther'): ScenarioOf<'fetch'> => ({
  id,
  area: 'selftest/serve',
  title: 'same-origin fetch',
  spec: ['corsCheck'],
  page: { at },
  responses: { data: DATA },
  probe: { kind: 'fetch', params: { target: { at, response: 'data' } }, timeoutMs: 500 },
  expect: { blocked: false, observation: { resolved: true } },
});
const CATALOG = validateScenarios('tests/selftest/serve-machinery.test.ts', [
  sameOriginFetch('selftest.serve.one', 'httpSite'),
  sameOriginFetch('selftest.serve.two-a', 'httpSub'),
  sameOriginFetch('selftest.serve.two-b', 'httpSub'),
  sameOriginFetch('selftest.serve.three', 'httpOther'),
]);
const FIREFOX_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0';

async function servedNetwork(results: string, quietLimitMs: number): Promise<{ network: FixtureNetwork; controller: ServeController }> {
  const sink = new ResultsSink(results, { html: `${results}.html`, markdown: `${results}.md`, wptreport: (e) => `${results}.${e}.json` });
  const controller = new ServeController({ scenarios: CATALOG, sink, quietLimitMs, certificate: {}, log: () => undefined });
  const network = await startFixtureNetwork({ plugins: [clearStatePlugin, controller.plugin], pac: pacFile });
  controller.attach(network.store);
  return { network, controller };
}

/** Plays the run window: asks for the next visit, loads its page, returns the plan the page would run. */
async function nextVisit(proxy: string, nextUrl: string) {
  const next = await viaProxy(proxy, nextUrl);
  expect(next.status).toBe(302);
  const chain = new URL(next.headers.location!);
  expect(chain.pathname).toBe('/__op/clear/0');
  const visitUrl = chain.searchParams.get('to')!;
  // The visit's secret rides in the fragment, never in the query the server sees.
  expect(visitUrl).not.toContain('op-secret');
  const secret = /^#op-secret=([0-9a-f]{32})$/.exec(chain.hash)![1];
  const page = await viaProxy(proxy, visitUrl);
  const plan = JSON.parse(/<script type="application\/json" id="op-plan">([\s\S]*?)<\/script>/.exec(page.body)![1]) as {
    visitId: string;
    page: { url: string };
    probes: Array<{ key: string }>;
    then: string;
  };
  return { ...plan, secret };
}

function report(proxy: string, plan: { visitId: string; page: { url: string }; secret: string }, observations: Record<string, unknown>, done: boolean) {
  const origin = new URL(plan.page.url).origin;
  const self = { origin, href: plan.page.url, userAgent: FIREFOX_UA, isSecureContext: false, crossOriginIsolated: false };
  return viaProxy(proxy, `${origin}/__op/results/${plan.visitId}`, {
    method: 'POST',
    body: JSON.stringify({ visitId: plan.visitId, self, observations, done, secret: plan.secret }),
  });
}

test('a run: finished visits keep their verdicts, a browser that goes quiet leaves the rest not-run', async () => {
  test.setTimeout(60_000);
  const dir = tmpDir('serve-run');
  const results = path.join(dir, 'results.json');
  const { network, controller } = await servedNetwork(results, 500);
  try {
    const proxy = network.proxy.url;
    const created = await viaProxy(proxy, 'http://site.test/__op/serve/api/runs', {
      method: 'POST',
      body: '{"name":"scripted"}',
      headers: { 'user-agent': FIREFOX_UA, 'x-op-serve-token': controller.token, origin: 'http://site.test', 'sec-fetch-site': 'same-origin' },
    });
    const run = JSON.parse(created.body) as { id: string; column: string; next: string };
    expect(run.column).toBe('person-firefox-153-scripted');

    const first = await nextVisit(proxy, `http://site.test${run.next}`);
    expect(first.then).toBe(run.next);
    expect((await report(proxy, first, { 'selftest.serve.one': { resolved: true } }, true)).status).toBe(204);

    // The page comes back for the next visit on its own origin; this one reports half, then the browser is gone.
    const second = await nextVisit(proxy, `${new URL(first.page.url).origin}${first.then}`);
    expect(second.probes.map((p) => p.key).sort()).toEqual(['selftest.serve.two-a', 'selftest.serve.two-b']);
    await report(proxy, second, { 'selftest.serve.two-a': { resolved: false, error: 'TypeError' } }, false);

    const deadline = Date.now() + 30_000;
    while (controller.runs.get(run.id)!.state !== 'stopped' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const file = JSON.parse(fs.readFileSync(results, 'utf8')) as ResultsFile;
    const verdicts = Object.fromEntries(file.rows.map((r) => [r.id, r.verdict]));
    expect(verdicts).toEqual({
      'selftest.serve.one': 'pass',
      'selftest.serve.two-a': 'fail',
      'selftest.serve.two-b': 'not-run',
      'selftest.serve.three': 'not-run',
    });
    expect(file.rows.find((r) => r.id === 'selftest.serve.three')!.reason).toContain('nothing was heard from the run window');
    expect(file.engines).toEqual([
      expect.objectContaining({ engine: 'person-firefox-153-scripted', family: 'firefox', flavour: 'person', executable: FIREFOX_UA }),
    ]);
    expect(file.totals['person-firefox-153-scripted']).toEqual({ pass: 1, fail: 1, 'not-run': 2 });
  } finally {
    controller.close();
    await network.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('two browsers at once get two columns; the same browser twice gets a numbered one', async () => {
  const dir = tmpDir('serve-columns');
  const { network, controller } = await servedNetwork(path.join(dir, 'r.json'), 30_000);
  try {
    const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
    const cols = [controller.createRun(chrome, undefined), controller.createRun(FIREFOX_UA, undefined), controller.createRun(chrome, undefined)].map(
      (r) => r.info.engine,
    );
    expect(cols).toEqual(['person-chrome-156', 'person-firefox-153', 'person-chrome-156-2']);
    controller.stopAll('test over');
  } finally {
    controller.close();
    await network.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('serve refuses control requests from other sites, bounds and slugs names, never replaces a stored column, bounds runs', async () => {
  const dir = tmpDir('serve-hostile');
  const results = path.join(dir, 'r.json');
  const { network, controller } = await servedNetwork(results, 30_000);
  const start = (headers: Record<string, string>, name = 'alice') =>
    viaProxy(network.proxy.url, 'http://site.test/__op/serve/api/runs', {
      method: 'POST',
      body: JSON.stringify({ name }),
      headers: { 'user-agent': FIREFOX_UA, ...headers },
    });
  try {
    const token = controller.token;
    const page = await viaProxy(network.proxy.url, 'http://site.test/__op/serve/');
    expect(page.body).toContain(token);
    const refused: Array<[Record<string, string>, RegExp]> = [
      [{ 'x-op-serve-token': token, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, /another site/],
      [{ 'x-op-serve-token': token, origin: 'https://evil.example' }, /from https:\/\/evil\.example/],
      [{ 'sec-fetch-site': 'same-origin', origin: 'http://site.test' }, /without the start page's token/],
      [{ 'x-op-serve-token': 'f'.repeat(32), 'sec-fetch-site': 'same-origin' }, /without the start page's token/],
    ];
    for (const [headers, why] of refused) {
      const r = await start(headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.body).toMatch(why);
    }
    expect(controller.runs.size).toBe(0);

    // A column already in the results file (an earlier run of this person) is kept; the new run gets its own.
    new ResultsSink(results, { html: `${results}.html`, markdown: `${results}.md`, wptreport: (e) => `${results}.${e}.json` }).writeColumn(
      {
        engine: 'person-firefox-153-alice',
        flavour: 'person',
        backend: 'person (proxy + start URL)',
        browser: 'Firefox 153',
        version: '153',
        executable: FIREFOX_UA,
        commandLine: [],
        nonDefault: [],
      },
      [],
    );
    const own = { 'x-op-serve-token': token, 'sec-fetch-site': 'same-origin', origin: 'http://site.test' };
    const ok = JSON.parse((await start(own)).body) as { column: string };
    expect(ok.column).toBe('person-firefox-153-alice-2');
    const typed = JSON.parse((await start(own, '../../<script>x</script> ' + 'y'.repeat(500))).body) as { column: string };
    expect(typed.column).toMatch(/^person-firefox-153-script-x-script-y+$/);
    expect(typed.column.length).toBeLessThanOrEqual(63);
    for (let i = controller.active.length; i < MAX_ACTIVE_RUNS; i++) expect((await start(own, `n${i}`)).status).toBe(201);
    const flood = await start(own, 'one-too-many');
    expect(flood.status).toBe(429);
    expect(flood.body).toMatch(/runs are going already/);
    controller.stopAll('test over');
  } finally {
    controller.close();
    await network.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the local CA carries critical name constraints: it signs for the catalog sites and nothing else', async () => {
  const dir = tmpDir('serve-ca-names');
  try {
    const ca = await loadOrCreateLocalCa(path.join(dir, 'ca'));
    const ext = new x509.X509Certificate(ca.cert).getExtension('2.5.29.30');
    expect(ext?.critical).toBe(true);
    expect(Buffer.from(ext!.value)).toEqual(nameConstraintsDer(catalogSites()));
    expect(catalogSites()).toEqual(expect.arrayContaining(['site.test', 'other.test']));
    // A verifier (OpenSSL here, browsers alike) refuses a leaf this CA signed for a name outside them.
    const first = (pem: string) => pem.split(/(?<=-----END CERTIFICATE-----\n)/)[0];
    fs.writeFileSync(path.join(dir, 'catalog.pem'), first((await createLeafCertificate(ca)).cert));
    fs.writeFileSync(path.join(dir, 'bank.pem'), first((await createLeafCertificate(ca, ['bank.example'])).cert));
    const verify = (leaf: string) => spawnSync('openssl', ['verify', '-CAfile', ca.certFile, path.join(dir, leaf)], { encoding: 'utf8' });
    test.skip(verify('catalog.pem').error !== undefined, 'no openssl on this machine');
    expect(verify('catalog.pem').status).toBe(0);
    const bank = verify('bank.pem');
    expect(bank.status).not.toBe(0);
    expect(`${bank.stdout}${bank.stderr}`).toContain('permitted subtree violation');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the CA folder check resolves symlinks: a link into the repository is refused', async () => {
  const dir = tmpDir('serve-ca-link');
  try {
    const link = path.join(dir, 'looks-outside');
    fs.symlinkSync(path.join(process.cwd(), 'test-results'), link);
    expect(insideRepository(path.join(link, 'ca'))).toBe(true);
    await expect(loadOrCreateLocalCa(path.join(link, 'ca'))).rejects.toThrow(/outside the repository/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the results file keeps other columns and refuses a file that is not an originproof results file', () => {
  const dir = tmpDir('serve-sink');
  const file = path.join(dir, 'r.json');
  const outputs = { html: path.join(dir, 'm.html'), markdown: path.join(dir, 'm.md'), wptreport: (e: string) => path.join(dir, `${e}.json`) };
  const sink = new ResultsSink(file, outputs);
  const info = (engine: string) => ({
    engine,
    flavour: 'person' as const,
    backend: 'person (proxy + start URL)' as const,
    browser: engine,
    version: '1',
    executable: 'ua',
    commandLine: [],
    nonDefault: [],
  });
  // A whole row, as a run writes it (the sink reads its file back through the results schema).
  const sampleRow = (JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'results-sample.json'), 'utf8')) as ResultsFile).rows[0];
  const row = (engine: string, id: string) => ({ ...sampleRow, id, engine, verdict: 'pass' }) as ResultsFile['rows'][number];
  sink.writeColumn(info('a'), [row('a', 'x'), row('a', 'y')]);
  sink.writeColumn(info('b'), [row('b', 'x')]);
  const after = sink.writeColumn(info('a'), [row('a', 'z')]);
  expect(after.rows.map((r) => `${r.engine}:${r.id}`)).toEqual(['b:x', 'a:z']);
  expect(after.engines.map((e) => e.engine)).toEqual(['a', 'b']);
  fs.writeFileSync(path.join(dir, 'other.json'), '{"hello":1}');
  expect(() => new ResultsSink(path.join(dir, 'other.json'), outputs)).toThrow(/cannot add columns to .*other\.json.*--results/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('User-Agents name the browser, its engine family and platform', () => {
  const cases: Array<[string, string, string | undefined, string]> = [
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36', 'Chrome', 'chromium', 'Linux'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0',
      'Edge',
      'chromium',
      'Windows',
    ],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Safari/605.1.15', 'Safari', 'webkit', 'macOS'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/140.0 Mobile/15E148 Safari/604.1',
      'Chrome',
      'webkit',
      'iOS',
    ],
    ['Mozilla/5.0 (Android 15; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0', 'Firefox', 'firefox', 'Android'],
    ['curl/8.0', 'unknown browser', undefined, ''],
  ];
  for (const [ua, browser, family, platform] of cases) {
    const id = identify(ua);
    expect([id.browser, id.family, id.platform ?? ''], ua).toEqual([browser, family, platform]);
  }
  expect(columnName(identify(cases[2][0]), "Bob's Mac!")).toBe('person-safari-18-bob-s-mac');
});

test('the local CA: made once outside the repository, key 0600, leaves chain to it; a readable key is refused', async () => {
  const dir = path.join(tmpDir('ca'), 'ca');
  const ca = await loadOrCreateLocalCa(dir);
  expect(ca.created).toBe(true);
  expect(fs.statSync(ca.keyFile).mode & 0o777).toBe(0o600);
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  const again = await loadOrCreateLocalCa(dir);
  expect(again.created).toBe(false);
  expect(again.cert).toBe(ca.cert);
  const caCert = new crypto.X509Certificate(ca.cert);
  expect(caCert.ca).toBe(true);
  const leaf = await createLeafCertificate(ca);
  const leafCert = new crypto.X509Certificate(leaf.cert);
  expect(leafCert.ca).toBe(false);
  expect(leafCert.checkIssued(caCert) && leafCert.verify(caCert.publicKey)).toBe(true);
  expect(leafCert.subjectAltName).toContain('DNS:sub.other.test');
  await expect(loadOrCreateLocalCa(path.join(process.cwd(), 'results', 'ca'))).rejects.toThrow(/outside the repository/);
  fs.chmodSync(ca.keyFile, 0o644);
  await expect(loadOrCreateLocalCa(dir)).rejects.toThrow(/readable by other users.*chmod 600/);
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

test('the PAC file sends the catalog hosts, and only them, to the proxy', async () => {
  const network = await startFixtureNetwork({ pac: pacFile });
  try {
    const pac = await fetch(`${network.proxy.url}/proxy.pac`).then((r) => r.text());
    const sandbox: { FindProxyForURL?: (url: string, host: string) => string } = {};
    vm.runInNewContext(pac, sandbox);
    const proxyAt = `PROXY ${new URL(network.proxy.url).host}`;
    expect(sandbox.FindProxyForURL!('https://sub.site.test/x', 'sub.site.test')).toBe(proxyAt);
    expect(sandbox.FindProxyForURL!('http://other.test:80/', 'OTHER.TEST')).toBe(proxyAt);
    expect(sandbox.FindProxyForURL!('https://example.com/', 'example.com')).toBe('DIRECT');
    expect(sandbox.FindProxyForURL!('https://site.test.evil/', 'site.test.evil')).toBe('DIRECT');
  } finally {
    await network.close();
  }
});

test('the clearing chain leads only to catalog origins', async () => {
  expect(isCatalogUrl('https://site.test:8443/__op/visit/x')).toBe(true);
  expect(isCatalogUrl('http://site.test:8443/')).toBe(false);
  expect(isCatalogUrl('https://example.com/')).toBe(false);
  const network = await startFixtureNetwork({ plugins: [clearStatePlugin] });
  try {
    const bad = await viaProxy(network.proxy.url, `http://site.test/__op/clear/3?to=${encodeURIComponent('https://example.com/')}`);
    expect(bad.status).toBe(400);
    const good = await viaProxy(network.proxy.url, `http://site.test/__op/clear/3?to=${encodeURIComponent('https://other.test/__op/visit/v')}`);
    expect(good.status).toBe(200);
    expect(good.headers['clear-site-data']).toBe('"cookies", "storage"');
    expect(good.body).toContain('/__op/clear/4?to=https%3A%2F%2Fother.test%2F__op%2Fvisit%2Fv');
  } finally {
    await network.close();
  }
});

test('beyond loopback only when asked: a warning, fixture servers still on 127.0.0.1, non-catalog still refused', async () => {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  test.skip(!external, 'this machine has no non-loopback IPv4 address to listen on');
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...a: unknown[]) => void warnings.push(a.join(' '));
  let network: FixtureNetwork | undefined;
  try {
    network = await startFixtureNetwork({ proxyHost: external });
  } finally {
    console.warn = warn;
  }
  try {
    expect(warnings.join('\n')).toMatch(new RegExp(`WARNING: the proxy listens on ${external!.replace(/\./g, '\\.')}:\\d+, beyond loopback`));
    expect(network.proxy.url).toBe(`http://${external}:${network.proxy.port}`);
    const catalog = await viaProxy(network.proxy.url, 'http://site.test/__op/runtime/core.js');
    expect(catalog.status).toBe(200);
    const refused = await viaProxy(network.proxy.url, 'http://example.com/');
    expect(refused.status).toBe(403);
    for (const port of [network.listeners.http.port, network.listeners.https.port]) {
      expect(network.listeners.http.address).toBe('127.0.0.1');
      const reached = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, external!, () => (s.destroy(), resolve(true)));
        s.on('error', () => resolve(false));
      });
      expect(reached, `fixture listener ${port} must not answer on ${external}`).toBe(false);
    }
  } finally {
    await network.close();
  }
});
