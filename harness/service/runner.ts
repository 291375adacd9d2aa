/**
 * Turns each scenario's share of a visit into a result row. A visit is executed once (by a
 * VisitExecutor: locally, or by the visit service that outlives Playwright's workers), the
 * first time one of its scenarios is asked for; its other scenarios reuse the outcome.
 */
import type { EngineSession } from '../../engines/engine.ts';
import type { FixtureNetwork } from '../../servers/network.ts';
import { originUrl } from '../../protocol/origins.ts';
import { buildVisitPlan, controlKeyIn, visitTimeoutMs, type PlannedVisit } from '../plan/planner.ts';
import { chainMembers } from '../plan/chains.ts';
import { summarize } from '../judge/evidence.ts';
import { judge } from '../judge/verdict.ts';
import { servedMismatches } from '../judge/served.ts';
import { fetchModelTrace } from '../judge/model-trace.ts';
import type { ResultRow } from '../judge/results.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { LocalVisitExecutor, type VisitExecutor, type VisitOutcome } from './visit-executor.ts';

export class ConformanceRunner {
  private visitOf = new Map<string, PlannedVisit>();
  private chains: Map<string, PlannedVisit[]>;
  private outcomes = new Map<string, Promise<VisitOutcome>>();
  private executor: VisitExecutor;

  /** Runs visits locally on `engine` over `network`. */
  constructor(network: FixtureNetwork, engine: EngineSession, visits: PlannedVisit[]);
  /** Runs visits through any executor (the visit service's client). */
  constructor(executor: VisitExecutor, visits: PlannedVisit[]);
  constructor(a: FixtureNetwork | VisitExecutor, b: EngineSession | PlannedVisit[], c?: PlannedVisit[]) {
    const visits = Array.isArray(b) ? b : (c ?? []);
    this.executor = 'execute' in a ? a : new LocalVisitExecutor(a, b as EngineSession);
    for (const v of visits) for (const s of v.scenarios) this.visitOf.set(s.id, v);
    this.chains = chainMembers(visits);
  }

  /** The executed outcome of a scenario's visit (executed on first request). */
  outcome(s: Scenario): Promise<VisitOutcome> {
    const visit = this.visitOf.get(s.id);
    if (!visit) throw new Error(`originproof: scenario ${s.id} is not in the planned catalog`);
    let p = this.outcomes.get(visit.key);
    if (!p) {
      const chain = visit.chain ? this.chains.get(visit.chain) : undefined;
      if (chain && this.executor.executeChain) {
        // The whole chain runs once, whichever of its members is asked for first.
        const outcomes = this.executor.executeChain(chain);
        chain.forEach((m, i) => this.outcomes.set(m.key, outcomes[i]));
        return outcomes[chain.indexOf(visit)];
      }
      p = this.executor.execute(visit);
      this.outcomes.set(visit.key, p);
    }
    return p;
  }

  /**
   * How long a test may wait for its row: the bound of its whole visit plus time to open the
   * engine's window/session. Serial visits of popups can outlast a flat test timeout.
   */
  testTimeoutMs(s: Scenario): number {
    const visit = this.visitOf.get(s.id);
    if (!visit) return 0;
    return 2 * visitTimeoutMs(buildVisitPlan(visit, 'bound')) + 60_000;
  }

  async run(s: Scenario): Promise<ResultRow> {
    const visit = this.visitOf.get(s.id)!;
    const started = Date.now();
    const out = await this.outcome(s);
    return buildRow(s, visit, out, Date.now() - started);
  }
}

function modelOf(s: Scenario): Pick<ResultRow, 'model'> {
  const trace = fetchModelTrace(s);
  return trace ? { model: { trace } } : {};
}

/** One scenario's row from its visit's outcome: the same for engines driven here and for a person's browser (serve mode). */
export function buildRow(s: Scenario, visit: PlannedVisit, out: VisitOutcome, durationMs: number): ResultRow {
  const engine = out.engine.engine;
  // Recorded deviations are per engine family: a WebDriver remote end driving Chromium is judged as Chromium.
  const family = out.engine.family ?? engine;
  const observed = out.report?.observations[s.id];
  const requests = out.requests.filter((r) => r.probe === s.id);
  const control = controlKeyIn(visit, s.id);
  const controlRequests = out.requests.filter((r) => r.probe === control);
  const evidence = summarize(requests);
  const j = judge({
    scenario: s,
    engine: family,
    observed,
    evidence,
    controlObserved: out.report?.observations[control],
    controlEvidence: summarize(controlRequests),
    pageOrigin: { planned: originUrl(visit.page.at), actual: out.report?.self?.origin },
    served: servedMismatches([...requests, ...controlRequests], out.plan.responses),
  });
  const dev = s.deviations?.[family];
  return {
    id: s.id,
    area: s.area,
    title: s.title,
    claims: s.claims ?? [],
    probe: s.probe.kind,
    engine,
    expected: { blocked: s.expect.blocked, observation: s.expect.observation, evidence: s.expect.evidence },
    observed: observed ?? null,
    // An infrastructure failure (the engine died twice) says nothing about the engine's boundary.
    verdict: out.error ? 'error' : j.verdict,
    reason: out.error ? `infrastructure failure, not an engine verdict: ${out.error}` : j.reason,
    mismatches: j.mismatches,
    control: s.control ? { expected: s.control.expect.observation, observed: j.control?.observed ?? null, ok: !!j.control?.ok } : null,
    deviation: dev ? { observed: dev.observed, reason: dev.reason, link: dev.link } : null,
    evidence: { summary: evidence, requests: [...requests, ...controlRequests] },
    spec: s.spec,
    ...modelOf(s),
    durationMs,
    visit: {
      id: out.plan.visitId,
      page: out.plan.page.url,
      probes: out.plan.probes.length,
      durationMs: out.durationMs,
      ...(out.startedAt ? { startedAt: out.startedAt } : {}),
      attempts: out.attempts,
      ...(out.chainedAfter?.length ? { chainedAfter: out.chainedAfter } : {}),
    },
  };
}
