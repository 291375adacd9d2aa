/**
 * Hardening: the proxy and the fixture servers under faults and hostile input (loopback only).
 * Each test reproduces a defect that was found by hand, so it guards a real regression.
 */
import { test, expect } from '@playwright/test';
import net from 'node:net';
import { startFixtureNetwork, type FixtureNetwork } from '../../servers/network.ts';
import type { VisitPlan } from '../../protocol/visit.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { validateScenarios, ScenarioError } from '../../harness/scenario/scenario.ts';
import { bodyOf, rawExchange, rawRequest, statusOf, tlsDirect, viaTunnel } from './network-client.ts';

let network: FixtureNetwork;
test.beforeAll(async () => {
  network = await startFixtureNetwork();
});
test.afterAll(async () => {
  await network?.close();
});

let visits = 0;
const registered: string[] = [];
/** Each registered visit's secret, as its own pages would know it. */
const secrets = new Map<string, string>();
test.afterEach(() => {
  for (const id of registered.splice(0)) network.store.forget(id);
});

/** Registers a visit whose probe P declares the given responses (forgotten after the test); returns its id. */
function registerVisit(responses: Record<string, DeclaredResponse> = { N: { body: 'declared' } }): string {
  const visitId = `hardening-${++visits}`;
  registered.push(visitId);
  const plan: VisitPlan = {
    visitId,
    page: { at: 'httpSite', url: `http://site.test/__op/visit/${visitId}`, headers: [] },
    cookies: [],
    // Probe P's agent document lives on http://site.test: the origin its mail may come from.
    probes: [
      {
        key: 'P',
        kind: 'popup',
        params: { open: { at: 'httpSite', response: 'N', url: `http://site.test/__op/r/P/N?v=${visitId}&mail=P%2Fpopup` } },
        context: [],
        timeoutMs: 1000,
      },
    ],
    responses: { P: responses },
    concurrency: 1,
  };
  secrets.set(visitId, network.store.register(plan));
  return visitId;
}

const get = (target: string, host: string, extra = '') => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`;

test.describe('the proxy tears down both sides when either aborts', () => {
  test('uploads aborted mid-body leave no connection open on the fixture server or the proxy', async () => {
    // A declared response with a registered visit: the fixture server waits for the whole body.
    const visitId = registerVisit();
    const before = await network.openConnections();
    const clients: net.Socket[] = [];
    for (let i = 0; i < 20; i++) {
      const s = net.connect(network.proxy.port, '127.0.0.1');
      s.on('error', () => undefined);
      s.write(
        `POST http://site.test/__op/r/P/N?v=${visitId} HTTP/1.1\r\nHost: site.test\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n${'x'.repeat(1000)}`,
      );
      clients.push(s);
    }
    // Every upload reached the fixture server before its client went away.
    await expect.poll(async () => (await network.openConnections()).http).toBeGreaterThanOrEqual(before.http + 20);
    for (const s of clients) s.destroy();
    await expect.poll(async () => network.openConnections(), { timeout: 10_000 }).toEqual(before);
  });

  test('a fixture response the client abandons mid-body is torn down upstream too', async () => {
    const visitId = registerVisit({ big: { body: 'y'.repeat(8 * 1024 * 1024) } });
    const before = await network.openConnections();
    const s = net.connect(network.proxy.port, '127.0.0.1', () => s.write(get(`http://site.test/__op/r/P/big?v=${visitId}`, 'site.test')));
    s.on('error', () => undefined);
    // Read a little, then stop reading and go away.
    await new Promise<void>((resolve) => s.once('data', () => resolve()));
    s.pause();
    s.destroy();
    await expect.poll(async () => network.openConnections(), { timeout: 10_000 }).toEqual(before);
  });
});

