/**
 * One person's browser running the selected visits, one at a time, in its run window. The
 * browser pulls each visit (GET …/next): the server registers the visit, sends the window
 * through the state-clearing chain to the visit's page, and the page, once it has reported,
 * comes back for the next. Rows are built exactly as for a driven engine (harness/service/runner.ts).
 * A browser that goes quiet is stopped: what it finished keeps its verdicts, the rest is `not-run`.
 */
import crypto from 'node:crypto';
import type { EngineInfo } from '../engines/engine.ts';
import { buildRow } from '../harness/service/runner.ts';
import type { VisitOutcome } from '../harness/service/visit-executor.ts';
import { buildVisitPlan, startUrl, visitTimeoutMs, type PlannedVisit } from '../harness/plan/planner.ts';
import { withSecret } from '../protocol/paths.ts';
import type { VisitPlan } from '../protocol/visit.ts';
import type { ResultRow } from '../harness/judge/results.ts';
import type { Scenario } from '../harness/scenario/scenario.ts';
import type { Verdict } from '../harness/judge/verdict.ts';
import type { VisitStore } from '../servers/visit-store.ts';
import { originUrl } from '../protocol/origins.ts';
import { clearStateUrl } from '../servers/clear-state.ts';

export const SERVE_PREFIX = '/__op/serve';
/** The same pause the driven runner gives late requests (beacons, form posts) after a report. */
const LATE_REQUESTS_MS = 150;

export type RunState = 'ready' | 'running' | 'finished' | 'stopped';

interface CurrentVisit {
  index: number;
  visit: PlannedVisit;
  plan: VisitPlan;
  started: number;
  boundMs: number;
  /** Requests and observations seen so far: any change means the browser is alive. */
  activity: number;
}

export interface RunProgress {
  id: string;
  column: string;
  browser: string;
  state: RunState;
  stopReason?: string;
  visits: { done: number; total: number };
  scenarios: { done: number; total: number };
  verdicts: Partial<Record<Verdict, number>>;
  current?: { index: number; page: string; scenarios: number; elapsedMs: number; boundMs: number };
  /** Milliseconds since the run window was last heard from, and after how long the run is stopped. */
  quietMs: number;
  stopAfterMs: number;
}

export interface PersonRunOptions {
  visits: PlannedVisit[];
  store: VisitStore;
  info: EngineInfo;
  /** A run window quiet this long (and at least its visit's bound) is taken as gone. */
  quietLimitMs: number;
  /** Called after every visit and at the end, with every row so far (finished, not-run). */
  onRows: (run: PersonRun) => void;
  onEnd: (run: PersonRun) => void;
}

export class PersonRun {
  readonly id = crypto.randomBytes(6).toString('hex');
  readonly rows = new Map<string, ResultRow>();
  state: RunState = 'ready';
  stopReason?: string;
  private nextIndex = 0;
  private current?: CurrentVisit;
  private lastHeard = Date.now();

  constructor(private readonly opts: PersonRunOptions) {}

  get info(): EngineInfo {
    return this.opts.info;
  }

  get nextPath(): string {
    return `${SERVE_PREFIX}/run/${this.id}/next`;
  }

  get donePath(): string {
    return `${SERVE_PREFIX}/run/${this.id}/done`;
  }

  get ended(): boolean {
    return this.state === 'finished' || this.state === 'stopped';
  }

  /** The run window asks where to go next: finishes the visit it was on, starts the next one. */
  advance(): string {
    this.lastHeard = Date.now();
    if (this.ended) return this.donePath;
    this.state = 'running';
    if (this.current) this.finishVisit(this.current, false);
    if (this.nextIndex >= this.opts.visits.length) {
      this.end('finished');
      return this.donePath;
    }
    const index = this.nextIndex++;
    const visit = this.opts.visits[index];
    const plan = buildVisitPlan(visit, `p${this.id}-${visit.key}-${crypto.randomBytes(3).toString('hex')}`);
    plan.then = this.nextPath;
    const secret = this.opts.store.register(plan);
    const current: CurrentVisit = { index, visit, plan, started: Date.now(), boundMs: visitTimeoutMs(plan), activity: 0 };
    this.current = current;
    void this.opts.store.waitForReport(plan.visitId, current.boundMs).then((report) => {
      if (report?.done) setTimeout(() => this.current === current && this.finishVisit(current, false), LATE_REQUESTS_MS);
    });
    // The secret rides in the fragment, which the clearing chain carries along to the visit's page.
    return withSecret(clearStateUrl(startUrl(plan), originUrl('site')), secret);
  }

