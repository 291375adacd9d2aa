/**
 * WebSockets through the fixture network: ws: through the proxy (absolute form and a CONNECT
 * tunnel to an http origin), wss: through CONNECT, the handshake logged as evidence, an endpoint
 * that checks Origin, and clear refusals for every destination or upgrade the network does not carry.
 */
import { test, expect } from '@playwright/test';
import { startFixtureNetwork, type FixtureNetwork } from '../../servers/network.ts';
import type { LoggedRequest, VisitPlan } from '../../protocol/visit.ts';
import { rawExchange, rawRequest, statusOf, viaTunnel } from './network-client.ts';

let network: FixtureNetwork;
const KEY = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';
const UPGRADE = `Upgrade: websocket\r\nConnection: Upgrade\r\n${KEY}`;

test.beforeAll(async () => {
  network = await startFixtureNetwork();
  const plan: VisitPlan = {
    visitId: 'w',
    page: { at: 'site', url: 'https://site.test/', headers: [] },
    cookies: [],
    probes: [],
    responses: { p: { open: { websocket: {} }, checked: { websocket: { origins: ['site'] } }, plain: {} } },
    concurrency: 1,
  };
  network.store.register(plan);
});
test.afterAll(async () => {
  await network?.close();
});

const logged = (): LoggedRequest[] => network.store.requestsFor('w');

/** The first text frame of a server's answer (an unmasked frame of under 126 bytes follows the 101 head). */
function firstMessage(text: string): unknown {
  const head = text.indexOf('\r\n\r\n');
  const frame = Buffer.from(text.slice(head + 4), 'latin1');
  if (frame.length < 2) return undefined;
  return JSON.parse(frame.subarray(2, 2 + (frame[1] & 0x7f)).toString('utf8'));
}

test('ws: in absolute form through the proxy: 101, the server says what it saw, the handshake is logged', async () => {
  const r = await rawRequest(
    network.proxy.port,
    `GET http://site.test:8080/__op/r/p/open?v=w HTTP/1.1\r\nHost: site.test:8080\r\nOrigin: https://other.test\r\nCookie: a=1; b=2\r\n${UPGRADE}\r\n`,
    1000,
  );
  expect(statusOf(r.text)).toBe(101);
  expect(firstMessage(r.text)).toEqual({ server: 'originproof', origin: 'https://other.test', cookies: ['a', 'b'] });
  const entry = logged().find((e) => e.response === 'open' && e.origin === 'https://other.test')!;
  expect(entry).toMatchObject({ at: 'httpSitePort', cookie: 'a=1; b=2', status: 101, webSocket: { key: true, version: '13' } });
});

test('ws: through a CONNECT tunnel to an http origin, held to the authority admitted', async () => {
  const ok = await rawRequest(
    network.proxy.port,
    `CONNECT site.test:80 HTTP/1.1\r\nHost: site.test:80\r\n\r\nGET /__op/r/p/open?v=w HTTP/1.1\r\nHost: site.test\r\nOrigin: https://site.test\r\n${UPGRADE}\r\n`,
    1000,
  );
  expect(ok.text).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 101 /);
  const other = await rawExchange(
    network.proxy.port,
    `CONNECT site.test:80 HTTP/1.1\r\nHost: site.test:80\r\n\r\nGET /__op/r/p/open?v=w HTTP/1.1\r\nHost: other.test\r\n${UPGRADE}\r\n`,
  );
  expect(other).toContain('HTTP/1.1 421 Misdirected Request');
  expect(other).toContain('is not the authority the proxy admitted for this connection (site.test:80)');
});

test('wss: through CONNECT; an endpoint that checks Origin refuses another with 403 and accepts its own', async () => {
  const bad = await viaTunnel(
    network.proxy.port,
    'site.test:443',
    'site.test',
    `GET /__op/r/p/checked?v=w HTTP/1.1\r\nHost: site.test\r\nOrigin: https://other.test\r\n${UPGRADE}\r\n`,
  );
  expect(statusOf(bad.text)).toBe(403);
  expect(bad.text).toContain('Origin https://other.test is not allowed to open this WebSocket (allowed: https://site.test)');
  const good = await viaTunnel(
    network.proxy.port,
    'site.test:443',
    'site.test',
    `GET /__op/r/p/checked?v=w HTTP/1.1\r\nHost: site.test\r\nOrigin: https://site.test\r\n${UPGRADE}\r\n`,
    1000,
  );
  expect(statusOf(good.text)).toBe(101);
  expect(firstMessage(good.text)).toEqual({ server: 'originproof', origin: 'https://site.test', cookies: [] });
  const statuses = logged()
    .filter((e) => e.response === 'checked')
    .map((e) => [e.at, e.origin, e.status]);
  expect(statuses).toEqual([
    ['site', 'https://other.test', 403],
    ['site', 'https://site.test', 101],
  ]);
});

test('bad handshakes and undeclared endpoints get a status that says why, and the connection ends', async () => {
  const tunnel = (request: string) => viaTunnel(network.proxy.port, 'site.test:443', 'site.test', request);
  const noKey = await tunnel(
    'GET /__op/r/p/open?v=w HTTP/1.1\r\nHost: site.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  expect(noKey.closed).toBe(true);
  expect(statusOf(noKey.text)).toBe(400);
  expect(noKey.text).toContain('Sec-WebSocket-Key');
  const plain = await tunnel(`GET /__op/r/p/plain?v=w HTTP/1.1\r\nHost: site.test\r\n${UPGRADE}\r\n`);
  expect(statusOf(plain.text)).toBe(404);
  expect(plain.text).toContain('declares no WebSocket endpoint "plain"');
  const h2c = await tunnel('GET /__op/r/p/open?v=w HTTP/1.1\r\nHost: site.test\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n');
  expect(statusOf(h2c.text)).toBe(400);
  expect(h2c.text).toContain('only WebSocket upgrades are served, not "h2c"');
});

test('the proxy carries no upgrade but WebSocket, and no destination outside the catalog', async () => {
  const h2c = await rawExchange(
    network.proxy.port,
    'GET http://site.test:8080/ HTTP/1.1\r\nHost: site.test:8080\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n',
  );
  expect(statusOf(h2c)).toBe(501);
  expect(h2c).toContain('only WebSocket upgrades are proxied, not "h2c"');
  const outside = await rawExchange(network.proxy.port, `GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n${UPGRADE}\r\n`);
  expect(statusOf(outside)).toBe(403);
  const httpsAsWs = await rawExchange(network.proxy.port, `GET http://site.test:443/ HTTP/1.1\r\nHost: site.test:443\r\n${UPGRADE}\r\n`);
  expect(statusOf(httpsAsWs)).toBe(403);
  const connect = await rawExchange(network.proxy.port, 'CONNECT example.com:80 HTTP/1.1\r\nHost: example.com:80\r\n\r\n');
  expect(statusOf(connect)).toBe(403);
  expect(connect).toContain('not an origin of the catalog');
});
