/** What executing a visit yields, and the two rules every executor of visits shares. */
import type { EngineInfo } from '../../engines/engine.ts';
import type { LoggedRequest, VisitPlan, VisitReport } from '../../protocol/visit.ts';

export interface VisitOutcome {
  plan: VisitPlan;
  report: VisitReport | undefined;
  requests: LoggedRequest[];
  durationMs: number;
  /** When the visit started (ms since the epoch): a run's timeline, for finding where its time goes. */
  startedAt?: number;
  /** Visit ids tried; more than one when a page never reported or the engine died. */
  attempts: string[];
  engine: EngineInfo;
  /** Set when the infrastructure failed (engine would not start or died twice): rows are `error`. */
  error?: string;
  /** A chained visit (harness/plan/chains.ts): the visits whose pages ran before it in the same browser context. */
  chainedAfter?: string[];
}

/** Grace for requests a probe set off just before the page reported (form posts, beacons). */
export const SETTLE_MS = 150;

/** The probes of a report that did not finish within their own bound. */
export function timedOutProbes(report: VisitReport): string[] {
  return Object.entries(report.observations)
    .filter(([, o]) => o?.timedOut)
    .map(([key]) => key);
}
