/**
 * Per-run memory of the fixture network: the visits planned, what each page reported, every
 * request each visit caused (the evidence), and a mailbox that lets documents in severed
 * browsing contexts (COOP) still report. Everything belongs to a registered visit and goes
 * with it: a request for a visit nobody registered creates nothing, and each visit is capped.
 */
import crypto from 'node:crypto';
import { arrivalKey } from '../protocol/paths.ts';
import { originUrl, type OriginName } from '../protocol/origins.ts';
import type { DeclaredResponse } from '../protocol/declared-response.ts';
import type { LoggedRequest, VisitPlan, VisitReport } from '../protocol/visit.ts';

export interface StoreLimits {
  /** Visits registered at once (a runner registers one per visit and forgets it after). */
  visits: number;
  /** Requests logged per visit; more means the evidence is incomplete, and reading it fails. */
  requestsPerVisit: number;
  /** Bytes of mail kept per visit (all keys together). */
  mailBytesPerVisit: number;
  /** Mailbox keys per visit. */
  mailKeysPerVisit: number;
  /** Readers waiting on a visit's mailbox at once; more are answered at once. */
  waitersPerVisit: number;
}

export const DEFAULT_LIMITS: StoreLimits = {
  visits: 256,
  requestsPerVisit: 20_000,
  mailBytesPerVisit: 1024 * 1024,
  // Every declared response a visit requests announces its arrival under a key of its own.
  mailKeysPerVisit: 4096,
  waitersPerVisit: 64,
};

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

interface Visit {
  plan: VisitPlan;
  /** Known only to the visit's own documents (handed over in a URL fragment); every write must carry it. */
  secret: string;
  refusals: number;
  probeKeys: Set<string>;
  start: number;
  report: Deferred<VisitReport>;
  latest?: VisitReport;
  requests: LoggedRequest[];
  droppedRequests: number;
  mail: Map<string, unknown[]>;
  mailBytes: number;
  waiters: Set<() => void>;
  /** Called with every mail posted (the harness acts on a page's requests of the driver: a real click). */
  watchers: Set<(key: string, value: unknown) => void>;
}

export type PostResult = 'ok' | 'unknown-visit' | 'full';

