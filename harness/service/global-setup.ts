/**
 * Playwright global setup of the conformance suite: starts the visit service as a child process
 * and hands its URL to the workers (environment). The returned function stops it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { READY_PREFIX, SERVICE_ENV } from './client.ts';
import { parsingRequested } from '../../scenarios/parsing/index.ts';

const START_TIMEOUT_MS = 60_000;

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Decided here, from Playwright's command line, and passed on in the environment the service inherits.
  parsingRequested();
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { stdio: ['pipe', 'pipe', 'inherit'], env: process.env });
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
  process.env[SERVICE_ENV] = url;
  void exited.then((how) => {
    if (!stopping) console.error(`originproof: the visit service exited unexpectedly (${how}); the remaining tests will report it`);
  });
  let stopping = false;
  return async () => {
    stopping = true;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
  };
}
