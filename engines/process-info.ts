/** Reads what the kernel knows about the browsers we launched: the honest record of their flags. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string[];
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function readProc(pid: number, ppid = parentOf(pid)): ProcInfo | undefined {
  if (ppid === undefined) return undefined;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid, cmdline };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  if (!fs.existsSync('/proc')) return [];
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

function allProcesses(): ProcInfo[] {
  return allPids()
    .map((pid) => readProc(pid))
    .filter((p): p is ProcInfo => !!p);
}

/**
 * Every descendant of `root` (default: this process), breadth first. Only the descendants'
 * command lines are read: a browser's helpers have long ones, and a WebKitGTK visit asks twice.
 */
export function descendants(root = process.pid): ProcInfo[] {
  const parents = new Map<number, number>();
  for (const pid of allPids()) {
    const ppid = parentOf(pid);
    if (ppid !== undefined) parents.set(pid, ppid);
  }
  const out: ProcInfo[] = [];
  let frontier = new Set([root]);
  while (frontier.size) {
    const next = new Set<number>();
    for (const [pid, ppid] of parents)
      if (frontier.has(ppid)) {
        const info = readProc(pid, ppid);
        if (info) out.push(info);
        next.add(pid);
      }
    frontier = next;
  }
  return out;
}

/**
 * The browser just launched: a direct child of this process that did not exist before.
 * Only direct children count, because helper processes (renderers, content processes)
 * rewrite their command lines into one string and would be mistaken for the browser.
 */
export function findLaunched(match: (cmd: string[]) => boolean, exclude: Set<number> = new Set()): ProcInfo | undefined {
  return descendants()
    .filter((p) => p.ppid === process.pid && !exclude.has(p.pid) && p.cmdline.length > 0 && match(p.cmdline))
    .sort((a, b) => b.pid - a.pid)[0];
}

export function pidsNow(): Set<number> {
  return new Set(descendants().map((p) => p.pid));
}

/**
 * Browsers a WebDriver remote end on this machine started for us: found by a marker only our
 * session's command line carries (the proxy address). Empty for a remote end elsewhere.
 */
export function processesWithArg(marker: string): ProcInfo[] {
  return allProcesses().filter((p) => p.cmdline.some((a) => a.includes(marker)) && !p.cmdline.some((a) => a.startsWith('--type=')));
}

/** Running, not merely unreaped: a browser killed under a remote end stays a zombie until the driver notices. */
export function processAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Removes a browser's temporary profile once it has exited. Its helper processes may still be
 * writing for a moment (ENOTEMPTY), so removal is retried; a directory left in the temp dir is
 * not worth failing a run over.
 */
export function removeTempDir(dir: string): Promise<void> {
  return fs.promises
    .rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 })
    .catch(() => undefined)
    .finally(() => leftAtExit.delete(dir));
}

/** Temporary directories (profiles) made for browsers of this process and not yet removed. */
const leftAtExit = new Set<string>();
let exitHook = false;

/**
 * A browser's temporary directory, removed by removeTempDir() or, on any way out of this process
 * that skipped it (an uncaught error, process.exit from a signal handler's deadline), at exit.
 */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  leftAtExit.add(dir);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const d of leftAtExit) fs.rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}
