/**
 * Decides when the visit service starts each visit. Playwright hands out tests project by project,
 * so its workers ask for one engine's visits at a time; two visits in one browser then queue on
 * that browser's own main process (Firefox's parent process alone held a core) while the other
 * engines sit idle. Once the run's plan is known (the visit-plan reporter posts it: which visits
 * of which engines, in Playwright's order), the scheduler runs them ahead of the requests, as many
 * at once as the run has workers, each free slot going to the engine with the fewest visits
 * running. A visit a test asks for and that has not started jumps the queue. Without a plan
 * (another reporter, a self-test) visits start when asked for, as before.
 */
export interface PlannedRun {
  /** How many visits may run at once: the run's worker count. */
  slots: number;
  /** The visits of the run, in the order Playwright will ask for them. */
  visits: Array<{ engine: string; key: string }>;
}

export class VisitScheduler {
  private started = new Map<string, Promise<unknown>>();
  private queues = new Map<string, string[]>();
  private urgent: Array<{ engine: string; key: string; release: () => void }> = [];
  private running = new Map<string, number>();
  private slots = Infinity;

  /** `start` executes one visit (it is called once per engine and key). */
  constructor(private start: (engine: string, key: string) => Promise<unknown>) {}

  plan(run: PlannedRun): void {
    this.slots = Math.max(1, run.slots);
    for (const { engine, key } of run.visits) {
      if (this.started.has(id(engine, key))) continue;
      const queue = this.queues.get(engine) ?? [];
      queue.push(key);
      this.queues.set(engine, queue);
    }
    this.pump();
  }

  /** Resolves once the visit has started (now, or when a slot frees); its outcome is the caller's to await. */
  async need(engine: string, key: string): Promise<void> {
    const started = this.started.get(id(engine, key));
    if (started) return;
    await new Promise<void>((release) => {
      this.urgent.push({ engine, key, release });
      this.pump();
    });
  }

  private total(): number {
    let n = 0;
    for (const c of this.running.values()) n += c;
    return n;
  }

  private launch(engine: string, key: string): void {
    this.running.set(engine, (this.running.get(engine) ?? 0) + 1);
    const done = this.start(engine, key).finally(() => {
      this.running.set(engine, (this.running.get(engine) ?? 1) - 1);
      this.pump();
    });
    done.catch(() => undefined); // the requester sees the failure through its own await
    this.started.set(id(engine, key), done);
  }

  private pump(): void {
    // Asked-for visits take the next free slots: a test waits on them now.
    while (this.urgent.length && this.total() < this.slots) {
      const next = this.urgent.shift()!;
      if (!this.started.has(id(next.engine, next.key))) this.launch(next.engine, next.key);
      next.release();
    }
    // Urgent visits already started (by the plan) need no slot.
    for (const u of [...this.urgent]) {
      if (this.started.has(id(u.engine, u.key))) {
        this.urgent.splice(this.urgent.indexOf(u), 1);
        u.release();
      }
    }
    while (!this.urgent.length && this.total() < this.slots) {
      const engine = this.pickEngine();
      if (!engine) return;
      const key = this.queues.get(engine)!.shift()!;
      if (!this.started.has(id(engine, key))) this.launch(engine, key);
    }
  }

  /** The engine with the fewest visits running; of those, the one with the most still queued. */
  private pickEngine(): string | undefined {
    let best: string | undefined;
    for (const [engine, queue] of this.queues) {
      while (queue.length && this.started.has(id(engine, queue[0]))) queue.shift();
      if (!queue.length) continue;
      if (best === undefined) {
        best = engine;
        continue;
      }
      const [r, rb] = [this.running.get(engine) ?? 0, this.running.get(best) ?? 0];
      if (r < rb || (r === rb && queue.length > this.queues.get(best)!.length)) best = engine;
    }
    return best;
  }
}

const id = (engine: string, key: string) => `${engine}|${key}`;
