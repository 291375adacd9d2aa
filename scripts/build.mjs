#!/usr/bin/env node
// Plain Node on purpose (it runs before anything is compiled): builds the package's JavaScript and
// declarations into dist/ (tsc with tsconfig.build.json, `.ts` import specifiers rewritten to `.js`)
// and copies the files the code reads at run time beside it. npm runs it as `prepare` whenever it
// packs this folder: `npm pack`, `npm publish`, and installs from a path (--install-links) or a git
// URL. A plain `npm ci` in the repository does not build (it runs from source); `--always` builds.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
// Read at run time by path (servers/runtime-files.ts, engines/webkit.ts, reporters/matrix/html.ts, harness/citations).
const ASSETS = ['servers/runtime', 'engines/gtk-data', 'reporters/matrix/page', 'harness/citations/anchors'];
// Each probe kind's browser-side runtime (probes/<kind>/runtime.js), read by servers/runtime-files.ts.
const PROBE_RUNTIMES = 'probes';

// npm names the folder it packs in npm_package_resolved; an install of the repository itself does not.
if (!process.argv.includes('--always') && !process.env.npm_package_resolved) process.exit(0);

const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (!fs.existsSync(tsc)) {
  console.error('originproof build: TypeScript is missing (node_modules/typescript); run npm install in this folder first');
  process.exit(1);
}
fs.rmSync(dist, { recursive: true, force: true });
console.error('originproof build: compiling into dist/ …');
const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  fs.rmSync(dist, { recursive: true, force: true });
  console.error(`originproof build: tsc failed (exit ${r.status}); nothing was built`);
  process.exit(r.status ?? 1);
}
for (const dir of ASSETS) fs.cpSync(path.join(root, dir), path.join(dist, dir), { recursive: true });
for (const k of fs.readdirSync(path.join(root, PROBE_RUNTIMES))) {
  const runtime = path.join(root, PROBE_RUNTIMES, k, 'runtime.js');
  if (fs.existsSync(runtime)) fs.cpSync(runtime, path.join(dist, PROBE_RUNTIMES, k, 'runtime.js'));
}
fs.chmodSync(path.join(dist, 'cli', 'originproof.js'), 0o755);
console.error('originproof build: dist/ is ready');