test.describe('header, body and idle timeouts', () => {
  test('a body trickled one byte every 5 s, headers trickled the same way and a silent connection are all cut off', async () => {
    test.setTimeout(120_000);
    const trickle = (port: number, head: string, rest: string) =>
      new Promise<{ text: string; closed: boolean }>((resolve) => {
        const s = net.connect(port, '127.0.0.1', () => s.write(head));
        let text = '';
        let i = 0;
        const timer = setInterval(() => {
          if (i < rest.length && !s.destroyed) s.write(rest[i++]);
        }, 5000);
        const bound = setTimeout(() => finish(false), 75_000);
        const finish = (closed: boolean) => {
          clearInterval(timer);
          clearTimeout(bound);
          s.destroy();
          resolve({ text, closed });
        };
        s.on('data', (d) => (text += d.toString('latin1')));
        s.on('close', () => finish(true));
        s.on('error', () => undefined);
      });
    const body = 'z'.repeat(100);
    const postHead = (target: string) => `POST ${target} HTTP/1.1\r\nHost: site.test\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`;
    const [viaProxy, direct, slowHeaders, silent] = await Promise.all([
      trickle(network.proxy.port, postHead('http://site.test/__op/mail/none/k'), body),
      trickle(network.listeners.http.port, postHead('/__op/mail/none/k'), body),
      trickle(network.proxy.port, 'GET http://site.test/ HTTP/1.1\r\n', 'X-Slow: ' + 'a'.repeat(60)),
      trickle(network.listeners.http.port, '', ''),
    ]);
    for (const [what, r] of Object.entries({ viaProxy, direct, slowHeaders })) {
      expect(r.closed, what).toBe(true);
      expect(statusOf(r.text), `${what}: ${r.text}`).toBe(408);
    }
    expect(silent.closed).toBe(true);
  });
});

test.describe('the Host header is the authority the proxy admitted', () => {
  test('a forwarded http request carries the admitted authority, whatever Host the client sent', async () => {
    const visitId = registerVisit();
    for (const host of ['other.test', 'evil.test']) {
      const text = await rawExchange(network.proxy.port, get(`http://site.test/__op/r/P/N?v=${visitId}`, host));
      expect(statusOf(text), text).toBe(200);
    }
    const logged = network.store.requestsFor(visitId).filter((r) => r.response === 'N');
    expect(logged.map((r) => r.at)).toEqual(['httpSite', 'httpSite']);
  });

  test('inside a CONNECT tunnel, a Host or TLS server name other than the admitted authority is refused with 421', async () => {
    const visitId = registerVisit();
    const target = `/__op/r/P/N?v=${visitId}`;
    const wrongPort = await viaTunnel(network.proxy.port, 'site.test:443', 'site.test', get(target, 'site.test:8443'));
    expect(statusOf(wrongPort.text), wrongPort.text).toBe(421);
    expect(bodyOf(wrongPort.text)).toContain('site.test:8443');
    const wrongSni = await viaTunnel(network.proxy.port, 'site.test:443', 'other.test', get(target, 'other.test'));
    expect(statusOf(wrongSni.text), wrongSni.text).toBe(421);
    const right = await viaTunnel(network.proxy.port, 'site.test:443', 'site.test', get(target, 'site.test'));
    expect(statusOf(right.text), right.text).toBe(200);
    expect(network.store.requestsFor(visitId).map((r) => r.at)).toEqual(['site']);
  });

  test('the fixture server refuses a Host or TLS server name that names no catalog origin, with 421 and the reason', async () => {
    const visitId = registerVisit();
    const target = `/__op/r/P/N?v=${visitId}`;
    const badHost = await rawExchange(network.listeners.http.port, get(target, 'evil.test'));
    expect(statusOf(badHost), badHost).toBe(421);
    expect(bodyOf(badHost)).toContain('evil.test');
    const noHost = await rawExchange(network.listeners.http.port, `GET ${target} HTTP/1.0\r\n\r\n`);
    expect(statusOf(noHost), noHost).toBe(421);
    const badSni = await tlsDirect(network.listeners.https.port, 'evil.test', get(target, 'site.test'));
    expect(statusOf(badSni.text), badSni.text).toBe(421);
    expect(bodyOf(badSni.text)).toContain('evil.test');
    const good = await tlsDirect(network.listeners.https.port, 'site.test', get(target, 'site.test'));
    expect(statusOf(good.text), good.text).toBe(200);
    expect(network.store.requestsFor(visitId).map((r) => r.at)).toEqual(['site']);
  });
});

