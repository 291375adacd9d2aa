/**
 * `npm run audit -- --config FILE` end to end (scripts/audit.ts, what the npm script runs after
 * its bootstrap): the example's own config starts its server (Playwright's webServer), Playwright
 * runs every derived probe in all three engines through the visit service, and the exit code says
 * whether every intent holds (0) or not (1); a config with a mistake stops before any browser
 * starts (2), naming the field. Reports go to a temporary folder.
 */
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, refusedPort } from './user-servers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The child gets no Playwright worker variables: it is a run of its own. */
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

test('a config with a mistake stops the audit before any browser starts, naming the field (exit 2)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-cli-'));
  try {
    const file = path.join(dir, 'originproof.config.mjs');
    fs.writeFileSync(
      file,
      `export default { origins: { 'https://api.test': 'http://127.0.0.1:3000' }, reads: [{ endpoint: 'https://api.test/me', by: ['https://app.tset'] }] };`,
    );
    const r = await audit(['--config', file], { INIT_CWD: dir });
    expect(r.status, r.output).toBe(2);
    expect(r.output).toMatch(/reads\[0\]\.by\[0\]: https:\/\/app\.tset is not an origin declared in origins/);
    expect((await audit([], {})).status).toBe(2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a run that reaches no verdict is not a verdict: a server that will not start ends the audit with exit 2', async () => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-cli-'));
  try {
    const port = await refusedPort();
    const file = path.join(dir, 'originproof.config.mjs');
    fs.writeFileSync(
      file,
      `export default { origins: { 'https://api.test': 'http://127.0.0.1:${port}' }, webServer: { command: 'node -e "process.exit(3)"', url: 'http://127.0.0.1:${port}/health', timeoutMs: 5000 }, notFramed: [{ page: 'https://api.test/' }] };`,
    );
    const r = await audit(['--config', file, '--project', 'chromium'], { INIT_CWD: dir, ORIGINPROOF_AUDIT_OUT: path.join(dir, 'out') });
    expect(r.status, r.output.slice(-3000)).toBe(2);
    expect(r.output).toMatch(/the audit could not run \(no verdict was reached/);
    expect(fs.existsSync(path.join(dir, 'out', 'audit.json'))).toBe(false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

for (const [example, exit] of [
  ['correct', 0],
  // The broken example with the fewest probes: the exit code is what is under test here (every
  // example's verdicts are checked in all three engines by audit-examples.test.ts).
  ['broken-coep-without-corp', 1],
] as const) {
  test(`npm run audit -- --config examples/${example}/originproof.config.ts exits ${exit} after all three engines`, async () => {
    test.setTimeout(300_000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-audit-'));
    try {
      const r = await audit(['--config', `examples/${example}/originproof.config.ts`], {
        INIT_CWD: ROOT,
        ORIGINPROOF_AUDIT_OUT: out,
        ORIGINPROOF_EXAMPLE_PORT: String(await freePort()),
      });
      expect(r.status, r.output.slice(-3000)).toBe(exit);
      const report = JSON.parse(fs.readFileSync(path.join(out, 'audit.json'), 'utf8')) as {
        engines: string[];
        intents: Array<{ id: string; engines: Record<string, string> }>;
      };
      expect(report.engines).toEqual(['chromium', 'firefox', 'webkit']);
      const want = exit === 0 ? 'holds' : 'broken';
      for (const i of report.intents) expect(i.engines, i.id).toEqual({ chromium: want, firefox: want, webkit: want });
      expect(fs.existsSync(path.join(out, 'html', 'index.html'))).toBe(true);
      expect(fs.existsSync(path.join(out, 'matrix.html'))).toBe(true);
      // audit.md escapes Markdown punctuation (header values come from the user's server): read it unescaped.
      const md = fs.readFileSync(path.join(out, 'audit.md'), 'utf8').replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
      if (exit === 1)
        expect(md).toMatch(/CORP internal check step 5: no Cross-Origin-Resource-Policy and the embedder policy require-corp makes it `same-origin`/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
}
