/**
 * Per-run memory of the fixture network: the visits planned, what each page reported,
 * every request each visit caused (the evidence), and a mailbox that lets documents in
 * severed browsing contexts (COOP) still report.
 */
import type { VisitPlan, VisitReport } from '../harness/plan.ts';
import type { DeclaredResponse } from './declared-response.ts';
import type { OriginName } from './origins.ts';

export interface LoggedRequest {
  /** Milliseconds since the visit was registered. */
  t: number;
  visitId: string;
  /** Probe key the request belongs to, when the URL says. */
  probe?: string;
  /** Declared response name, for `/__op/r/...` requests. */
  response?: string;
  /** Catalog origin that received the request (from scheme + Host). */
  at?: OriginName;
  method: string;
  path: string;
  origin?: string;
  cookie?: string;
  referer?: string;
  secFetchSite?: string;
  secFetchMode?: string;
  secFetchDest?: string;
  acrMethod?: string;
  acrHeaders?: string;
  /** Request headers the probe set itself (names beginning with x-op-), and authorization. */
  custom?: Record<string, string>;
  contentType?: string;
  status?: number;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export class VisitStore {
  private plans = new Map<string, { plan: VisitPlan; start: number; report: Deferred<VisitReport>; latest?: VisitReport }>();
  private responses = new Map<string, Record<string, DeclaredResponse>>();
  private requests = new Map<string, LoggedRequest[]>();
  private mail = new Map<string, { values: unknown[]; waiters: Array<() => void> }>();

  register(plan: VisitPlan): void {
    if (this.plans.has(plan.visitId)) throw new Error(`visit ${plan.visitId} is already registered`);
    this.plans.set(plan.visitId, { plan, start: Date.now(), report: deferred() });
    this.requests.set(plan.visitId, []);
    for (const [key, declared] of Object.entries(plan.responses)) this.responses.set(key, declared);
  }

  plan(visitId: string): VisitPlan | undefined {
    return this.plans.get(visitId)?.plan;
  }

  declared(probeKey: string, name: string): DeclaredResponse | undefined {
    return this.responses.get(probeKey)?.[name];
  }

  /** Partial reports are kept so a visit that hangs still yields what finished. */
  report(report: VisitReport): boolean {
    const entry = this.plans.get(report.visitId);
    if (!entry) return false;
    entry.latest = { ...report, observations: { ...entry.latest?.observations, ...report.observations } };
    if (report.done) entry.report.resolve(entry.latest);
    return true;
  }

  latestReport(visitId: string): VisitReport | undefined {
    return this.plans.get(visitId)?.latest;
  }

  async waitForReport(visitId: string, timeoutMs: number): Promise<VisitReport | undefined> {
    const entry = this.plans.get(visitId);
    if (!entry) throw new Error(`unknown visit ${visitId}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), timeoutMs)));
    const result = await Promise.race([entry.report.promise, timeout]);
    clearTimeout(timer);
    return result ?? entry.latest;
  }

  log(entry: Omit<LoggedRequest, 't'>): void {
    const visit = this.plans.get(entry.visitId);
    const list = this.requests.get(entry.visitId);
    if (!visit || !list) return;
    list.push({ t: Date.now() - visit.start, ...entry });
  }

  requestsFor(visitId: string, probe?: string): LoggedRequest[] {
    const all = this.requests.get(visitId) ?? [];
    return probe === undefined ? [...all] : all.filter((r) => r.probe === probe);
  }

  post(visitId: string, key: string, value: unknown): void {
    const box = this.box(`${visitId}/${key}`);
    box.values.push(value);
    for (const w of box.waiters.splice(0)) w();
  }

  async take(visitId: string, key: string, waitMs: number): Promise<unknown[]> {
    const box = this.box(`${visitId}/${key}`);
    if (box.values.length === 0 && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        box.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return [...box.values];
  }

  private box(id: string) {
    let box = this.mail.get(id);
    if (!box) this.mail.set(id, (box = { values: [], waiters: [] }));
    return box;
  }

  /** Forget a finished visit so long runs keep a flat memory profile. */
  forget(visitId: string): void {
    const plan = this.plans.get(visitId)?.plan;
    if (plan) for (const key of Object.keys(plan.responses)) this.responses.delete(key);
    this.plans.delete(visitId);
    this.requests.delete(visitId);
    for (const id of [...this.mail.keys()]) if (id.startsWith(`${visitId}/`)) this.mail.delete(id);
  }
}
