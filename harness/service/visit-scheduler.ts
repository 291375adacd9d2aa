/**
 * Decides when the visit service starts each visit. Playwright hands out tests project by project,
 * so its workers ask for one engine's visits at a time; two visits in one browser then queue on
 * that browser's own main process (Firefox's parent process alone held a core) while the other
 * engines sit idle. Once the run's plan is known (the visit-plan reporter posts it: which visits
 * of which engines, in Playwright's order), the scheduler runs them ahead of the requests, as many
 * at once as the plan's slots, each free slot going to the engine with the fewest visits
 * running (a test's own request goes first within its engine, so the engines stay interleaved
 * even while every worker waits on one engine). Without a plan (another reporter, a self-test)
 * visits start when asked for.
 */
export interface PlannedRun {
  /** How many visits may run at once (the visit-plan reporter: the run's workers + 3, or ORIGINPROOF_VISIT_SLOTS). */
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
    if (this.started.has(id(engine, key))) return;
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

  /** Starts a visit once, and releases every test waiting for it to start. */
  private launch(engine: string, key: string): void {
    if (!this.started.has(id(engine, key))) {
      this.running.set(engine, (this.running.get(engine) ?? 0) + 1);
      const done = this.start(engine, key).finally(() => {
        this.running.set(engine, (this.running.get(engine) ?? 1) - 1);
        this.pump();
      });
      done.catch(() => undefined); // the requester sees the failure through its own await
      this.started.set(id(engine, key), done);
    }
    for (const u of this.urgent.filter((w) => w.engine === engine && w.key === key)) {
      this.urgent.splice(this.urgent.indexOf(u), 1);
      u.release();
    }
  }

  private pump(): void {
    while (this.total() < this.slots) {
      const engine = this.pickEngine();
      if (!engine) return;
      // Within the engine, the visit a test waits on goes first, then the plan's next.
      const asked = this.urgent.find((u) => u.engine === engine);
      this.launch(engine, asked ? asked.key : this.queues.get(engine)!.shift()!);
    }
  }

  /** Visits of an engine still to start: asked for, or planned. */
  private waiting(engine: string): number {
    const queue = this.queues.get(engine) ?? [];
    while (queue.length && this.started.has(id(engine, queue[0]))) queue.shift();
    return this.urgent.filter((u) => u.engine === engine).length + queue.length;
  }

  /** Of the engines with visits to start: the one with the fewest running, then the most waiting. */
  private pickEngine(): string | undefined {
    let best: string | undefined;
    for (const engine of new Set([...this.queues.keys(), ...this.urgent.map((u) => u.engine)])) {
      const waiting = this.waiting(engine);
      if (!waiting) continue;
      if (best === undefined) {
        best = engine;
        continue;
      }
      const [r, rb] = [this.running.get(engine) ?? 0, this.running.get(best) ?? 0];
      if (r < rb || (r === rb && waiting > this.waiting(best))) best = engine;
    }
    return best;
  }
}

const id = (engine: string, key: string) => `${engine}|${key}`;
