/**
 * WebDriver remote ends that hold one session at a time (WebKitWebDriver): concurrent visits each
 * get a driver of their own, kept in a pool and reused. A driver that stops answering is replaced.
 */
import type { DriverProcess } from './driver-process.ts';
import type { NewSession } from './webdriver-client.ts';

export interface PooledSession<T> {
  driver: DriverProcess;
  session: NewSession;
  /** What `snapshot` said of the driver just before the session started. */
  before: T;
}

export class DriverPool {
  private readonly all = new Set<DriverProcess>();
  private readonly idle: DriverProcess[] = [];

  constructor(
    private readonly start: () => Promise<DriverProcess>,
    /** The engine, in warnings. */
    private readonly engine: string,
    /** Names the driver in warnings and errors. */
    private readonly label: string,
  ) {}

  async newDriver(): Promise<DriverProcess> {
    const d = await this.start();
    this.all.add(d);
    return d;
  }

  acquire(): Promise<DriverProcess> {
    const d = this.idle.pop();
    return d ? Promise.resolve(d) : this.newDriver();
  }

  release(d: DriverProcess): void {
    if (this.all.has(d)) this.idle.push(d);
  }

  /** A driver that misbehaved: it and every browser it started end, and it is never handed out again. */
  discard(d: DriverProcess): void {
    this.all.delete(d);
    void d.stop(true);
  }

  /** Settles once every driver (and the browsers it started) has exited. */
  async close(): Promise<void> {
    const stopped = [...this.all].map((d) => d.stop());
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(stopped);
  }

  /**
   * A new session, with the driver that gave it. Seen for visits in 6 of about 30 logged suite and
   * self-test runs: WebKitWebDriver stops answering POST /session. A new driver (and browser) is
   * the only way out; one more try on it, then the error stands (with what the driver wrote).
   */
  async newSession<T>(driver: DriverProcess, capabilities: Record<string, unknown>, snapshot: (d: DriverProcess) => T): Promise<PooledSession<T>> {
    const said = (d: DriverProcess) => (d.stderrTail() ? ` (${this.label}'s stderr: ${d.stderrTail()})` : '');
    let before = snapshot(driver);
    try {
      return { driver, before, session: await driver.client.newSession(capabilities, 30_000) };
    } catch (e) {
      console.warn(`originproof: ${this.engine}: ${(e as Error).message}${said(driver)}; replacing that ${this.label} and trying once more`);
      this.discard(driver);
      const next = await this.newDriver();
      before = snapshot(next);
      try {
        return { driver: next, before, session: await next.client.newSession(capabilities, 60_000) };
      } catch (e2) {
        this.discard(next);
        throw new Error(`${(e2 as Error).message}${said(next)}`, { cause: e2 });
      }
    }
  }
}
