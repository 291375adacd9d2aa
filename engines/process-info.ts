/** Reads what the kernel knows about the browsers we launched: the honest record of their flags. */
import fs from 'node:fs';

export interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string[];
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid, cmdline };
  } catch {
    return undefined;
  }
}

/** Every descendant of `root` (default: this process), breadth first. */
export function descendants(root = process.pid): ProcInfo[] {
  if (!fs.existsSync('/proc')) return [];
  const all = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readProc(Number(d)))
    .filter((p): p is ProcInfo => !!p);
  const out: ProcInfo[] = [];
  let frontier = [root];
  while (frontier.length) {
    const next: number[] = [];
    for (const p of all)
      if (frontier.includes(p.ppid)) {
        out.push(p);
        next.push(p.pid);
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
