/**
 * The visit service: the process that executes visits for the whole run, apart from
 * Playwright's workers. Playwright restarts a worker after every failed test; with the browsers,
 * the fixture network and the executed visits living here instead, a failing verdict costs a
 * worker restart (a Node process) and nothing else: no new browser, no visit run twice.
 *
 * It also judges: it has the suite's visits (planned once), so workers need not load them at all.
 * One fixture network and one engine per engine name, each started on first use by the factories
 * the suite injects (suite.ts). HTTP on 127.0.0.1 only: POST /row {engine, id} → { row, engine }
 * (the scenario's result row and the engine record), its visit executed once; POST /visit-rows
 * {engine, key} → { rows, engine }, every row of one visit at once (the parsing area: one test per
 * visit of up to 200 variants); POST /plan {slots, visits: [{engine, key}]} → {} — the run's visits in Playwright's order, so
 * they start ahead of the requests, interleaved across engines (visit-scheduler.ts says why).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchOptions, type EngineInfo, type EngineName, type EngineSession } from '../../engines/engine.ts';
import { ConformanceRunner } from './runner.ts';
import type { ResultRow } from '../judge/results.ts';
import { LocalVisitExecutor } from './visit-executor.ts';
import { VisitScheduler, type PlannedRun } from './visit-scheduler.ts';
import { boundaryRefusal } from './canary.ts';
import { PRELAUNCH_ENV, type ServiceNetwork, type ServiceSuite } from './suite.ts';
import { chainMembers } from '../plan/chains.ts';

interface EngineSlot {
  network: ServiceNetwork;
  executor: LocalVisitExecutor;
  runner: ConformanceRunner;
}

export interface VisitService {
  url: string;
  close(): Promise<void>;
}

export interface RowRequest {
  engine: EngineName;
  /** Scenario id. */
  id: string;
}

export interface RowAnswer {
  row: ResultRow;
  engine: EngineInfo;
}

export interface VisitRowsRequest {
  engine: EngineName;
  /** Visit key. */
  key: string;
}

export interface VisitRowsAnswer {
  rows: ResultRow[];
  engine: EngineInfo;
}

/** One endpoint: its request's check, its size bound, and what answers it. */
export interface Endpoint {
  valid: (p: Record<string, unknown>) => boolean;
  expects: string;
  maxBytes: number;
  answer: (p: never) => Promise<unknown>;
}

export async function startVisitService(suite: ServiceSuite, log: (line: string) => void = console.log): Promise<VisitService> {
  const engines = engineSlots(suite, log);
  // The URL carries a token as its first path segment: only the workers told the URL may drive visits.
  const token = crypto.randomBytes(16).toString('hex');
  const server = http.createServer(answerWith(endpoints(suite, engines.slot), token));
  // Visits can take minutes: no request timeout on a loopback-only control channel.
  server.requestTimeout = 0;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  // Engines a command asked for ahead of the first request (early-service.ts): launched and proven
  // while Playwright still lists the tests. A failure is kept for the first request to report.
  for (const engine of (process.env[PRELAUNCH_ENV] ?? '').split(',')) {
    if (suite.engines.includes(engine as EngineName)) engines.slot(engine as EngineName).catch(() => undefined);
  }
  return {
    url: `http://127.0.0.1:${port}/${token}`,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await engines.close();
    },
  };
}

/**
 * An engine of the suite, launched and proven: before its first visit (and after every relaunch)
 * the boundary canary runs, and an engine whose boundary is off is refused, never judged.
 */
async function launchProven(suite: ServiceSuite, engine: EngineName, network: ServiceNetwork, log: (line: string) => void): Promise<EngineSession> {
  const session = await suite.launch(engine, launchOptions(network));
  const i = session.info;
  log(
    `originproof: ${i.engine} = ${i.browser} [${i.flavour} build, ${i.backend}] ${i.executable}; non-default: ${i.nonDefault.map((n) => n.setting).join(' ')}`,
  );
  const { refusal, canary } = await boundaryRefusal(network, session).catch(async (e: unknown) => {
    await session.close().catch(() => undefined);
    throw e;
  });
  if (refusal) {
    await session.close().catch(() => undefined);
    throw new Error(refusal);
  }
  log(`originproof: ${i.engine} boundary canary passed (${canary.rows.length} probes in one visit, ${canary.durationMs} ms)`);
  return session;
}

/** One fixture network, engine session and runner per engine name, each started on first use. */
function engineSlots(suite: ServiceSuite, log: (line: string) => void): { slot: (engine: EngineName) => Promise<EngineSlot>; close: () => Promise<void> } {
  const slots = new Map<EngineName, Promise<EngineSlot>>();
  const start = async (engine: EngineName): Promise<EngineSlot> => {
    const network = await suite.startNetwork(engine);
    const launch = () => launchProven(suite, engine, network, log);
    try {
      const executor = new LocalVisitExecutor(network, await launch(), launch);
      return { network, executor, runner: new ConformanceRunner(executor, suite.visits) };
    } catch (e) {
      await network.close().catch(() => undefined);
      throw e;
    }
  };
  return {
    slot(engine) {
      let s = slots.get(engine);
      // A launch failure is kept: every later request for the engine gets the same clear error at once.
      if (!s) slots.set(engine, (s = start(engine)));
      return s;
    },
    async close() {
      for (const s of slots.values()) {
        const slot = await s.catch(() => undefined);
        if (!slot) continue;
        await slot.executor.session.close().catch(() => undefined);
        await slot.network.close().catch(() => undefined);
      }
    },
  };
}

