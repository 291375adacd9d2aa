/** The Firefox process the direct driver starts: its exit, its stderr, and the WebDriver BiDi endpoint it announces there. */
import { spawn } from 'node:child_process';

export interface FirefoxProcess {
  /** Settles with the cause when the process exits or could not be started. */
  exit: Promise<string>;
  /** The cause, once it has exited. */
  exited(): string | undefined;
  /** "ws://127.0.0.1:PORT", as Firefox announces it on stderr; rejects on exit or after 60 s. */
  endpoint: Promise<string>;
  /** The last lines Firefox wrote on stderr, for errors ("" when it wrote nothing). */
  stderrNote(): string;
  kill(): void;
}

export function startFirefoxProcess(executable: string, args: string[]): FirefoxProcess {
  const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderrTail = '';
  let exited: string | undefined;
  const exit = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve((exited = `Firefox exited (${signal ?? `code ${code}`})`)));
    child.once('error', (e) => resolve((exited = `Firefox could not be started: ${e.message}`)));
  });
  // Firefox announces its endpoint on stderr: "WebDriver BiDi listening on ws://127.0.0.1:PORT".
  const endpoint = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no WebDriver BiDi endpoint announced within 60 s')), 60_000);
    child.stderr!.on('data', (d: Buffer) => {
      stderrTail = (stderrTail + d.toString()).slice(-4000);
      const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(stderrTail);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exit.then((c) => {
      clearTimeout(timer);
      reject(new Error(c));
    });
  });
  endpoint.catch(() => undefined);
  return {
    exit,
    exited: () => exited,
    endpoint,
    stderrNote: () => (stderrTail.trim() ? ` (stderr: ${stderrTail.trim().split('\n').slice(-2).join(' | ')})` : ''),
    kill: () => child.kill('SIGKILL'),
  };
}