/** A mail post as the visit's own document sends it: the value and the visit's secret. */
const mail = (visitId: string, value: unknown, secret = secrets.get(visitId)) => JSON.stringify({ secret, value });

test.describe('the mailbox and the visit store are bounded', () => {
  const post = (visitId: string, key: string, body: string) =>
    `POST /__op/mail/${visitId}/${key} HTTP/1.1\r\nHost: site.test\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;

  test('a visit that was never registered gets no mailbox', async () => {
    const posted = await rawExchange(network.listeners.http.port, post('never-registered', 'k', '"hello"'));
    expect(statusOf(posted), posted).toBe(404);
    const taken = await rawExchange(network.listeners.http.port, get('/__op/mail/never-registered/k', 'site.test'));
    expect(statusOf(taken), taken).toBe(404);
    expect(network.store.stats().mailboxes).toBe(0);
  });

  test('mailbox posts are size-capped, per post and per visit', async () => {
    const visitId = registerVisit();
    const big = await rawExchange(network.listeners.http.port, post(visitId, 'P%2Fk', mail(visitId, 'x'.repeat(200 * 1024))));
    expect(statusOf(big), big).toBe(413);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push(statusOf(await rawExchange(network.listeners.http.port, post(visitId, `P%2Fk${i}`, mail(visitId, 'x'.repeat(60 * 1024))))));
    expect(statuses.slice(0, 4)).toEqual([204, 204, 204, 204]);
    expect(statuses.at(-1)).toBe(507);
    expect(network.store.stats().mailBytes).toBeLessThanOrEqual(1024 * 1024);
  });

  test('a finished visit takes its mailbox, log and declared responses with it, and releases waiting readers', async () => {
    const visitId = registerVisit();
    expect(statusOf(await rawExchange(network.listeners.http.port, post(visitId, 'P%2Fk', mail(visitId, 'v'))))).toBe(204);
    expect(statusOf(await rawExchange(network.listeners.http.port, get(`/__op/r/P/N?v=${visitId}`, 'site.test')))).toBe(200);
    const waiting = rawRequest(network.listeners.http.port, get(`/__op/mail/${visitId}/empty?wait=10000`, 'site.test'), 20_000);
    await expect.poll(() => network.store.stats().waiters).toBe(1);
    network.store.forget(visitId);
    expect(statusOf((await waiting).text)).toBe(404);
    expect(network.store.stats()).toMatchObject({ visits: 0, requests: 0, mailboxes: 0, mailBytes: 0, waiters: 0 });
    expect(statusOf(await rawExchange(network.listeners.http.port, get(`/__op/r/P/N?v=${visitId}`, 'site.test')))).toBe(404);
  });
});

test.describe('one long-poll waits on several mail keys', () => {
  const post = (visitId: string, key: string, body: string) =>
    `POST /__op/mail/${visitId}/${key} HTTP/1.1\r\nHost: site.test\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  const any = (visitId: string, keys: unknown, wait: number) =>
    get(`/__op/mail-any/${visitId}?keys=${encodeURIComponent(JSON.stringify(keys))}&wait=${wait}`, 'site.test');

  test('the reader is answered when the first of its keys gets mail, with that key only', async () => {
    const visitId = registerVisit();
    const waiting = rawRequest(network.listeners.http.port, any(visitId, ['P/a', 'P/b'], 10_000), 20_000);
    await expect.poll(() => network.store.stats().waiters).toBe(1);
    expect(statusOf(await rawExchange(network.listeners.http.port, post(visitId, 'P%2Fb', mail(visitId, 'v'))))).toBe(204);
    const answer = (await waiting).text;
    expect(statusOf(answer), answer).toBe(200);
    expect(JSON.parse(bodyOf(answer))).toEqual({ 'P/b': ['v'] });
    expect(network.store.stats().waiters).toBe(0);
  });

  test('malformed keys are refused, and a reader that hangs up frees its place at once', async () => {
    const visitId = registerVisit();
    for (const keys of [{ not: 'a list' }, [], [1], Array.from({ length: 257 }, (_, i) => `P/${i}`)])
      expect(statusOf(await rawExchange(network.listeners.http.port, any(visitId, keys, 100)))).toBe(400);
    const socket = net.connect(network.listeners.http.port, '127.0.0.1');
    socket.write(any(visitId, ['P/a'], 10_000));
    await expect.poll(() => network.store.stats().waiters).toBe(1);
    socket.destroy();
    await expect.poll(() => network.store.stats().waiters).toBe(0);
  });
});