/** POST /row, /visit-rows and /plan, answered from the suite's visits. */
function endpoints(suite: ServiceSuite, slot: (engine: EngineName) => Promise<EngineSlot>): Record<string, Endpoint> {
  const { visits } = suite;
  const scenarios = new Map(visits.flatMap((v) => v.scenarios.map((s) => [s.id, s] as const)));
  const byKey = new Map(visits.map((v) => [v.key, v]));
  const visitOf = new Map(visits.flatMap((v) => v.scenarios.map((s) => [s.id, v] as const)));
  // A chain of visits (harness/plan/chains.ts) is scheduled as one unit: it holds one slot while its pages run one after another.
  const chains = chainMembers(visits);
  const unitOf = (key: string) => byKey.get(key)?.chain ?? key;
  const scheduler = new VisitScheduler(async (engine, unit) => {
    const { runner } = await slot(engine as EngineName);
    return Promise.all((chains.get(unit) ?? [byKey.get(unit)!]).map((v) => runner.outcome(v.scenarios[0])));
  });

  async function row(req: RowRequest): Promise<RowAnswer> {
    const scenario = scenarios.get(req.id);
    if (!scenario) throw new Error(`unknown scenario ${req.id} (the service and the test file planned different catalogs)`);
    await scheduler.need(req.engine, unitOf(visitOf.get(req.id)!.key));
    const { runner } = await slot(req.engine);
    const [row, outcome] = await Promise.all([runner.run(scenario), runner.outcome(scenario)]);
    return { row, engine: outcome.engine };
  }

  async function visitRows(req: VisitRowsRequest): Promise<VisitRowsAnswer> {
    const visit = byKey.get(req.key);
    if (!visit) throw new Error(`unknown visit ${req.key} (the service and the test file planned different catalogs)`);
    await scheduler.need(req.engine, unitOf(visit.key));
    const { runner } = await slot(req.engine);
    const [rows, outcome] = await Promise.all([Promise.all(visit.scenarios.map((s) => runner.run(s))), runner.outcome(visit.scenarios[0])]);
    return { rows, engine: outcome.engine };
  }

  async function plan(req: PlannedRun): Promise<Record<string, never>> {
    const unknown = req.visits.find((v) => !suite.engines.includes(v.engine as EngineName) || !byKey.has(v.key));
    if (unknown) throw new Error(`unknown visit ${unknown.engine} ${unknown.key} in the plan (the service and the test file planned different catalogs)`);
    const units = new Map(req.visits.map((v) => [`${v.engine}|${unitOf(v.key)}`, { engine: v.engine, key: unitOf(v.key) }]));
    scheduler.plan({ slots: req.slots, visits: [...units.values()] });
    return {};
  }

  return {
    '/row': {
      valid: (p) => suite.engines.includes(p.engine as EngineName) && typeof p.id === 'string',
      expects: '{engine, id}',
      maxBytes: 10_000,
      answer: row,
    },
    '/visit-rows': {
      valid: (p) => suite.engines.includes(p.engine as EngineName) && typeof p.key === 'string',
      expects: '{engine, key}',
      maxBytes: 10_000,
      answer: visitRows,
    },
    '/plan': {
      valid: (p) =>
        Number.isInteger(p.slots) &&
        Array.isArray(p.visits) &&
        p.visits.every(
          (v: unknown) => typeof (v as PlannedRun['visits'][number])?.engine === 'string' && typeof (v as PlannedRun['visits'][number])?.key === 'string',
        ),
      expects: '{slots, visits: [{engine, key}]}',
      maxBytes: 5_000_000,
      answer: plan,
    },
  };
}

/** How long a request body may take to arrive (a worker sends it at once). */
export const SERVICE_BODY_MS = 10_000;

/** JSON over POST: a request the endpoint's check refuses is a 400, a failed answer a 500 with its message. */
export function answerWith(endpoints: Record<string, Endpoint>, token: string): http.RequestListener {
  return (req, res) => {
    const fail = (status: number, message: string) => {
      if (res.headersSent) return;
      res.writeHead(status, { 'Content-Type': 'application/json', Connection: 'close' });
      res.end(JSON.stringify({ error: message }));
    };
    const prefix = `/${token}/`;
    if (!(req.url ?? '').startsWith(prefix)) return fail(403, 'the visit service answers only requests that carry its token');
    const name = `/${req.url!.slice(prefix.length)}`;
    const endpoint = req.method === 'POST' && Object.hasOwn(endpoints, name) ? endpoints[name] : undefined;
    if (!endpoint) return fail(404, `no such endpoint: ${req.method} ${name}`);
    let body = '';
    req.setEncoding('utf8');
    const slow = setTimeout(() => {
      fail(408, `the request body did not arrive within ${SERVICE_BODY_MS / 1000} s`);
      req.destroy();
    }, SERVICE_BODY_MS);
    req.on('close', () => clearTimeout(slow));
    req.on('data', (c: string) => (body += c.length + body.length > endpoint.maxBytes ? '' : c));
    req.on('end', () => {
      clearTimeout(slow);
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
        if (!endpoint.valid(parsed)) throw new Error(`expected ${endpoint.expects}`);
      } catch (e) {
        return fail(400, `bad visit request: ${(e as Error).message}`);
      }
      endpoint.answer(parsed as never).then(
        (answer) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(answer));
        },
        (e: Error) => fail(500, e.message),
      );
    });
  };
}
