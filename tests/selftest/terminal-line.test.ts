/**
 * The terminal shows one short line per visit, and a scenario id still selects its visit: the ids
 * are tags of the visit test (Playwright's --grep matches title and tags), and the list reporter
 * leaves tags off the line. Run for real on the conformance config, without a browser: the
 * `webdriver` project aimed at a port where nothing listens fails at launch, so its visit prints
 * its line (✘) and its rows are `error`, in a second or two. Every output goes to a temporary folder.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** A scenario of the default catalog that shares its visit with 39 others. */
const SCENARIO = 'cors.claims.c54-put-preflight';
const MAX_LINE = 200;

test('--grep <scenario id> selects the visit that holds it, and the terminal line for it is short', () => {
  test.setTimeout(120_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-line-'));
  try {
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--project', 'webdriver', '--grep', SCENARIO, '--output', path.join(tmp, 'out')],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 110_000,
        env: {
          ...process.env,
          ORIGINPROOF_WEBDRIVER_URL: 'http://127.0.0.1:9',
          ORIGINPROOF_RESULTS: path.join(tmp, 'results.json'),
          ORIGINPROOF_MATRIX_DIR: path.join(tmp, 'matrix'),
          PLAYWRIGHT_HTML_OUTPUT_DIR: path.join(tmp, 'html'),
          FORCE_COLOR: '0',
        },
      },
    );
    const out = r.stdout.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
    expect(out, r.stderr).toContain('Running 1 test using 1 worker');
    // The list reporter's line for the visit: status, index, project, file, describe, title, duration.
    const lines = out.split('\n').filter((l) => /^\s+[✘✓]\s+\d+ \[webdriver\] › /.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0].length, lines[0]).toBeLessThanOrEqual(MAX_LINE);
    expect(lines[0]).not.toContain(`@${SCENARIO}`);
    expect(lines[0]).toMatch(/visit \S+ \(\w+\): \d+ scenarios, /);
    // The selected visit holds the scenario: its row is in the (failed run's) results file, as an infrastructure error.
    const results = JSON.parse(fs.readFileSync(path.join(tmp, 'results.partial.json'), 'utf8')) as { rows: Array<{ id: string; verdict: string }> };
    expect(results.rows.find((row) => row.id === SCENARIO)?.verdict).toBe('error');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