test.describe('writes into a visit are authenticated by its secret and planned origin', () => {
  const postAs = (target: string, host: string, body: string, origin?: string) =>
    `POST ${target} HTTP/1.1\r\nHost: ${host}\r\n${origin ? `Origin: ${origin}\r\n` : ''}Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  const report = (visitId: string, secret: string | undefined, value: unknown) =>
    JSON.stringify({ visitId, secret, self: { origin: 'x' }, observations: { P: { forged: value } }, done: false });

  test('a forged report, from another origin or without the secret, is refused, counted and changes nothing', async () => {
    const visitId = registerVisit();
    const secret = secrets.get(visitId)!;
    const before = network.store.refusedWrites;
    const forged = [
      // another page of the network, no secret
      postAs(`/__op/results/${visitId}`, 'other.test', report(visitId, undefined, 1), 'http://other.test'),
      // the right origin, no secret (or a guessed one)
      postAs(`/__op/results/${visitId}`, 'site.test', report(visitId, undefined, 2), 'http://site.test'),
      postAs(`/__op/results/${visitId}`, 'site.test', report(visitId, '0'.repeat(32), 3), 'null'),
      // the secret, but sent from a page elsewhere (to its own server, or naming another origin)
      postAs(`/__op/results/${visitId}`, 'other.test', report(visitId, secret, 4), 'http://other.test'),
      postAs(`/__op/results/${visitId}`, 'site.test', report(visitId, secret, 5), 'http://other.test'),
    ];
    for (const text of forged) {
      const answer = await rawExchange(network.listeners.http.port, text);
      expect(statusOf(answer), answer).toBe(403);
      expect(bodyOf(answer)).toMatch(/results refused: /);
      expect(answer).not.toMatch(/Access-Control-Allow-Origin/i);
    }
    expect(network.store.latestReport(visitId)).toBeUndefined();
    expect(network.store.refusedWrites - before).toBe(forged.length);
    expect(network.store.requestsFor(visitId).filter((r) => r.refused)).toHaveLength(forged.length);

    // The runner page itself (its origin, or opaque when sandboxed) with the secret is heard, and answered without CORS.
    const own = await rawExchange(network.listeners.http.port, postAs(`/__op/results/${visitId}`, 'site.test', report(visitId, secret, 'real'), 'null'));
    expect(statusOf(own), own).toBe(204);
    expect(own).not.toMatch(/Access-Control-Allow-Origin/i);
    expect(network.store.latestReport(visitId)?.observations).toEqual({ P: { forged: 'real' } });
    expect(network.store.latestReport(visitId)).not.toHaveProperty('secret');
  });

  test('mail and arrivals: only the visit secret, from an origin the probe planned, under a key that is no arrival', async () => {
    const visitId = registerVisit();
    const refused: Array<[string, string, string, string?]> = [
      [`/__op/mail/${visitId}/P%2Fpopup`, 'site.test', mail(visitId, 'x', 'not-the-secret')],
      [`/__op/mail/${visitId}/P%2Fpopup`, 'other.test', mail(visitId, 'x'), 'http://other.test'],
      [`/__op/mail/${visitId}/P%2Farrived%2FN`, 'site.test', mail(visitId, 'GET')],
      [`/__op/mail/${visitId}/Q%2Fpopup`, 'site.test', mail(visitId, 'x')],
    ];
    for (const [target, host, body, origin] of refused) {
      const answer = await rawExchange(network.listeners.http.port, postAs(target, host, body, origin));
      expect(statusOf(answer), `${target} ${host}: ${answer}`).toBe(403);
    }
    const taken = await rawExchange(network.listeners.http.port, get(`/__op/mail/${visitId}/P%2Farrived%2FN`, 'site.test'));
    expect(bodyOf(taken)).toBe('[]');
    const ok = await rawExchange(
      network.listeners.http.port,
      postAs(`/__op/mail/${visitId}/P%2Fpopup`, 'site.test', mail(visitId, 'hello'), 'http://site.test'),
    );
    expect(statusOf(ok), ok).toBe(204);
    expect(bodyOf(await rawExchange(network.listeners.http.port, get(`/__op/mail/${visitId}/P%2Fpopup`, 'site.test')))).toBe('["hello"]');
  });

  test("the visit page may write under a planned probe's key whose plan names only other origins (a click it asks for)", async () => {
    const visitId = registerVisit({ N: { body: 'declared' } });
    const plan = network.store.plan(visitId)!;
    plan.probes.push({
      key: 'R',
      kind: 'fetch',
      params: { target: { at: 'httpOther', response: 'N', url: 'http://other.test/__op/r/R/N' } },
      context: [],
      timeoutMs: 1000,
    });
    const page = await rawExchange(
      network.listeners.http.port,
      postAs(`/__op/mail/${visitId}/R%2Fclick%2Fc1`, 'site.test', mail(visitId, { x: 1, y: 1 }), 'http://site.test'),
    );
    expect(statusOf(page), page).toBe(204);
    // An origin neither the page's nor named by the plan is still refused under that key.
    const elsewhere = await rawExchange(
      network.listeners.http.port,
      postAs(`/__op/mail/${visitId}/R%2Fclick%2Fc2`, 'sub.site.test', mail(visitId, { x: 1, y: 1 }), 'http://sub.site.test'),
    );
    expect(statusOf(elsewhere), elsewhere).toBe(403);
  });
});

test.describe('malformed requests get a 400 that says why', () => {
  test('a request the HTTP parser rejects is answered, not dropped, by the proxy and the fixture server', async () => {
    for (const port of [network.proxy.port, network.listeners.http.port]) {
      for (const text of ['GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 'NOT HTTP AT ALL\r\n\r\n']) {
        const answer = await rawExchange(port, text);
        expect(statusOf(answer), `${port} ${JSON.stringify(text)}: ${answer}`).toBe(400);
        expect(bodyOf(answer)).toMatch(/malformed request: .{8,}/);
      }
    }
  });

  test('malformed host forms get a message about the host form, not about the catalog', async () => {
    const cases: Array<[string, RegExp]> = [
      ['CONNECT site.test:99999 HTTP/1.1\r\nHost: site.test:99999\r\n\r\n', /port 99999 is out of range/],
      ['CONNECT site.test:abc HTTP/1.1\r\nHost: site.test\r\n\r\n', /port "abc" is not a number/],
      ['CONNECT site.test HTTP/1.1\r\nHost: site.test\r\n\r\n', /CONNECT needs host:port/],
      ['CONNECT user@site.test:443 HTTP/1.1\r\nHost: site.test\r\n\r\n', /userinfo/],
      ['CONNECT :443 HTTP/1.1\r\nHost: site.test\r\n\r\n', /empty host/],
      ['GET http://user:pw@site.test/ HTTP/1.1\r\nHost: site.test\r\nConnection: close\r\n\r\n', /userinfo/],
      ['GET http://site.test:99999/ HTTP/1.1\r\nHost: site.test\r\nConnection: close\r\n\r\n', /port 99999 is out of range/],
      ['GET http://[::1/ HTTP/1.1\r\nHost: site.test\r\nConnection: close\r\n\r\n', /malformed/],
    ];
    for (const [text, message] of cases) {
      const answer = await rawExchange(network.proxy.port, text);
      expect(statusOf(answer), `${JSON.stringify(text)}: ${answer}`).toBe(400);
      expect(bodyOf(answer), JSON.stringify(text)).toMatch(message);
    }
  });
});

test.describe('declared responses and the request log take nothing they were not given', () => {
  test('a declared-response lookup sees own properties only', async () => {
    const visitId = registerVisit();
    for (const path of ['P/__proto__', 'P/constructor', 'P/toString', 'P/hasOwnProperty', '__proto__/N', 'constructor/N']) {
      const answer = await rawExchange(network.listeners.http.port, get(`/__op/r/${path}?v=${visitId}`, 'site.test'));
      expect(statusOf(answer), `${path}: ${answer}`).toBe(404);
    }
  });

  test('a request whose path only contains a declared-response path is not logged as that response arriving', async () => {
    const visitId = registerVisit();
    await rawExchange(network.listeners.http.port, get(`//evil.test/__op/r/P/N?v=${visitId}&p=P`, 'site.test'));
    await rawExchange(network.proxy.port, get(`http://site.test//evil.test/__op/r/P/N?v=${visitId}&p=P`, 'site.test'));
    await rawExchange(network.listeners.http.port, get(`/x/__op/r/P/N?v=${visitId}&p=P`, 'site.test'));
    expect(network.store.requestsFor(visitId).filter((r) => r.response !== undefined)).toEqual([]);
  });

  test('a declared response the network cannot serve honestly is answered 500 with the reason, never hangs or writes extra bytes', async () => {
    const visitId = registerVisit({ switching: { status: 101 }, short: { headers: [['Content-Length', '2']], body: 'hello' } });
    for (const name of ['switching', 'short']) {
      const answer = await rawExchange(network.proxy.port, get(`http://site.test/__op/r/P/${name}?v=${visitId}`, 'site.test'));
      expect(statusOf(answer), `${name}: ${answer}`).toBe(500);
      expect(bodyOf(answer)).toContain('cannot be served');
    }
  });

  test('the scenario schema refuses 1xx statuses and framing headers', () => {
    const scenario = (responses: Record<string, unknown>) => ({
      id: 'x.framing',
      area: 'test/x',
      title: 'A scenario with an unservable response',
      spec: ['mainFetch'],
      responses,
      probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' } } },
      expect: { blocked: false, observation: { resolved: true } },
    });
    const refused = (responses: Record<string, unknown>) => {
      try {
        validateScenarios('scenarios/test/framing.ts', [scenario(responses)]);
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refused({ data: { body: 'ok' } })).toBe('accepted');
    for (const status of [100, 101, 103, 199]) expect(refused({ data: { status } }), String(status)).toContain('status');
    expect(refused({ data: { status: 200, preflight: { status: 101 } } })).toContain('status');
    for (const name of ['Content-Length', 'transfer-encoding', 'Connection', 'Keep-Alive', 'Upgrade', 'TE', 'Trailer', 'Proxy-Connection']) {
      expect(refused({ data: { headers: [[name, '1']] } }), name).toContain(name);
    }
    expect(refused({ data: { status: 204, body: 'a body' } })).toContain('204');
  });
});
