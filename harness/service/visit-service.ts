/**
 * The visit service: the process that executes visits for the whole run, apart from
 * Playwright's workers. Playwright restarts a worker after every failed test; with the browsers,
 * the fixture network and the executed visits living here instead, a failing verdict costs a
 * worker restart (a Node process) and nothing else: no new browser, no visit run twice.
 *
 * One fixture network and one engine per engine name, each started on first use. HTTP on
 * 127.0.0.1 only:  POST /visit {engine, key} → VisitOutcome (JSON), executed once per key.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENGINE_NAMES, type EngineName } from '../../engines/engine.ts';
import { launchEngine } from '../../engines/select.ts';
import { startFixtureNetwork, type FixtureNetwork } from '../../servers/network.ts';
import type { PlannedVisit } from '../planner.ts';
import { LocalVisitExecutor, type VisitOutcome } from './visit-executor.ts';

interface EngineSlot {
  network: FixtureNetwork;
  executor: LocalVisitExecutor;
}

export interface VisitService {
  url: string;
  close(): Promise<void>;
}

export interface VisitRequest {
  engine: EngineName;
  key: string;
}

export async function startVisitService(visits: PlannedVisit[], log: (line: string) => void = console.log): Promise<VisitService> {
  const byKey = new Map(visits.map((v) => [v.key, v]));
  const slots = new Map<EngineName, Promise<EngineSlot>>();
  const outcomes = new Map<string, Promise<VisitOutcome>>();

  function slot(engine: EngineName): Promise<EngineSlot> {
    let s = slots.get(engine);
    if (!s) {
      // A launch failure is kept: every later request for the engine gets the same clear error at once.
      s = (async () => {
        const network = await startFixtureNetwork();
        const launch = async () => {
          const session = await launchEngine(engine, { proxyUrl: network.proxy.url });
          const i = session.info;
          log(
            `originproof: ${i.engine} = ${i.browser} [${i.flavour} build, ${i.backend}] ${i.executable}; non-default: ${i.nonDefault.map((n) => n.setting).join(' ')}`,
          );
          return session;
        };
        try {
          return { network, executor: new LocalVisitExecutor(network, await launch(), launch) };
        } catch (e) {
          await network.close().catch(() => undefined);
          throw e;
        }
      })();
      slots.set(engine, s);
    }
    return s;
  }

  function execute(req: VisitRequest): Promise<VisitOutcome> {
    const id = `${req.engine}|${req.key}`;
    let p = outcomes.get(id);
    if (!p) {
      const visit = byKey.get(req.key);
      if (!visit) return Promise.reject(new Error(`unknown visit key ${req.key} (the service and the test file planned different catalogs)`));
      p = slot(req.engine).then((s) => s.executor.execute(visit));
      outcomes.set(id, p);
    }
    return p;
  }

  const server = http.createServer((req, res) => {
    const fail = (status: number, message: string) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: message }));
    };
    if (req.method !== 'POST' || req.url !== '/visit') return fail(404, `no such endpoint: ${req.method} ${req.url}`);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c.length + body.length > 10_000 ? '' : c));
    req.on('end', () => {
      let parsed: VisitRequest;
      try {
        parsed = JSON.parse(body) as VisitRequest;
        if (!(ENGINE_NAMES as string[]).includes(parsed.engine) || typeof parsed.key !== 'string') throw new Error('expected {engine, key}');
      } catch (e) {
        return fail(400, `bad visit request: ${(e as Error).message}`);
      }
      execute(parsed).then(
        (outcome) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(outcome));
        },
        (e: Error) => fail(500, e.message),
      );
    });
  });
  // Visits can take minutes: no request timeout on a loopback-only control channel.
  server.requestTimeout = 0;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      for (const s of slots.values()) {
        const slot = await s.catch(() => undefined);
        if (!slot) continue;
        await slot.executor.session.close().catch(() => undefined);
        await slot.network.close().catch(() => undefined);
      }
    },
  };
}
