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
import { rawServer, refusedPort, scriptedServer } from './user-servers.ts';

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
      { origin: 'https://odd.test', role: 'user server' },
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
    network.upstreams.set('https://down.test', `http://127.0.0.1:${await refusedPort()}`);
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

  test('an upstream answer Node cannot pass on is a clear 502 naming the server and what it sent, and the network lives on', async () => {
    const cases: Array<[string, string, RegExp, { chunk: string; everyMs: number }?]> = [
      ['status 0', 'HTTP/1.1 000 Zero\r\nContent-Length: 2\r\n\r\nhi', /answered status 0, which is no HTTP status \(100-599\)/],
      ['status 999', 'HTTP/1.1 999 Nine\r\nContent-Length: 2\r\n\r\nhi', /answered status 999, which is no HTTP status \(100-599\)/],
      [
        '101 to a plain request',
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: Upgrade\r\n\r\n',
        /answered 101 Switching Protocols to a request that asked for no upgrade/,
      ],
      ['only an interim 1xx', 'HTTP/1.1 199 Wait\r\n\r\n', /sent only an interim 199 response, no final one, within 1\.5 s/],
      [
        'a control byte in the reason phrase',
        'HTTP/1.1 200 O\x01K\r\nContent-Length: 2\r\n\r\nhi',
        /answered a reason phrase with a control byte \("O\\u0001K"\)/,
      ],
      [
        'a header byte the parser refuses',
        'HTTP/1.1 200 OK\r\nX-A: a\x01b\r\nContent-Length: 2\r\n\r\nhi',
        /answered something that is not HTTP \(HPE_INVALID_HEADER_TOKEN/,
      ],
      [
        'a never-ending body',
        'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n',
        /its body was still coming after 1\.5 s \(a never-ending answer\)/,
        { chunk: '2\r\nab\r\n', everyMs: 50 },
      ],
    ];
    for (const [what, reply, cause, trickle] of cases) {
      const odd = await scriptedServer(reply, trickle);
      network.upstreams.set('https://odd.test', `http://127.0.0.1:${odd.port}`);
      try {
        const a = await viaTunnel(network.proxy.port, 'odd.test:443', 'odd.test', 'GET /api HTTP/1.1\r\nHost: odd.test\r\nConnection: close\r\n\r\n', 6000);
        expect(a.closed, what).toBe(true);
        // Before any header went out the browser gets the gateway's 502 (504 for a wait); a body cut off mid-way ends the connection.
        if (!trickle) {
          expect(statusOf(a.text), what).toBe(what.includes('interim') ? 504 : 502);
          expect(bodyOf(a.text), what).toMatch(cause);
          expect(bodyOf(a.text), what).toContain(`your server at http://127.0.0.1:${odd.port}`);
        }
        const entry = network.upstreamTraffic.entries.filter((e) => e.at === 'https://odd.test').at(-1);
        expect(entry?.upstream?.error, what).toMatch(cause);
      } finally {
        await odd.close();
      }
    }
    // The network still answers after all of it.
    const after = await viaTunnel(network.proxy.port, 'api.test:443', 'api.test', 'GET /still HTTP/1.1\r\nHost: api.test\r\nConnection: close\r\n\r\n');
    expect(statusOf(after.text)).toBe(200);
  });

  test('requests are re-framed toward the upstream: no raw GET body, Host kept and single, no client X-Forwarded-*, no visit id in Referer', async () => {
    const seen = await scriptedServer('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
    network.upstreams.set('https://odd.test', `http://127.0.0.1:${seen.port}`);
    const send = (text: string) => viaTunnel(network.proxy.port, 'odd.test:443', 'odd.test', text, 6000);
    try {
      const smuggled = 'GET /smuggled HTTP/1.1\r\nHost: odd.test\r\nX-Smuggled: yes\r\n\r\n';
      const chunked = `${smuggled.length.toString(16)}\r\n${smuggled}\r\n0\r\n\r\n`;
      const get = await send(`GET /a HTTP/1.1\r\nHost: odd.test\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunked}`);
      expect(statusOf(get.text)).toBe(400);
      expect(bodyOf(get.text)).toMatch(/a GET request with a body is not forwarded/);
      const del = await send(`DELETE /d HTTP/1.1\r\nHost: odd.test\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunked}`);
      expect(statusOf(del.text)).toBe(200);
      const delSeen = seen.received.at(-1)!;
      // The body goes with its own framing: the upstream reads one request whose body holds the bytes.
      expect(delSeen).toMatch(/^DELETE \/d HTTP\/1\.1\r\n/);
      expect(delSeen).toMatch(/\r\nTransfer-Encoding: chunked\r\n/i);
      expect(delSeen).toContain(`\r\n\r\n${smuggled.length.toString(16)}\r\nGET /smuggled`);
      expect(seen.received.join('')).not.toContain('\r\n\r\nGET /smuggled');

      const before = seen.received.length;
      const twoHosts = await send('GET /h HTTP/1.1\r\nHost: odd.test\r\nHost: other.test\r\nConnection: close\r\n\r\n');
      expect(statusOf(twoHosts.text)).toBe(400);
      expect(bodyOf(twoHosts.text)).toMatch(/more than one Host header line/);
      expect(seen.received.length).toBe(before);

      await send(
        'GET /c HTTP/1.1\r\nHost: odd.test\r\nConnection: host, close\r\nX-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Host: evil.test\r\nForwarded: for=6.6.6.6\r\n' +
          'Referer: https://odd.test/page?__opv=visit-1&__opp=probe.x&q=1\r\n\r\n',
      );
      const c = seen.received.at(-1)!;
      expect(c).toMatch(/\r\nHost: odd\.test\r\n/);
      expect(c).not.toMatch(/6\.6\.6\.6|evil\.test/);
      expect(c).toMatch(/\r\nX-Forwarded-Host: odd\.test\r\n/);
      expect(c).toMatch(/\r\nReferer: https:\/\/odd\.test\/page\?q=1\r\n/);
      await send(
        'GET /r HTTP/1.1\r\nHost: odd.test\r\nConnection: close\r\nReferer: https://odd.test/__op/r/probe.x/agent?v=visit-1&p=probe.x&mail=probe.x%2Fm\r\n\r\n',
      );
      const r = seen.received.at(-1)!;
      expect(r).toMatch(/\r\nReferer: https:\/\/odd\.test\/\r\n/);
      expect(r).not.toContain('visit-1');
    } finally {
      await seen.close();
    }
  });

  test('origins nobody configured stay refused by the proxy, and an extra origin without a server gets nothing forwarded', async () => {
    const refused = await rawExchange(network.proxy.port, 'CONNECT unconfigured.test:443 HTTP/1.1\r\nHost: unconfigured.test:443\r\n\r\n');
    expect(statusOf(refused)).toBe(403);
    expect(refused).toContain('not an origin of the catalog');
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
