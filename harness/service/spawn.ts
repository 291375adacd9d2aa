/**
 * Starts the visit service (harness/service/main.ts) as a child process and waits for its ready
 * line; `stop` ends it (SIGTERM, then SIGKILL after 20 s). It serves the suite `suiteModule`
 * composes (its serviceSuite(), see suite.ts), passed on as ORIGINPROOF_SUITE_MODULE.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { READY_PREFIX, SUITE_MODULE_ENV } from './client.ts';

const START_TIMEOUT_MS = 60_000;

export async function spawnVisitService(suiteModule: string, env: NodeJS.ProcessEnv = process.env): Promise<{ url: string; stop: () => Promise<void> }> {
  const here = fileURLToPath(import.meta.url);
  // main.ts from source, main.js when installed as a package; tsx loads the user's TypeScript
  // config either way, and is resolved from here (a project may have another copy, or none).
  const entry = path.join(path.dirname(here), `main${path.extname(here)}`);
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), entry], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...env, [SUITE_MODULE_ENV]: path.resolve(suiteModule) },
  });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`originproof: the visit service did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    lines.on('line', (line) => {
      if (line.startsWith(READY_PREFIX)) {
        clearTimeout(timer);
        resolve(line.slice(READY_PREFIX.length).trim());
      } else console.log(line);
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`originproof: the visit service exited (${how}) before it was ready; see its output above`));
    });
  });
  let stopping = false;
  void exited.then((how) => {
    if (!stopping) console.error(`originproof: the visit service exited unexpectedly (${how}); the remaining tests will report it`);
  });
  return {
    url,
    async stop() {
      stopping = true;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
