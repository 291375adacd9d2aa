/**
 * A visit service started by a command (`npm run conformance`) before Playwright: it loads the
 * catalog and launches the engines the command asks for (their boundary canaries included) while
 * Playwright lists the tests, instead of after. The command hands its URL to Playwright's global
 * setup through a file named in the environment; the global setup then starts no service of its
 * own, and the command stops this one once Playwright has exited.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnVisitService } from './spawn.ts';
import { PRELAUNCH_ENV } from './suite.ts';

/** The file the command writes `{url}` (or `{error}`) to once the service is ready (or has failed). */
export const EARLY_SERVICE_ENV = 'ORIGINPROOF_EARLY_SERVICE';

const WAIT_MS = 90_000;

/** The command's side: starts the service now; `env` is what Playwright's process needs to find it. */
export function startEarlyService(suiteModule: string, engines: string[]): { env: Record<string, string>; stop: () => Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-early-'));
  const file = path.join(dir, 'service.json');
  const write = (value: { url: string } | { error: string }) => {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(value));
    fs.renameSync(`${file}.tmp`, file);
  };
  const started = spawnVisitService(suiteModule, { ...process.env, [PRELAUNCH_ENV]: engines.join(',') });
  started.then(
    (s) => write({ url: s.url }),
    (e: Error) => write({ error: e.message }),
  );
  return {
    env: { [EARLY_SERVICE_ENV]: file },
    async stop() {
      const service = await started.catch(() => undefined);
      await service?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The global setup's side: the URL of a service started ahead of Playwright, once it is ready; undefined when there is none. */
export async function earlyServiceUrl(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const file = env[EARLY_SERVICE_ENV];
  if (!file) return undefined;
  const deadline = Date.now() + WAIT_MS;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`originproof: the visit service started before Playwright did not start within ${WAIT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const value = JSON.parse(fs.readFileSync(file, 'utf8')) as { url?: string; error?: string };
  if (!value.url) throw new Error(value.error ?? 'originproof: the visit service started before Playwright gave no URL');
  return value.url;
}
