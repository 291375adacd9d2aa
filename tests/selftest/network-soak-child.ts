/**
 * The proxy soak, run in a child process started with --expose-gc (network-soak.test.ts): one
 * fixture network on loopback, hostile and unlucky clients in the same process, then a count of
 * what is left. Prints one JSON line: sockets and heap before and after, and what each workload saw.
 */
import net from 'node:net';
import tls from 'node:tls';
import { startFixtureNetwork } from '../../servers/network.ts';
import type { VisitPlan } from '../../protocol/visit.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run me with node --expose-gc');

const CONCURRENT = Number(process.env.SOAK_CONCURRENT ?? 1000);
const ABORTED_UPLOADS = 200;
const ABORTED_TUNNEL_UPLOADS = 100;
const ABANDONED_DOWNLOADS = 100;
const SLOW_BODIES = 50;
const MAIL_POSTS = 100;
const MAIL_GETS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const network = await startFixtureNetwork();
const proxyPort = network.proxy.port;
const httpPort = network.listeners.http.port;

const VISIT = 'soak';
const plan: VisitPlan = {
  visitId: VISIT,
  page: { at: 'httpSite', url: `http://site.test/__op/visit/${VISIT}`, headers: [] },
  cookies: [],
  probes: [],
  responses: { P: { small: { body: 'ok' }, big: { body: 'b'.repeat(512 * 1024) } } },
  concurrency: 1,
};

/** Open TCP sockets of this process (clients, server sides and proxy upstreams alike). */
function sockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    await sleep(100);
    gc!();
  }
  return process.memoryUsage().heapUsed;
}

function connect(port = proxyPort): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

/** Reads until one full response (headers + Content-Length body) has arrived; returns its status. */
function readResponse(s: net.Socket): Promise<number> {
  return new Promise((resolve) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(buf.slice(0, end))?.[1] ?? 0);
      if (buf.length - end - 4 >= length) done(Number(buf.slice(9, 12)));
    };
    const onClose = () => done(0);
    const done = (status: number) => {
      s.off('data', onData);
      s.off('close', onClose);
      resolve(status);
    };
    s.on('data', onData);
    s.once('close', onClose);
  });
}

const get = (response: string) => `GET http://site.test/__op/r/P/${response}?v=${VISIT} HTTP/1.1\r\nHost: site.test\r\n\r\n`;

/** N keep-alive connections through the proxy, all holding a finished exchange at once. */
async function concurrentConnections(n: number): Promise<{ ok: number; peakProxyConnections: number }> {
  const socks: net.Socket[] = [];
  const responses: Array<Promise<number>> = [];
  // Each asks at once and then stays open (keep-alive): a socket connected early but silent until
  // the last one connects would meet the 10 s header timeout on a loaded machine, which is not
  // what this measures.
  for (let i = 0; i < n; i += 100) {
    const batch = await Promise.all(Array.from({ length: Math.min(100, n - i) }, () => connect()));
    for (const s of batch) {
      s.on('error', () => undefined);
      responses.push(readResponse(s));
      s.write(get('small'));
    }
    socks.push(...batch);
  }
  // Every one of them is open on the proxy at once (the other workloads add their own).
  for (let i = 0; i < 50 && network.proxy.openConnections() < n; i++) await sleep(100);
  const peakProxyConnections = network.proxy.openConnections();
  const statuses = await Promise.all(responses);
  // Half leave politely, half vanish.
  socks.forEach((s, i) => (i % 2 ? s.end() : s.destroy()));
  return { ok: statuses.filter((x) => x === 200).length, peakProxyConnections };
}

async function abortedUploads(n: number): Promise<number> {
  await Promise.all(
    Array.from({ length: n }, async () => {
      const s = await connect();
      s.on('error', () => undefined);
      s.write(`POST http://site.test/__op/r/P/small?v=${VISIT} HTTP/1.1\r\nHost: site.test\r\nContent-Type: text/plain\r\nContent-Length: 1048576\r\n\r\n`);
      s.write(Buffer.alloc(64 * 1024, 0x61));
      await sleep(20);
      s.destroy();
    }),
  );
  return n;
}

async function abortedTunnelUploads(n: number): Promise<number> {
  let opened = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      const s = await connect();
      s.on('error', () => undefined);
      s.write('CONNECT site.test:443 HTTP/1.1\r\nHost: site.test:443\r\n\r\n');
      await new Promise((r) => s.once('data', r));
      const t = tls.connect({ socket: s, servername: 'site.test', rejectUnauthorized: false });
      t.on('error', () => undefined);
      await new Promise((r) => t.once('secureConnect', r));
      opened++;
      t.write(`POST /__op/r/P/small?v=${VISIT} HTTP/1.1\r\nHost: site.test\r\nContent-Length: 1048576\r\n\r\n`);
      t.write(Buffer.alloc(32 * 1024, 0x62));
      await sleep(20);
      t.destroy();
    }),
  );
  return opened;
}

