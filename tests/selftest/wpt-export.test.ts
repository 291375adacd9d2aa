/**
 * Findings as web-platform-tests (reporters/wpt/, docs/wpt/): every export the repository carries
 * is what `export-wpt --recorded` writes today, and is well-formed — its inline scripts parse as
 * JavaScript, its handler parses as Python, it loads only WPT helpers that exist (the vendored index
 * of a real checkout's /common/ and /resources/, reporters/wpt/helpers.json) and it cites the spec.
 * Every parsing root cause and at least ten catalog deviations have one; every drafted bug report
 * links its test. No browser.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { test, expect } from '@playwright/test';
import { CITATIONS } from '../../harness/citations/registry.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { notExportable } from '../../reporters/wpt/export.ts';
import { exportFor, exportName, parsingRuleSlugs, recordedExports, RECORDED_SCENARIOS } from '../../reporters/wpt/select.ts';
import helpers from '../../reporters/wpt/helpers.json' with { type: 'json' };

const root = path.resolve(import.meta.dirname, '..', '..');
const dir = path.join(root, 'docs', 'wpt');
const specUrls = new Set<string>(Object.values(CITATIONS).map((c) => c.url));
const exported = fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isDirectory());

test('docs/wpt/ holds exactly what export-wpt --recorded writes today', () => {
  expect(exported.sort()).toEqual(recordedExports().map(exportName).sort());
  for (const arg of recordedExports()) {
    const t = exportFor(arg);
    for (const [file, content] of Object.entries(t.files)) {
      expect(fs.readFileSync(path.join(dir, t.name, file), 'utf8'), `${t.name}/${file} (run npm run export-wpt -- --recorded)`).toBe(content);
    }
  }
});

test('every export is well-formed: scripts parse, helpers exist in WPT, the spec is cited', () => {
  const known = new Set(helpers.paths);
  expect(known.has('/resources/testharness.js') && known.has('/common/get-host-info.sub.js')).toBe(true);
  for (const name of exported) {
    const html = fs.readFileSync(path.join(dir, name, `${name}.https.html`), 'utf8');
    expect(html.startsWith('<!doctype html>'), name).toBe(true);
    const srcs = [...html.matchAll(/<script src="([^"]+)"><\/script>/g)].map((m) => m[1]);
    expect(srcs, name).toContain('/resources/testharness.js');
    expect(srcs, name).toContain('/resources/testharnessreport.js');
    for (const src of srcs) expect(known.has(src), `${name} loads ${src}, which is not a WPT helper`).toBe(true);
    // So do the documents its handler serves (a frame's agent may load testdriver.js).
    const handler = fs.readFileSync(path.join(dir, name, 'resources', `${name}.py`), 'utf8');
    for (const m of handler.matchAll(/<script src="([^"]+)"><\/script>/g))
      expect(known.has(m[1]), `${name}'s handler serves a page loading ${m[1]}`).toBe(true);
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline.length, name).toBe(1);
    expect(() => new vm.Script(inline[0], { filename: name }), name).not.toThrow();
    expect(inline[0], name).toMatch(/promise_test\(/);
    const help = [...html.matchAll(/<link rel="help" href="([^"]+)">/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(help.length, `${name} cites the spec`).toBeGreaterThan(0);
    for (const url of help) expect(specUrls.has(url), `${name}: ${url} is a registry citation`).toBe(true);
    expect(html, name).toMatch(/Exported by originproof export-wpt from scenario [a-z0-9._-]+/);
    // The page uses only what the helpers it loads define (get_host_info, token).
    expect(inline[0]).toMatch(/get_host_info\(\)/);
  }
});

test('every handler parses as Python', () => {
  const python = spawnSync('python3', ['--version']);
  test.skip(python.status !== 0, 'no python3 on this machine');
  const files = exported.map((n) => path.join(dir, n, 'resources', `${n}.py`));
  const r = spawnSync('python3', ['-c', 'import ast, sys\nfor f in sys.argv[1:]: ast.parse(open(f, "rb").read(), f)', ...files], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

test('every parsing root cause and at least ten catalog deviations are exported', () => {
  for (const slug of parsingRuleSlugs()) expect(exported, slug).toContain(`parsing-${slug}`);
  const catalog = new Map(loadCatalog().map((s) => [s.id, s]));
  const withDeviation = RECORDED_SCENARIOS.filter((id) => Object.keys(catalog.get(id)?.deviations ?? {}).length > 0);
  expect(withDeviation).toEqual(RECORDED_SCENARIOS);
  expect(withDeviation.length).toBeGreaterThanOrEqual(10);
});

test('every drafted bug report links its exported test (or names why export-wpt refuses it), and the test exists', () => {
  const reports = fs.readdirSync(path.join(root, 'docs', 'bugs')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  for (const report of reports) {
    const text = fs.readFileSync(path.join(root, 'docs', 'bugs', report), 'utf8');
    const links = [...text.matchAll(/\]\(\.\.\/wpt\/([a-z0-9-]+)\/\1\.https\.html\)/g)].map((m) => m[1]);
    // A report whose scenarios the exporter refuses says so, with the cause, instead.
    const refused = /## Web-platform-test\n\nNot exported yet: `export-wpt` refuses its scenarios \(.+\)/.test(text);
    expect(links.length > 0 || refused, `${report} links its web-platform-test (../wpt/<name>/<name>.https.html) or says why there is none`).toBe(true);
    for (const l of links) expect(exported, report).toContain(l);
  }
});

test("a control on the page's own origin leaves the test's own target where the scenario puts it", () => {
  const html = exportFor('network.orb.fetch.json').files['network-orb-fetch-json.https.html'];
  expect(html).toContain('responseUrl(id, "test", "other", "res")');
  expect(html).toContain('responseUrl(id, "control", "site", "res")');
});

test('an argument that names nothing, or a scenario that cannot be exported, is refused with the cause', () => {
  expect(() => exportFor('no.such.scenario')).toThrow(/neither a scenario id nor a parsing rule/);
  const ws = loadCatalog().find((s) => s.probe.kind === 'websocket' && /probe is not exportable/.test(notExportable(s) ?? ''));
  expect(() => exportFor(ws!.id)).toThrow(/cannot be exported: the websocket probe is not exportable yet/);
  // A popup export reports only whether the popup's document ran: an expectation on the opener relation is refused.
  // A popup through a redirect that hands its mailbox on: the document that reports is not the URL the export opens.
  expect(() => exportFor('isolation.coop-edges.csp-hop.hop-coop-so-sandbox.doc-plain')).toThrow(/through a redirect that names a mailbox/);
  expect(() => exportFor('isolation.coop.anchor.absent.same-origin.default-rel')).toThrow(
    /names popupOpener, hello, pong, which the exported popup probe does not report/,
  );
});

test("a WebSocket export opens its socket to WPT's echo handler by the target's scheme, and says the server's evidence is not checked", () => {
  const html = exportFor('network.websockets.page-site.mixed.http-site').files['network-websockets-page-site-mixed-http-site.https.html'];
  expect(html).toContain("PORTS[secure ? 'wss' : 'ws'] + '/echo'");
  expect(html).toContain('responseUrl(id, "test", "httpSite", "ws")');
  expect(html).toContain('responseUrl(id, "control", "site", "ws")');
  expect(html).toContain("the server's evidence (whether the handshake arrived) is not checked here");
  expect(html).not.toContain('await evidence(id)');
  // An endpoint that checks Origin has no counterpart in WPT's echo handler, which accepts every origin.
  expect(() => exportFor('network.websockets.page-site.checked.site')).toThrow(/accepts only some origins/);
});

test("a page in the public address space runs its probe in a popup on WPT's https-public port, the target on https-private", () => {
  const t = exportFor('network.lna.public.fetch-target-local.lna-local');
  const html = t.files[`${t.name}.https.html`];
  expect(html).toContain("lnaPublic: 'https://' + HOST.ORIGINAL_HOST + ':' + PORTS['https-public']");
  expect(html).toContain("lnaLocal: 'https://' + HOST.ORIGINAL_HOST + ':' + PORTS['https-private']");
  expect(html).toContain("window.open(responseUrl(token(), 'page', PAGE, 'page'), '_blank')");
  const py = t.files[`resources/${t.name}.py`];
  expect(py).toContain('request.server.config.ports[name][0]');
  // The popup's document carries the fetch probe itself, and the control fetches the popup's own origin.
  expect(py).toMatch(/"page": \{\n {8}"page": .*async function probe\(p, url\)/);
  expect(html).toContain('responseUrl(id, "control", "lnaPublic", "res")');
});

test('a form submission, a popup, a local-scheme context, a report sequence and a framed storage-access request export as such', () => {
  const html = (arg: string) => {
    const t = exportFor(arg);
    return t.files[`${t.name}.https.html`] + t.files[`resources/${t.name}.py`];
  };
  expect(html('network.origin-header.form.post.noreferrer.other')).toContain("form.setAttribute('rel', p.rel)");
  expect(html('network.origin-header.form.post.noreferrer.other')).toContain('probe({"method":"POST","rel":"noreferrer"}');
  // The popup's document reports to the server when its script runs; the control drops COOP.
  const coop = html('isolation.coop-edges.csp-sandbox.so');
  expect(coop).toContain("fetch(location.href + \\'&report=1\\'");
  expect(coop).toMatch(/"control": \{\n {8}"doc": \(\{"status": 200, "headers": \[\(b'Content-Security-Policy'/);
  const worker = exportFor('isolation.coep-inherit.require-corp.data-shared-worker');
  expect(worker.files[`${worker.name}.https.html.headers`]).toBe('Cross-Origin-Embedder-Policy: require-corp\n');
  expect(worker.files[`${worker.name}.https.html`]).toContain('probe({"context":"data-shared-worker"}');
  const reports = html('isolation.reporting.coop-same-origin.popup');
  expect(reports).toContain('def reports_in(request):');
  expect(reports).toContain('"reports":[{"type":"coop","url":"other:popup"');
  const sa = html('storage.access.granted.click.policy-none-frame');
  expect(sa).toContain(`"allow": "storage-access 'none'"`);
  expect(sa).toContain('data-manual-click');
  expect(sa).toContain('await test_driver.click(button)');
});
