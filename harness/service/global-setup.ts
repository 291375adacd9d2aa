/**
 * Playwright global setup of the conformance suite: writes the suite manifest (what workers
 * need to declare the tests, without loading the catalog) and starts the visit service as a
 * child process; both reach the workers through the environment. The returned function stops
 * the service and removes the manifest.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import { READY_PREFIX, SERVICE_ENV } from './client.ts';
import { writeManifest } from '../suite.ts';
import { MANIFEST_ENV } from '../suite-manifest.ts';
import { parsingRequested } from '../../scenarios/parsing/index.ts';

const START_TIMEOUT_MS = 60_000;

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Whether the run includes the parsing area: decided here, from Playwright's command line, and
  // passed on in the environment the service inherits (the manifest lists its visits).
  parsingRequested();
  const manifest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-suite-')), 'manifest.json');
  writeManifest(manifest);
  process.env[MANIFEST_ENV] = manifest;
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
    fs.rmSync(path.dirname(manifest), { recursive: true, force: true });
  };
}
