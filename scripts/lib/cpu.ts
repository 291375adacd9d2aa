/**
 * CPU seconds of a process tree, read from /proc: steadier than wall time on a noisy machine.
 * A sampler polls /proc so that processes which exit between two reads are still counted up to
 * their last sample, and processes that leave the tree (re-parented to init, as WebKitGTK's web
 * and network processes can be) stay attributed once seen.
 */
import fs from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  ticks: number;
  start: number;
}

function readAll(): Proc[] {
  const out: Proc[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      // fields after comm: state(0) ppid(1) … utime(11) stime(12) … starttime(19); children's cutime is left out
      // (each child is sampled itself, and counting its reaped total again would count it twice)
      out.push({ pid: Number(d), ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]), start: Number(f[19]) });
    } catch {
      /* the process exited while we read it */
    }
  }
  return out;
}

export class TreeCpuSampler {
  /** pid:start → last seen ticks and command name */
  private seen = new Map<string, { ticks: number; comm: string }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly root: number = process.pid,
    private readonly periodMs = 250,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.periodMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    this.sample();
    if (this.timer) clearInterval(this.timer);
  }

  sample(): void {
    const all = readAll();
    const children = new Map<number, Proc[]>();
    for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
    const inTree = new Set<string>();
    const frontier = [this.root];
    while (frontier.length) {
      const pid = frontier.pop()!;
      for (const c of children.get(pid) ?? []) {
        inTree.add(`${c.pid}:${c.start}`);
        frontier.push(c.pid);
      }
    }
    for (const p of all) {
      const key = `${p.pid}:${p.start}`;
      if (inTree.has(key) || this.seen.has(key)) this.seen.set(key, { ticks: p.ticks, comm: p.comm });
    }
  }

  /** CPU seconds of every process seen in the tree so far (the root excluded), optionally by command name. */
  seconds(filter: (comm: string) => boolean = () => true): number {
    let ticks = 0;
    for (const v of this.seen.values()) if (filter(v.comm)) ticks += v.ticks;
    return ticks / TICKS;
  }

  byCommand(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const v of this.seen.values()) out[v.comm] = (out[v.comm] ?? 0) + v.ticks / TICKS;
    return out;
  }
}

/** CPU seconds this Node process has used itself. */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
