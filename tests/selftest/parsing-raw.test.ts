/**
 * The parsing catalog's premise: header lines reach the browser exactly as declared. Each test
 * reads the response back off the socket the way a browser gets it (through the proxy's CONNECT
 * tunnel, TLS to the https fixture listener) and compares the header block byte for byte:
 * order, repeats, casing, whitespace, control bytes, obsolete line folding, non-token names.
 * No browser.
 */
import { test, expect } from '@playwright/test';
import net from 'node:net';
import tls from 'node:tls';
import { startFixtureNetwork, type FixtureNetwork } from '../../servers/network.ts';
import type { VisitPlan } from '../../protocol/visit.ts';
import { opPath, OP_QUERY } from '../../protocol/paths.ts';
import { needsRawWrite, rawResponseBytes, type HeaderLine } from '../../servers/raw-response.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';

let network: FixtureNetwork;
test.beforeAll(async () => {
  network = await startFixtureNetwork();
});
test.afterAll(async () => {
  await network?.close();
});

/** GET over proxy CONNECT + TLS, as a browser does; resolves with every byte the server sent. */
function fetchThroughTunnel(host: string, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = net.connect(network.proxy.port, '127.0.0.1', () => s.write(`CONNECT ${host}:443 HTTP/1.1\r\nHost: ${host}:443\r\n\r\n`));
    s.setTimeout(5000, () => (s.destroy(), reject(new Error('no answer through the tunnel'))));
    s.once('data', (d) => {
      if (!/^HTTP\/1\.1 200/.test(d.toString('latin1'))) return reject(new Error(`CONNECT refused: ${d.toString('latin1')}`));
      const t = tls.connect({ socket: s, servername: host, rejectUnauthorized: false }, () =>
        t.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nOrigin: https://other.test\r\nConnection: close\r\n\r\n`),
      );
      const chunks: Buffer[] = [];
      t.on('data', (c) => chunks.push(c));
      t.on('end', () => resolve(Buffer.concat(chunks)));
      t.on('close', () => resolve(Buffer.concat(chunks)));
      t.on('error', reject);
    });
    s.on('error', reject);
  });
}

/** The header lines of a raw response, split only at CRLF that does not start a folded line. */
function headerLines(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  expect(end, 'the response has an end of headers').toBeGreaterThan(0);
  return text
    .slice(0, end)
    .split(/\r\n(?![ \t])/)
    .slice(1);
}

let seq = 0;
async function serve(declared: DeclaredResponse): Promise<string[]> {
  const visitId = `raw-${seq++}`;
  const plan: VisitPlan = {
    visitId,
    page: { at: 'site', url: `https://site.test/__op/visit/${visitId}`, headers: [] },
    cookies: [],
    probes: [],
    responses: { probe: { r: declared } },
    concurrency: 1,
  };
  network.store.register(plan);
  try {
    return headerLines(await fetchThroughTunnel('site.test', `${opPath.response('probe', 'r')}?${OP_QUERY.visit}=${visitId}`));
  } finally {
    network.store.forget(visitId);
  }
}

/** The declared lines, in order, as they must appear on the wire (server additions filtered out). */
function declaredOnWire(lines: string[], declared: HeaderLine[]): string[] {
  const names = new Set(declared.map(([n]) => n));
  return lines.filter((l) => names.has(l.slice(0, l.indexOf(':'))));
}

test('lines Node can send keep order, repeats, casing and surrounding whitespace', async () => {
  const headers: HeaderLine[] = [
    ['access-control-allow-origin', '  https://other.test\t'],
    ['X-Op-A', 'one'],
    ['ACCESS-CONTROL-ALLOW-ORIGIN', '*'],
    ['X-Op-A', '\ttwo, three '],
    ['Access-Control-Expose-Headers', ''],
    ['X-Op-Latin1', 'caf\xe9 \xff'],
  ];
  expect(needsRawWrite(headers), 'these go through Node’s own writeHead').toBe(false);
  const lines = await serve({ headers });
  expect(declaredOnWire(lines, headers)).toEqual(headers.map(([n, v]) => `${n}: ${v}`));
});

test('lines Node refuses go out raw: control bytes, NUL, obsolete folding, non-token names, order kept', async () => {
  const headers: HeaderLine[] = [
    ['Access-Control-Allow-Origin', '\x0bhttps://other.test'],
    ['X-Op-Ctl', 'a\x01b\x7fc\x1f'],
    ['X-Op-Nul', 'x\x00y'],
    ['Access-Control-Allow-Origin', '\x0c*'],
    ['X-Op-Fold', 'first\r\n\tsecond'],
    ['X-Op(Name', 'not a token name'],
    ['x-op-ctl', '\x08'],
  ];
  expect(needsRawWrite(headers)).toBe(true);
  const lines = await serve({ headers });
  expect(declaredOnWire(lines, headers)).toEqual(headers.map(([n, v]) => `${n}: ${v}`));
  expect(lines, 'a raw response closes its connection').toContain('Connection: close');
});

test('the raw writer frames the body and refuses characters that are not bytes', () => {
  const bytes = rawResponseBytes(200, [['X-A', 'a\x00']], Buffer.from('hi'));
  expect(bytes.toString('latin1')).toBe('HTTP/1.1 200 OK\r\nX-A: a\x00\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi');
  expect(() => rawResponseBytes(200, [['X-A', 'snow\u2603']], Buffer.alloc(0))).toThrow(/U\+2603.*not a byte/);
});

test('a declared line that is not bytes gets a 500 naming the cause, and the server keeps serving', async () => {
  const text = (await fetchThroughTunnel('site.test', '/__op/none')).toString('latin1');
  expect(text).toMatch(/^HTTP\/1\.1 404/);
  const visitId = `raw-${seq++}`;
  network.store.register({
    visitId,
    page: { at: 'site', url: '', headers: [] },
    cookies: [],
    probes: [],
    responses: { probe: { r: { headers: [['X-Op-Bad', 'a\x01\u2603']] } } },
    concurrency: 1,
  });
  const bad = (await fetchThroughTunnel('site.test', `${opPath.response('probe', 'r')}?${OP_QUERY.visit}=${visitId}`)).toString('latin1');
  network.store.forget(visitId);
  expect(bad).toMatch(/^HTTP\/1\.1 500/);
  expect(bad).toContain('U+2603');
  expect(await serve({ headers: [['X-Op-A', 'ok']] })).toContain('X-Op-A: ok');
});