async function abandonedDownloads(n: number): Promise<number> {
  let started = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      const s = await connect();
      s.on('error', () => undefined);
      s.write(get('big'));
      await new Promise((r) => s.once('data', r));
      started++;
      s.pause();
      s.destroy();
    }),
  );
  return started;
}

/** Bodies trickled one byte a second: the servers must cut them off (408) on their own. */
async function slowBodies(n: number): Promise<{ cut: number; status408: number }> {
  const results = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const s = await connect(i % 2 ? proxyPort : httpPort);
      const target = i % 2 ? `http://site.test/__op/mail/${VISIT}/slow` : `/__op/mail/${VISIT}/slow`;
      s.write(`POST ${target} HTTP/1.1\r\nHost: site.test\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n`);
      let text = '';
      s.on('data', (d) => (text += d.toString('latin1')));
      s.on('error', () => undefined);
      const timer = setInterval(() => s.writable && s.write('x'), 1000);
      // A bound of our own, well past the servers' request timeout: a connection still open then is a failure.
      let bound: NodeJS.Timeout | undefined;
      const closed = await new Promise<boolean>((r) => {
        s.once('close', () => r(true));
        bound = setTimeout(() => r(false), 40_000);
      });
      clearTimeout(bound);
      clearInterval(timer);
      s.destroy();
      return { closed, status: Number(text.slice(9, 12)) };
    }),
  );
  return { cut: results.filter((r) => r.closed).length, status408: results.filter((r) => r.status === 408).length };
}

/** Mail for visits that were never registered: 1 MB posts and many reads, all refused, nothing kept. */
async function mailAbuse(posts: number, gets: number): Promise<{ refused: number }> {
  let refused = 0;
  // A JSON string: the old mailbox parsed and kept it.
  const oneMb = Buffer.from(JSON.stringify('c'.repeat(1024 * 1024)));
  for (let i = 0; i < posts; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, j) => {
        const s = await connect(httpPort);
        s.on('error', () => undefined);
        const r = readResponse(s);
        s.write(`POST /__op/mail/ghost-${i + j}/k HTTP/1.1\r\nHost: site.test\r\nContent-Type: text/plain\r\nContent-Length: ${oneMb.length}\r\n\r\n`);
        s.write(oneMb);
        const status = await r;
        if (status >= 400) refused++;
        s.destroy();
      }),
    );
  }
  // Reads pipelined over 20 keep-alive connections.
  const per = Math.ceil(gets / 20);
  await Promise.all(
    Array.from({ length: 20 }, async (_, c) => {
      const s = await connect(httpPort);
      s.on('error', () => undefined);
      for (let i = 0; i < per; i++) {
        const r = readResponse(s);
        s.write(`GET /__op/mail/ghost-${c}-${i}/k HTTP/1.1\r\nHost: site.test\r\n\r\n`);
        if ((await r) >= 400) refused++;
      }
      s.end();
    }),
  );
  return { refused };
}

async function openConnectionsSettle(): Promise<{ http: number; https: number; proxy: number }> {
  // Closing is asynchronous on both ends; give it a bounded moment.
  let c = await network.openConnections();
  for (let i = 0; i < 100 && c.http + c.https + c.proxy > 0; i++) {
    await sleep(100);
    c = await network.openConnections();
  }
  return c;
}

async function round(scale: number, concurrentScale = scale) {
  network.store.register(plan);
  try {
    const [concurrent, uploads, tunnels, downloads, slow, mail] = await Promise.all([
      concurrentConnections(Math.round(CONCURRENT * concurrentScale)),
      abortedUploads(Math.round(ABORTED_UPLOADS * scale)),
      abortedTunnelUploads(Math.round(ABORTED_TUNNEL_UPLOADS * scale)),
      abandonedDownloads(Math.round(ABANDONED_DOWNLOADS * scale)),
      slowBodies(Math.max(2, Math.round(SLOW_BODIES * scale))),
      mailAbuse(Math.max(10, Math.round(MAIL_POSTS * scale)), Math.round(MAIL_GETS * scale)),
    ]);
    return { concurrent, uploads, tunnels, downloads, slow, mail };
  } finally {
    network.store.forget(VISIT);
  }
}

const started = Date.now();
// Warm-up: every code path once, and the full number of connections (Node keeps a pool of up to
// 1,000 HTTP parsers), so the baseline is not a cold heap and growth means state left behind.
await round(0.1, 1);
await openConnectionsSettle();
const before = { heapUsed: await settledHeap(), sockets: sockets(), connections: await network.openConnections() };
const workload = await round(1);
const connectionsAfter = await openConnectionsSettle();
const after = { heapUsed: await settledHeap(), sockets: sockets(), connections: connectionsAfter };
await network.close();
process.stdout.write(`${JSON.stringify({ before, after, workload, durationMs: Date.now() - started })}\n`);
