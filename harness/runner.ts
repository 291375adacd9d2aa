/**
 * Runs planned visits on one engine over one fixture network and turns each scenario's
 * observation into a result row. A visit is run once per worker, the first time one of its
 * scenarios is asked for; its other scenarios reuse it.
 */
import crypto from 'node:crypto';
import type { EngineSession } from '../engines/engine.ts';
import type { FixtureNetwork } from '../servers/network.ts';
import { originUrl } from '../servers/origins.ts';
import { buildVisitPlan, controlKey, startUrl, visitTimeoutMs, type PlannedVisit } from './planner.ts';
import type { VisitPlan, VisitReport } from './plan.ts';
import { summarize } from './evidence.ts';
import { judge } from './verdict.ts';
import type { ResultRow } from './results.ts';
import type { Scenario } from './scenario.ts';
import type { LoggedRequest } from '../servers/visit-store.ts';

interface VisitOutcome {
  plan: VisitPlan;
  report: VisitReport | undefined;
  requests: LoggedRequest[];
  durationMs: number;
  /** Visit ids tried; two when the first page never reported. */
  attempts: string[];
}

export class ConformanceRunner {
  private visitOf = new Map<string, PlannedVisit>();
  private outcomes = new Map<string, Promise<VisitOutcome>>();

  constructor(
    private network: FixtureNetwork,
    private engine: EngineSession,
    visits: PlannedVisit[],
  ) {
    for (const v of visits) for (const s of v.scenarios) this.visitOf.set(s.id, v);
  }

  private runVisit(visit: PlannedVisit): Promise<VisitOutcome> {
    let p = this.outcomes.get(visit.key);
    if (!p) {
      p = this.execute(visit);
      this.outcomes.set(visit.key, p);
    }
    return p;
  }

  private async execute(visit: PlannedVisit): Promise<VisitOutcome> {
    // A page that never reports at all (its window or session did not come up) says nothing about
    // the origin boundary: that visit is run once more, and the row records both attempts.
    const first = await this.attempt(visit);
    if (first.report) return first;
    console.warn(
      `originproof: ${this.engine.info.engine} visit ${first.plan.visitId} (${first.plan.probes.length} probes) never reported; running it once more`,
    );
    const second = await this.attempt(visit);
    return { ...second, attempts: [first.plan.visitId, second.plan.visitId] };
  }

  private async attempt(visit: PlannedVisit): Promise<VisitOutcome> {
    const visitId = `${this.engine.info.engine}-${visit.key}-${crypto.randomBytes(4).toString('hex')}`;
    const plan = buildVisitPlan(visit, visitId);
    const store = this.network.store;
    store.register(plan);
    const started = Date.now();
    let report: VisitReport | undefined;
    try {
      const opened = await this.engine.open(startUrl(plan));
      try {
        report = await store.waitForReport(visitId, visitTimeoutMs(plan));
        // Requests a probe set off just before the page reported (form posts, beacons) get a moment to land.
        await new Promise((r) => setTimeout(r, 150));
      } finally {
        await opened.close();
      }
      return { plan, report, requests: store.requestsFor(visitId), durationMs: Date.now() - started, attempts: [visitId] };
    } finally {
      store.forget(visitId);
    }
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
    const visit = this.visitOf.get(s.id);
    if (!visit) throw new Error(`originproof: scenario ${s.id} is not in the planned catalog`);
    const started = Date.now();
    const out = await this.runVisit(visit);
    const observed = out.report?.observations[s.id];
    const requests = out.requests.filter((r) => r.probe === s.id);
    const controlRequests = out.requests.filter((r) => r.probe === controlKey(s.id));
    const evidence = summarize(requests);
    const j = judge({
      scenario: s,
      engine: this.engine.info.engine,
      observed,
      evidence,
      controlObserved: out.report?.observations[controlKey(s.id)],
      controlEvidence: summarize(controlRequests),
      pageOrigin: { planned: originUrl(visit.page.at), actual: out.report?.self?.origin },
    });
    const dev = s.deviations?.[this.engine.info.engine];
    return {
      id: s.id,
      area: s.area,
      title: s.title,
      claims: s.claims ?? [],
      probe: s.probe.kind,
      engine: this.engine.info.engine,
      expected: { blocked: s.expect.blocked, observation: s.expect.observation, evidence: s.expect.evidence },
      observed: observed ?? null,
      verdict: j.verdict,
      reason: j.reason,
      mismatches: j.mismatches,
      control: s.control ? { expected: s.control.expect.observation, observed: j.control?.observed ?? null, ok: !!j.control?.ok } : null,
      deviation: dev ? { observed: dev.observed, reason: dev.reason, link: dev.link } : null,
      evidence: { summary: evidence, requests: [...requests, ...controlRequests] },
      spec: s.spec,
      durationMs: Date.now() - started,
      visit: { id: out.plan.visitId, page: out.plan.page.url, probes: out.plan.probes.length, durationMs: out.durationMs, attempts: out.attempts },
    };
  }
}
