/**
 * Runs `npm run audit` (scripts/audit.ts) on an example's config as a user would, with the report
 * in a temporary folder and the example server on a free port: the exit code, the output, and
 * audit.json's intents and probes. The audit self-tests of one intent each share it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './user-servers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TEST_|PW_|PLAYWRIGHT_|ORIGINPROOF_)/.test(k)));
  return { ...env, ...extra };
}

function audit(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', 'audit.ts'), ...args], { cwd: ROOT, env: cleanEnv(env) });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}

export interface ProbeOutcome {
  engine: string;
  verdict: string;
  observed: string;
  message: string;
  probe: { id: string; requester: { attacker: boolean } };
  standard: { holds?: boolean; outcome?: string; why: string[]; exchanges: Array<{ request: string; origin?: string; status?: number }> };
}

export interface ExampleRun {
  status: number | null;
  output: string;
  intents: Array<{ id: string; engines: Record<string, string> }>;
  probes: ProbeOutcome[];
  markdown: string;
}

/** `npm run audit -- --config <config>` in this repository; `args`: more options (`--project chromium`). */
export async function runExample(config: string, args: string[] = []): Promise<ExampleRun> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-example-audit-'));
  try {
    const r = await audit(['--config', config, ...args], { INIT_CWD: ROOT, ORIGINPROOF_AUDIT_OUT: out, ORIGINPROOF_EXAMPLE_PORT: String(await freePort()) });
    const file = (name: string) => path.join(out, name);
    const report = fs.existsSync(file('audit.json')) ? JSON.parse(fs.readFileSync(file('audit.json'), 'utf8')) : { intents: [], probes: [] };
    const markdown = fs.existsSync(file('audit.md')) ? fs.readFileSync(file('audit.md'), 'utf8') : '';
    return { ...r, intents: report.intents, probes: report.probes, markdown };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
