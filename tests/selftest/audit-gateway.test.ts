/**
 * The gateway to a user's own servers, without a browser: an extra origin reaches the
 * user's server through the proxy over the harness's TLS, with the attribution marker cut out
 * and every header logged; the harness keeps /__op/ for itself; a server that is down, answers
 * garbage or hangs gets a clear 502/504 whose cause is logged, within the bound.
 */
import { test, expect } from '@playwright/test';
import http from 'node:http';
import https from 'node:https';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { startFixtureNetwork, type FixtureNetwork } from '../../servers/network.ts';
import { createCertificate } from '../../servers/certificate.ts';
import { clearExtraOrigins, parseExtraOrigin, registerExtraOrigins } from '../../protocol/origins.ts';
import { upstreamUrl } from '../../protocol/paths.ts';
import { bodyOf, rawExchange, statusOf, viaTunnel } from './network-client.ts';
import { deadPort, rawServer } from './user-servers.ts';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A user's server: answers with CORS headers and records what it was sent. */
async function userServer(): Promise<{ port: number; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': 'https://app.test', Vary: 'Origin' });
    res.end('{"user":"ada"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, seen, close: () => new Promise((r) => server.close(() => r())) };
}

test.describe('gateway to a user server', () => {
  let network: FixtureNetwork;
  let user: Awaited<ReturnType<typeof userServer>>;

  test.beforeAll(async () => {
    clearExtraOrigins();
    registerExtraOrigins([
      { origin: 'https://api.test', role: 'user server' },
      { origin: 'http://web.test:8080', role: 'user server' },
      { origin: 'https://down.test', role: 'user server' },
      { origin: 'https://garbage.test', role: 'user server' },
      { origin: 'https://silent.test', role: 'user server' },
      { origin: 'https://evilapp.test', role: 'attacker look-alike' },
    ]);
    user = await userServer();
    network = await startFixtureNetwork({ upstreamTimeoutMs: 1500 });
    network.upstreams.set('https://api.test', `http://127.0.0.1:${user.port}`);
    network.upstreams.set('http://web.test:8080', `http://127.0.0.1:${user.port}`);
  });

  test.afterAll(async () => {
    await network?.close();
    await user?.close();
    clearExtraOrigins();
  });

  test('the certificate names the user hosts; https reaches the user server with the marker cut out and every header logged', async () => {
    const sans = new X509Certificate(network.certificate.cert).subjectAltName ?? '';
    for (const host of ['api.test', 'evilapp.test', 'site.test']) expect(sans).toContain(`DNS:${host}`);

    const visitId = `gw-${crypto.randomBytes(3).toString('hex')}`;
    network.store.register({ visitId, page: { at: 'site', url: 'https://site.test/', headers: [] }, cookies: [], probes: [], responses: {}, concurrency: 1 });
    const url = new URL(upstreamUrl('https://api.test', '/api/me?x=1', 'probe.one', visitId));
    const answer = await viaTunnel(
      network.proxy.port,
      'api.test:443',
      'api.test',
      `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: api.test\r\nOrigin: https://app.test\r\nCookie: session=1\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOf(answer.text)).toBe(200);
    expect(answer.text).toContain('Access-Control-Allow-Origin: https://app.test');
    expect(bodyOf(answer.text)).toContain('{"user":"ada"}');
    const seen = user.seen.at(-1)!;
    expect(seen.url).toBe('/api/me?x=1');
    expect(seen.headers.host).toBe('api.test');
    expect(seen.headers['x-forwarded-proto']).toBe('https');

    const logged = network.store.requestsFor(visitId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ probe: 'probe.one', response: '/api/me?x=1', at: 'https://api.test', origin: 'https://app.test', cookie: 'session=1' });
    expect(logged[0].headers).toContainEqual(['Origin', 'https://app.test']);
    expect(logged[0].answer?.status).toBe(200);
    expect(logged[0].answer?.headers).toContainEqual(['Access-Control-Allow-Origin', 'https://app.test']);
    expect(network.upstreamTraffic.entries.at(-1)?.upstream?.error).toBeUndefined();
    network.store.forget(visitId);
  });

  test('a user server on https (a development certificate) is reached too', async () => {
    const cert = await createCertificate(['localhost']);
    const server = https.createServer({ cert: cert.cert, key: cert.key }, (req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Seen-Proto': 'https' });
      res.end(`tls ${req.url}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    network.upstreams.set('https://api.test', `https://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const a = await viaTunnel(network.proxy.port, 'api.test:443', 'api.test', 'GET /secure HTTP/1.1\r\nHost: api.test\r\nConnection: close\r\n\r\n');
      expect(statusOf(a.text)).toBe(200);
      expect(bodyOf(a.text)).toContain('tls /secure');
    } finally {
      network.upstreams.set('https://api.test', `http://127.0.0.1:${user.port}`);
      await new Promise((r) => server.close(r));
    }
  });

  test('plain http extra origins go through absolute-form, and /__op/ stays the harness’s', async () => {
    const before = user.seen.length;
    const text = await rawExchange(network.proxy.port, 'GET http://web.test:8080/page HTTP/1.1\r\nHost: web.test:8080\r\nConnection: close\r\n\r\n');
    expect(statusOf(text)).toBe(200);
    expect(user.seen.at(-1)?.url).toBe('/page');
    const runtime = await viaTunnel(
      network.proxy.port,
      'api.test:443',
      'api.test',
      'GET /__op/runtime/core.js HTTP/1.1\r\nHost: api.test\r\nConnection: close\r\n\r\n',
    );
    expect(statusOf(runtime.text)).toBe(200);
    expect(runtime.text).toContain('originproof probe runtime');
    expect(user.seen.length).toBe(before + 1);
  });

  test('a server that is down, answers garbage or hangs: a clear 502/504, its cause logged, within the bound', async () => {
    const garbage = await rawServer('this is not HTTP at all\r\n\r\n');
    const silent = await rawServer(undefined);
    network.upstreams.set('https://down.test', `http://127.0.0.1:${await deadPort()}`);
    network.upstreams.set('https://garbage.test', `http://127.0.0.1:${garbage.port}`);
    network.upstreams.set('https://silent.test', `http://127.0.0.1:${silent.port}`);
    try {
      const cases: Array<[string, number, RegExp]> = [
        ['down.test', 502, /refused the connection: is it running\?/],
        ['garbage.test', 502, /answered something that is not HTTP/],
        ['silent.test', 504, /sent no response within 1\.5 s \(it hangs\)/],
      ];
      for (const [host, status, cause] of cases) {
        const a = await viaTunnel(network.proxy.port, `${host}:443`, host, `GET /api HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, 6000);
        // Answered and closed before the client's own bound: nothing hangs on a silent server.
        expect(a.closed, host).toBe(true);
        expect(statusOf(a.text), host).toBe(status);
        expect(bodyOf(a.text), host).toMatch(cause);
        const entry = network.upstreamTraffic.entries.filter((e) => e.at === `https://${host}`).at(-1);
        expect(entry?.upstream?.error, host).toMatch(cause);
        expect(entry?.answer).toBeUndefined();
      }
    } finally {
      await garbage.close();
      await silent.close();
    }
  });

  test('origins nobody configured stay refused by the proxy, and an extra origin without a server gets nothing forwarded', async () => {
    const refused = await rawExchange(network.proxy.port, 'CONNECT unconfigured.test:443 HTTP/1.1\r\nHost: unconfigured.test:443\r\n\r\n');
    expect(statusOf(refused)).toBe(403);
    expect(refused).toContain('not an https origin of the catalog');
    const before = user.seen.length;
    const noUpstream = await viaTunnel(
      network.proxy.port,
      'evilapp.test:443',
      'evilapp.test',
      'GET /api/me HTTP/1.1\r\nHost: evilapp.test\r\nConnection: close\r\n\r\n',
    );
    expect(statusOf(noUpstream.text)).toBe(404);
    expect(user.seen.length).toBe(before);
  });

  test('extra origins must be names outside the catalog, written as their serialization', () => {
    expect(parseExtraOrigin('https://127.0.0.1', 'x')).toMatchObject({ error: expect.stringMatching(/IP address/) });
    expect(parseExtraOrigin('https://other.test', 'x')).toMatchObject({ error: expect.stringMatching(/belongs to the catalog/) });
    expect(parseExtraOrigin('https://app.test/', 'x')).toMatchObject({ error: expect.stringMatching(/no path, no trailing slash/) });
    expect(() => registerExtraOrigins([{ origin: 'https://app.test:443', role: 'x' }])).toThrow(/write the origin as "https:\/\/app.test"/);
  });
});
