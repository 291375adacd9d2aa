/**
 * An audit in this process: one fixture network with the user's origins, one engine, the derived
 * probes run by the catalog's own runner (planner, visit protocol, LocalVisitExecutor) and judged
 * by audit/judge.ts. The Playwright fixture for other projects (audit/fixture.ts) and the
 * self-tests use it; `npm run audit` runs the same probes through the visit service instead.
 */
import { launchOptions, type EngineName, type EngineSession, type OpenedVisit } from '../engines/engine.ts';
import { launchEngine, networkOptionsFor } from '../engines/select.ts';
import { startFixtureNetwork, type FixtureNetwork } from '../servers/network.ts';
import type { LoggedRequest } from '../protocol/visit.ts';
import { planVisits, type PlannedVisit } from '../harness/plan/planner.ts';
import { ConformanceRunner } from '../harness/service/runner.ts';
import { deriveAudit, type AuditPlan } from './derive.ts';
import { judgeAudit, type AuditOutcome } from './judge.ts';
import type { AuditConfig } from './config.ts';

/** Visits run side by side on one engine (as two Playwright workers would ask for them). */
const VISITS_AT_ONCE = 2;

export class AuditSession {
  private constructor(
    public plan: AuditPlan,
    readonly network: FixtureNetwork,
    readonly engine: EngineSession,
    private visits: PlannedVisit[],
  ) {}

  /** Derives the config's probes (registering its origins), starts the network, launches the engine. */
  static async start(config: AuditConfig, engineName: EngineName): Promise<AuditSession> {
    const plan = deriveAudit(config);
    const network = await startFixtureNetwork({ ...networkOptionsFor(engineName), upstreams: plan.upstreams, upstreamTimeoutMs: config.upstreamTimeoutMs });
    try {
      const engine = await launchEngine(engineName, launchOptions(network));
      return new AuditSession(plan, network, engine, planVisits(plan.scenarios));
    } catch (e) {
      await network.close();
      throw e;
    }
  }

  /**
   * Points the session at another config, keeping its network and engine (several configs in one
   * worker): its origins are registered now, its upstreams replace the previous ones. The
   * certificate was made at the start: hosts new since then get one without their name, which the
   * engines accept as they accept any certificate of the run. upstreamTimeoutMs stays the first config's.
   */
  useConfig(config: AuditConfig): void {
    this.plan = deriveAudit(config);
    this.network.upstreams.clear();
    for (const [origin, upstream] of this.plan.upstreams) this.network.upstreams.set(origin, upstream);
    this.visits = planVisits(this.plan.scenarios);
  }

  /** Runs every derived probe (or those whose id passes `only`), a fresh runner each time (no cached visits). */
  async run(only: (id: string) => boolean = () => true): Promise<AuditOutcome[]> {
    const visits = this.visits.map((v) => ({ ...v, scenarios: v.scenarios.filter((s) => only(s.id)) })).filter((v) => v.scenarios.length);
    const runner = new ConformanceRunner(this.network, this.engine, visits);
    const outcomes: AuditOutcome[] = [];
    const queue = [...visits];
    const worker = async () => {
      for (let v = queue.shift(); v; v = queue.shift()) {
        for (const s of v.scenarios) outcomes.push(judgeAudit(this.plan.probes.get(s.id)!, await runner.run(s)));
      }
    };
    await Promise.all(Array.from({ length: VISITS_AT_ONCE }, worker));
    const order = this.plan.scenarios.map((s) => s.id);
    return outcomes.sort((a, b) => order.indexOf(a.probe.id) - order.indexOf(b.probe.id));
  }

  /** Opens any URL of the network in a fresh context of the engine (a user's own checks). */
  open(url: string): Promise<OpenedVisit> {
    return this.engine.open(url);
  }

  /** Every request the user's servers received through the network so far, with the answers. */
  traffic(): LoggedRequest[] {
    return [...this.network.upstreamTraffic.entries];
  }

  /** The first request (from now on, or already seen) that `match` accepts, or undefined after `timeoutMs`. */
  async waitForTraffic(match: (r: LoggedRequest) => boolean, timeoutMs = 10_000): Promise<LoggedRequest | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.network.upstreamTraffic.entries.find(match);
      if (found || Date.now() >= deadline) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    await this.engine.close().catch(() => undefined);
    await this.network.close();
  }
}