  /** Called every second or so: notices activity, stops a browser that went quiet. */
  tick(now = Date.now()): void {
    if (this.ended) return;
    const cur = this.current;
    if (cur) {
      const activity = this.requestsOf(cur).requests.length + Object.keys(this.opts.store.latestReport(cur.plan.visitId)?.observations ?? {}).length;
      if (activity !== cur.activity) {
        cur.activity = activity;
        this.lastHeard = now;
      }
    }
    // A live page always ends its visit (every probe has its own bound) and asks for the next one,
    // so a visit only outlasts its bound when the window is gone or stuck: the quiet rule decides.
    // Its finished observations keep their verdicts; the rest is not-run, not "timeout".
    if (now - this.lastHeard > this.stopAfterMs()) {
      const quiet = Math.round((now - this.lastHeard) / 1000);
      this.stop(
        this.state === 'ready'
          ? `the run window never opened in ${quiet} s (a blocked popup?)`
          : `nothing was heard from the run window for ${quiet} s (closed, quit, or held on a page it cannot leave, such as a certificate warning)`,
      );
    }
  }

  /** Ends the run now: the visit under way keeps what it observed, everything after it is not-run. */
  stop(reason: string): void {
    if (this.ended) return;
    this.stopReason = reason;
    if (this.current) this.finishVisit(this.current, true);
    for (const visit of this.opts.visits.slice(this.nextIndex)) {
      for (const s of visit.scenarios) this.rows.set(s.id, this.notRun(s, visit, buildVisitPlan(visit, 'not-run'), reason));
    }
    this.nextIndex = this.opts.visits.length;
    this.end('stopped');
  }

  progress(now = Date.now()): RunProgress {
    const verdicts: Partial<Record<Verdict, number>> = {};
    for (const r of this.rows.values()) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
    const cur = this.current;
    return {
      id: this.id,
      column: this.info.engine,
      browser: this.info.browser,
      state: this.state,
      ...(this.stopReason ? { stopReason: this.stopReason } : {}),
      visits: { done: this.nextIndex - (cur ? 1 : 0), total: this.opts.visits.length },
      scenarios: { done: this.rows.size, total: this.opts.visits.reduce((n, v) => n + v.scenarios.length, 0) },
      verdicts,
      ...(cur
        ? { current: { index: cur.index, page: cur.plan.page.url, scenarios: cur.visit.scenarios.length, elapsedMs: now - cur.started, boundMs: cur.boundMs } }
        : {}),
      quietMs: now - this.lastHeard,
      stopAfterMs: this.stopAfterMs(),
    };
  }

  private stopAfterMs(): number {
    return Math.max(this.opts.quietLimitMs, (this.current?.plan.probes.reduce((m, p) => Math.max(m, p.timeoutMs), 0) ?? 0) + 10_000);
  }

  private finishVisit(cur: CurrentVisit, stopped: boolean): void {
    if (this.current !== cur) return;
    this.current = undefined;
    const { store } = this.opts;
    const out: VisitOutcome = {
      plan: cur.plan,
      report: store.latestReport(cur.plan.visitId),
      ...this.requestsOf(cur),
      durationMs: Date.now() - cur.started,
      attempts: [cur.plan.visitId],
      engine: this.info,
    };
    store.forget(cur.plan.visitId);
    for (const s of cur.visit.scenarios) {
      const unfinished = stopped && out.report?.observations[s.id] === undefined;
      this.rows.set(s.id, unfinished ? this.notRun(s, cur.visit, cur.plan, this.stopReason ?? 'the run stopped') : buildRow(s, cur.visit, out, out.durationMs));
    }
    this.opts.onRows(this);
  }

  /** The visit's request log; one that overflowed makes its rows `error` (evidence incomplete), as in a driven run. */
  private requestsOf(cur: CurrentVisit): Pick<VisitOutcome, 'requests' | 'error'> {
    try {
      return { requests: this.opts.store.requestsFor(cur.plan.visitId) };
    } catch (e) {
      return { requests: [], error: (e as Error).message };
    }
  }

  private notRun(s: Scenario, visit: PlannedVisit, plan: VisitPlan, reason: string): ResultRow {
    const row = buildRow(s, visit, { plan, report: undefined, requests: [], durationMs: 0, attempts: [], engine: this.info }, 0);
    return { ...row, verdict: 'not-run', reason: `not run: ${reason}`, mismatches: [] };
  }

  private end(state: 'finished' | 'stopped'): void {
    this.state = state;
    this.opts.onRows(this);
    this.opts.onEnd(this);
  }
}
