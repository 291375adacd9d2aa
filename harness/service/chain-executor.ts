/**
 * Executes a chain of visits (harness/plan/chains.ts) in one browser context: the first page is
 * opened by the engine, and each page, once it has reported, opens the next (plan.next) in a new
 * top-level window without an opener. Each member keeps its own visit id, plan, report and request
 * log; its row names the visits that ran before it in the same context.
 *
 * A chain never decides a verdict by breaking: a page that does not report, a probe that does not
 * finish within its bound, or an engine that dies ends the chain there, and that member and every
 * later one are executed on their own, each in a fresh context (with the usual retry).
 */
import crypto from 'node:crypto';
import type { EngineSession } from '../../engines/engine.ts';
import type { VisitStore } from '../../servers/visit-store.ts';
import type { VisitPlan, VisitReport } from '../../protocol/visit.ts';
import { withSecret } from '../../protocol/paths.ts';
import { buildVisitPlan, startUrl, visitTimeoutMs, type PlannedVisit } from '../plan/planner.ts';
import { SETTLE_MS, timedOutProbes, type VisitOutcome } from './visit-outcome.ts';

export interface ChainDeps {
  store: VisitStore;
  engine: () => EngineSession;
  /** Executes one visit on its own, continuing the list of visit ids already tried for it. */
  single: (visit: PlannedVisit, tried: string[]) => Promise<VisitOutcome>;
}

/** One outcome per member, in order; members after a break are executed on their own. */
export function executeChain(deps: ChainDeps, visits: PlannedVisit[]): Array<Promise<VisitOutcome>> {
  const settles: Array<(o: Promise<VisitOutcome>) => void> = [];
  const outcomes = visits.map(() => new Promise<VisitOutcome>((resolve) => settles.push(resolve)));
  const tried = visits.map((): string[] => []);
  let done = 0;
  const settle = (i: number, o: VisitOutcome) => {
    settles[i](Promise.resolve(o));
    done = i + 1;
  };
  void runChain(deps, visits, tried, settle)
    .catch((e: unknown) => {
      console.warn(
        `originproof: ${deps.engine().info.engine} chain ${visits[0].chain} stopped: ${(e as Error).message.split('\n')[0]}; the rest of the chain runs each on its own`,
      );
    })
    .then(() => {
      for (let i = done; i < visits.length; i++) settles[i](deps.single(visits[i], tried[i]));
    });
  return outcomes;
}

/** Plans of the members, registered last first: each page names the next one's start URL with its secret. */
function registerChain(store: VisitStore, plans: VisitPlan[], tried: string[][]): string {
  let next: string | undefined;
  for (let i = plans.length - 1; i >= 0; i--) {
    if (next) plans[i].next = next;
    next = withSecret(startUrl(plans[i]), store.register(plans[i]));
    tried[i].push(plans[i].visitId);
  }
  return next!;
}

/** Runs the chain as far as it goes, settling each member that reported in full. */
async function runChain(deps: ChainDeps, visits: PlannedVisit[], tried: string[][], settle: (i: number, o: VisitOutcome) => void): Promise<void> {
  const engine = deps.engine();
  const { store } = deps;
  const plans = visits.map((v) => buildVisitPlan(v, `${engine.info.engine}-${v.key}-${crypto.randomBytes(4).toString('hex')}`));
  try {
    const opened = await engine.open(registerChain(store, plans, tried));
    try {
      const death = opened.died?.then((cause): never => {
        throw new Error(`the engine died: ${cause}`);
      });
      death?.catch(() => undefined);
      let started = Date.now();
      for (const [i, plan] of plans.entries()) {
        const waiting = store.waitForReport(plan.visitId, visitTimeoutMs(plan));
        const report: VisitReport | undefined = await (death ? Promise.race([waiting, death]) : waiting);
        const late = report ? timedOutProbes(report) : [];
        const broken = !report ? 'never reported' : late.length ? `had probes that did not finish in time (${late.join(', ')})` : '';
        if (broken) {
          console.warn(
            `originproof: ${engine.info.engine} chain ${visits[0].chain}: page ${plan.visitId} ${broken}; it and the rest of the chain run each on its own`,
          );
          break;
        }
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        const chainedAfter = plans.slice(0, i).map((p) => p.visitId);
        const requests = store.requestsFor(plan.visitId);
        settle(i, { plan, report, requests, durationMs: Date.now() - started, startedAt: started, attempts: [...tried[i]], engine: engine.info, chainedAfter });
        store.forget(plan.visitId);
        started = Date.now();
      }
    } finally {
      await opened.close();
    }
  } finally {
    for (const plan of plans) store.forget(plan.visitId);
  }
}