/** The origins a probe's plan names (its contexts, targets, and where its declared responses lead). */
function plannedOrigins(plan: VisitPlan, probeKey: string): Set<string> {
  const text = JSON.stringify([plan.probes.find((p) => p.key === probeKey) ?? null, Object.hasOwn(plan.responses, probeKey) ? plan.responses[probeKey] : null]);
  const found = new Set<string>();
  for (const m of text.matchAll(/https?:\/\/[^/"?#\\\s]+/g)) {
    try {
      found.add(new URL(m[0]).origin);
    } catch {
      // not a URL after all
    }
  }
  return found;
}

function sameSecret(a: string, b: unknown): boolean {
  if (typeof b !== 'string' || a.length !== b.length) return false;
  return crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export class VisitStore {
  private visits = new Map<string, Visit>();

  constructor(readonly limits: StoreLimits = DEFAULT_LIMITS) {}

  /** Registers a visit and returns its secret: the harness hands it to the visit's pages in a fragment (withSecret). */
  register(plan: VisitPlan): string {
    if (this.visits.has(plan.visitId)) throw new Error(`visit ${plan.visitId} is already registered`);
    if (this.visits.size >= this.limits.visits) {
      throw new Error(`originproof: ${this.visits.size} visits are registered at once (limit ${this.limits.visits}); are finished visits forgotten?`);
    }
    const secret = crypto.randomBytes(16).toString('hex');
    this.visits.set(plan.visitId, {
      plan,
      secret,
      refusals: 0,
      probeKeys: new Set(plan.probes.map((p) => p.key)),
      start: Date.now(),
      report: deferred(),
      requests: [],
      droppedRequests: 0,
      mail: new Map(),
      mailBytes: 0,
      waiters: new Set(),
      watchers: new Set(),
    });
    return secret;
  }

  /**
   * Why a write into a visit (its results, or mail under a probe's key) must be refused, or
   * undefined: it must carry the visit's secret and come from where the plan put that writer —
   * the runner page's origin for results, an origin the probe's plan names for mail. An opaque
   * (sandboxed) document says Origin "null"; the secret still decides.
   */
  refusal(visitId: string, secret: unknown, at: OriginName | undefined, origin: string | undefined, probeKey?: string): string | undefined {
    const visit = this.visits.get(visitId);
    if (!visit) return `no visit "${visitId}" is registered on this run`;
    if (!sameSecret(visit.secret, secret)) return `the write does not carry the secret of visit "${visitId}"`;
    // The visit page runs every planned probe, so it may write under any of their keys (a real
    // click it asks the driver for, where the probe's targets all lie on other origins); other
    // documents write only under the keys of probes whose plan names their origin.
    const page = originUrl(visit.plan.page.at);
    const allowed = probeKey === undefined ? new Set([page]) : plannedOrigins(visit.plan, probeKey);
    if (probeKey !== undefined && visit.plan.probes.some((p) => p.key === probeKey)) allowed.add(page);
    const where = at ? originUrl(at) : undefined;
    if (!where || !allowed.has(where))
      return `the write reached ${where ?? 'no catalog origin'}, where visit "${visitId}" planned no writer${probeKey ? ` for ${probeKey}` : ''}`;
    if (origin !== undefined && origin !== 'null' && origin !== where) return `the write came from ${origin}, not from ${where}`;
    return undefined;
  }

  /** Counts a refused write and keeps it in the visit's evidence. */
  refuse(visitId: string, entry: Omit<LoggedRequest, 't' | 'visitId' | 'refused'>, why: string): void {
    this.refusedWrites++;
    const visit = this.visits.get(visitId);
    if (!visit) return;
    visit.refusals++;
    this.log({ ...entry, visitId, refused: why });
  }

  /** Writes refused on this run (forged or misplaced results and mail). */
  refusedWrites = 0;

  plan(visitId: string): VisitPlan | undefined {
    return this.visits.get(visitId)?.plan;
  }

  /** A declared response of one probe of one visit; own properties only (`__proto__` is no response). */
  declared(visitId: string, probeKey: string, name: string): DeclaredResponse | undefined {
    const responses = this.visits.get(visitId)?.plan.responses;
    if (!responses || !Object.hasOwn(responses, probeKey)) return undefined;
    const ofProbe = responses[probeKey];
    return Object.hasOwn(ofProbe, name) ? ofProbe[name] : undefined;
  }

  /** Partial reports are kept so a visit that hangs still yields what finished; only planned probe keys are kept. */
  report(report: VisitReport): boolean {
    const entry = this.visits.get(report.visitId);
    if (!entry) return false;
    const planned = Object.fromEntries(Object.entries(report.observations).filter(([key]) => entry.probeKeys.has(key)));
    entry.latest = { ...report, observations: { ...entry.latest?.observations, ...planned } };
    if (report.done) entry.report.resolve(entry.latest);
    return true;
  }

  latestReport(visitId: string): VisitReport | undefined {
    return this.visits.get(visitId)?.latest;
  }

  async waitForReport(visitId: string, timeoutMs: number): Promise<VisitReport | undefined> {
    const entry = this.visits.get(visitId);
    if (!entry) throw new Error(`unknown visit ${visitId}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), timeoutMs)));
    const result = await Promise.race([entry.report.promise, timeout]);
    clearTimeout(timer);
    return result ?? entry.latest;
  }

  /** Logs a request of a visit; returns the entry kept (a gateway adds a later failure to it, the server the head it sent), if any. */
  log(entry: Omit<LoggedRequest, 't'>): LoggedRequest | undefined {
    const visit = this.visits.get(entry.visitId);
    if (!visit) return undefined;
    let kept: LoggedRequest | undefined;
    if (visit.requests.length >= this.limits.requestsPerVisit) visit.droppedRequests++;
    else visit.requests.push((kept = { t: Date.now() - visit.start, ...entry }));
    // Announce the arrival, so a probe waiting for its navigation or form post wakes now.
    if (entry.probe && entry.response) this.post(entry.visitId, arrivalKey(entry.probe, entry.response), entry.method, 16);
    return kept;
  }

  /** The evidence of a visit (or of one probe in it). Fails rather than hand over a log that overflowed. */
  requestsFor(visitId: string, probe?: string): LoggedRequest[] {
    const visit = this.visits.get(visitId);
    if (!visit) return [];
    if (visit.droppedRequests) {
      throw new Error(
        `originproof: visit ${visitId} caused more than ${this.limits.requestsPerVisit} requests (${visit.droppedRequests} not logged); its evidence is incomplete`,
      );
    }
    return probe === undefined ? [...visit.requests] : visit.requests.filter((r) => r.probe === probe);
  }

  post(visitId: string, key: string, value: unknown, bytes: number): PostResult {
    const visit = this.visits.get(visitId);
    if (!visit) return 'unknown-visit';
    const values = visit.mail.get(key);
    if (visit.mailBytes + bytes > this.limits.mailBytesPerVisit || (!values && visit.mail.size >= this.limits.mailKeysPerVisit)) return 'full';
    visit.mailBytes += bytes;
    if (values) values.push(value);
    else visit.mail.set(key, [value]);
    for (const wake of [...visit.waiters]) wake();
    for (const watch of [...visit.watchers]) watch(key, value);
    return 'ok';
  }

  /** Calls `watcher` with every mail posted to the visit from now on; returns the way to stop. */
  watchMail(visitId: string, watcher: (key: string, value: unknown) => void): () => void {
    const visit = this.visits.get(visitId);
    if (!visit) return () => undefined;
    visit.watchers.add(watcher);
    return () => visit.watchers.delete(watcher);
  }

  /** What was posted under `key`, waiting up to `waitMs` for a first value; undefined when the visit is unknown or was forgotten meanwhile. */
  async take(visitId: string, key: string, waitMs: number): Promise<unknown[] | undefined> {
    const visit = this.visits.get(visitId);
    if (!visit) return undefined;
    if (!visit.mail.get(key)?.length && waitMs > 0 && visit.waiters.size < this.limits.waitersPerVisit) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          if (!visit.mail.get(key)?.length && this.visits.get(visitId) === visit) return;
          clearTimeout(timer);
          visit.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(() => {
          visit.waiters.delete(wake);
          resolve();
        }, waitMs);
        visit.waiters.add(wake);
      });
    }
    if (this.visits.get(visitId) !== visit) return undefined;
    return [...(visit.mail.get(key) ?? [])];
  }

  /**
   * What was posted under each of `keys` that has mail, waiting up to `waitMs` (or until `gone`
   * fires: the reader hung up) for the first of them; undefined when the visit is unknown or was
   * forgotten meanwhile.
   */
  async takeAny(visitId: string, keys: string[], waitMs: number, gone?: AbortSignal): Promise<Record<string, unknown[]> | undefined> {
    const visit = this.visits.get(visitId);
    if (!visit) return undefined;
    const some = () => keys.some((k) => visit.mail.get(k)?.length);
    if (!some() && waitMs > 0 && visit.waiters.size < this.limits.waitersPerVisit && !gone?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          visit.waiters.delete(wake);
          gone?.removeEventListener('abort', done);
          resolve();
        };
        const wake = () => {
          if (!some() && this.visits.get(visitId) === visit) return;
          done();
        };
        const timer = setTimeout(done, waitMs);
        gone?.addEventListener('abort', done);
        visit.waiters.add(wake);
      });
    }
    if (this.visits.get(visitId) !== visit) return undefined;
    return Object.fromEntries(keys.flatMap((k) => (visit.mail.get(k)?.length ? [[k, [...visit.mail.get(k)!]]] : [])));
  }

  /** Forget a finished visit: its plan, report, log and mail go, and waiting readers are released. */
  forget(visitId: string): void {
    const visit = this.visits.get(visitId);
    if (!visit) return;
    this.visits.delete(visitId);
    for (const wake of [...visit.waiters]) wake();
  }

  /** What the store holds right now (leak checks). */
  stats(): { visits: number; requests: number; mailboxes: number; mailBytes: number; waiters: number; refusedWrites: number } {
    let requests = 0;
    let mailboxes = 0;
    let mailBytes = 0;
    let waiters = 0;
    for (const v of this.visits.values()) {
      requests += v.requests.length;
      mailboxes += v.mail.size;
      mailBytes += v.mailBytes;
      waiters += v.waiters.size;
    }
    return { visits: this.visits.size, requests, mailboxes, mailBytes, waiters, refusedWrites: this.refusedWrites };
  }
}
