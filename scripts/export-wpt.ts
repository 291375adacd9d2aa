/**
 * Findings as web-platform-tests:
 *   npx tsx scripts/export-wpt.ts <scenario id | parsing rule>... [--out DIR]
 *   npx tsx scripts/export-wpt.ts --recorded      (the set docs/wpt/ carries, rewritten in place)
 * Writes one folder per test, <DIR>/<name>/ (DIR defaults to wpt-export/): `<name>.https.html`, its
 * `.headers` file when the page sends headers, and `resources/<name>.py`, the responses as
 * declared. Copy a folder into a web-platform-tests checkout and open the test under ./wpt serve.
 * Exit 2 with the cause when an argument names nothing or cannot be exported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAtomic } from '../harness/judge/results.ts';
import { exportFor, parsingRuleSlugs, recordedExports } from '../reporters/wpt/select.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RECORDED_DIR = path.join(root, 'docs', 'wpt');

function usage(): never {
  console.error(`usage: originproof export-wpt <scenario id | parsing rule>... [--out DIR]
       originproof export-wpt --recorded
parsing rules: ${parsingRuleSlugs().join(', ')}`);
  process.exit(2);
}

function main(argv: string[]): void {
  const outAt = argv.indexOf('--out');
  if (outAt >= 0 && !argv[outAt + 1]) usage();
  const recorded = argv.includes('--recorded');
  const args = recorded ? recordedExports() : argv.filter((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1));
  if (!args.length) usage();
  const out = recorded ? RECORDED_DIR : path.resolve(process.env.INIT_CWD ?? process.cwd(), outAt >= 0 ? argv[outAt + 1] : 'wpt-export');
  // Every export is built before any file is written: a bad argument leaves nothing half-written.
  let tests;
  try {
    tests = args.map(exportFor);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  if (recorded) fs.rmSync(out, { recursive: true, force: true });
  for (const t of tests) {
    for (const [file, content] of Object.entries(t.files)) writeAtomic(path.join(out, t.name, file), content);
    console.log(`${path.relative(process.cwd(), path.join(out, t.name, `${t.name}.https.html`))}`);
  }
}

main(process.argv.slice(2));
