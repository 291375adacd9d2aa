/**
 * Executes one planned visit on one engine over one fixture network: register the plan, open
 * the start URL in a fresh context, wait for the page's report, collect the request log.
 *
 * Failures of the infrastructure are kept apart from what the engine did:
 *  - a page that never reports (its window or session did not come up) is visited once more;
 *  - a browser, driver or remote end that dies mid-visit is noticed within seconds (the
 *    engine's liveness signal), relaunched, and the visit retried once; if that fails too the
 *    outcome carries `error` and its rows are judged `error`, never an engine verdict.
 */
import crypto from 'node:crypto';
import type { EngineSession, OpenedVisit, OpenOptions } from '../../engines/engine.ts';
import { originUrl } from '../../protocol/origins.ts';
import { serveClicks } from './driver-clicks.ts';
import type { VisitPlan, VisitReport } from '../../protocol/visit.ts';
import { SETTLE_MS, timedOutProbes, type VisitOutcome } from './visit-outcome.ts';

export type { VisitOutcome } from './visit-outcome.ts';
import { buildVisitPlan, startUrl, visitTimeoutMs, type PlannedVisit } from '../plan/planner.ts';
import { withSecret } from '../../protocol/paths.ts';
import type { ServiceNetwork } from './suite.ts';
import { executeChain } from './chain-executor.ts';

export interface VisitExecutor {
  execute(visit: PlannedVisit): Promise<VisitOutcome>;
  /** A chain's members in one browser context (chain-executor.ts); an executor without it runs each on its own. */
  executeChain?(visits: PlannedVisit[]): Array<Promise<VisitOutcome>>;
}

class EngineDied extends Error {}

/** The grants a visit's page declares, as the engine takes them (serialized origins). */
function openOptions(plan: VisitPlan): OpenOptions | undefined {
  if (!plan.grants?.length) return undefined;
  return {
    grants: plan.grants.map((g) => ({
      name: g.name,
      state: g.state,
      origin: originUrl(g.origin),
      ...(g.embeddedOrigin ? { embeddedOrigin: originUrl(g.embeddedOrigin) } : {}),
    })),
  };
}

/**
 * Runs visits on a local engine session. `relaunch` (optional) replaces a dead engine; without
 * it a death is reported as the visit's error.
 */
export class LocalVisitExecutor implements VisitExecutor {
  /** Bumped at every relaunch: visits in flight when the engine died share one relaunch. */
  private generation = 0;
  private relaunching: Promise<void> | undefined;

  constructor(
    private network: Pick<ServiceNetwork, 'store'>,
    private engine: EngineSession,
    private relaunch?: () => Promise<EngineSession>,
  ) {}

  get session(): EngineSession {
    return this.engine;
  }

  executeChain(visits: PlannedVisit[]): Array<Promise<VisitOutcome>> {
    return executeChain({ store: this.network.store, engine: () => this.engine, single: (v, tried) => this.execute(v, tried) }, visits);
  }

  /** `tried`: visit ids already tried for this visit (a chain that broke at it). */
  async execute(visit: PlannedVisit, tried: string[] = []): Promise<VisitOutcome> {
    let died: string | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const generation = this.generation;
      try {
        const out = await this.attempt(visit, tried);
        const timedOut = out.report ? timedOutProbes(out.report) : [];
        if ((out.report && !timedOut.length) || attempt === 1) return { ...out, attempts: [...tried] };
        // A page that never reported, or a probe that did not finish within its bound: run the
        // whole visit once more (a loaded machine can starve one popup or frame). The row names
        // both attempts; a probe that times out twice stays a timeout.
        console.warn(
          `originproof: ${this.engine.info.engine} visit ${out.plan.visitId} (${out.plan.probes.length} probes) ${
            out.report ? `had probes that did not finish in time (${timedOut.join(', ')})` : 'never reported'
          }; running it once more`,
        );
      } catch (e) {
        if (!(e instanceof EngineDied)) throw e;
        died = e.message;
        console.warn(`originproof: ${this.engine.info.engine} died during visit ${tried.at(-1)}: ${died}`);
        if (attempt === 1) break;
        // A death of the whole engine (its browser process, its connection) needs a relaunch; one
        // of a single visit's browser (a WebDriver session's own MiniBrowser, a crashed page)
        // needs only the retry.
        if (!this.engine.died?.()) continue;
        if (!this.relaunch) break;
        try {
          await this.replaceEngine(generation);
        } catch (err) {
          died += `; relaunch failed: ${(err as Error).message}`;
          break;
        }
      }
    }
    const plan = buildVisitPlan(visit, tried.at(-1) ?? 'not-started');
    return { plan, report: undefined, requests: [], durationMs: 0, attempts: tried, engine: this.engine.info, error: `engine died: ${died}` };
  }

  /** Relaunches the engine once per death, however many visits were in flight on it. */
  private async replaceEngine(seenGeneration: number): Promise<void> {
    if (this.generation !== seenGeneration) return; // another visit already relaunched it
    this.relaunching ??= (async () => {
      await this.engine.close().catch(() => undefined);
      this.engine = await this.relaunch!();
      this.generation++;
      console.warn(`originproof: ${this.engine.info.engine} relaunched; running the visits it was running once more`);
    })().finally(() => (this.relaunching = undefined));
    await this.relaunching;
  }

  private async attempt(visit: PlannedVisit, tried: string[]): Promise<Omit<VisitOutcome, 'attempts'>> {
    const visitId = `${this.engine.info.engine}-${visit.key}-${crypto.randomBytes(4).toString('hex')}`;
    tried.push(visitId);
    const plan = buildVisitPlan(visit, visitId);
    const store = this.network.store;
    const secret = store.register(plan);
    const started = Date.now();
    try {
      let opened: OpenedVisit;
      try {
        opened = await this.engine.open(withSecret(startUrl(plan), secret), openOptions(plan));
      } catch (e) {
        if (this.engine.died?.()) throw new EngineDied(this.engine.died() ?? (e as Error).message);
        throw e;
      }
      let report: VisitReport | undefined;
      const stopClicks = serveClicks(store, visitId, opened);
      try {
        const death = opened.died?.then((cause) => {
          throw new EngineDied(cause);
        });
        death?.catch(() => undefined); // settled after the race is over when the visit closes normally
        const waiting = store.waitForReport(visitId, visitTimeoutMs(plan));
        report = await (death ? Promise.race([waiting, death]) : waiting);
        await new Promise((r) => setTimeout(r, SETTLE_MS));
      } finally {
        stopClicks();
        await opened.close();
      }
      return { plan, report, requests: store.requestsFor(visitId), durationMs: Date.now() - started, startedAt: started, engine: this.engine.info };
    } finally {
      store.forget(visitId);
    }
  }
}
