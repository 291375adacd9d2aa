#!/usr/bin/env node
// Plain Node on purpose (no dependency may be needed to start): makes node_modules match
// package-lock.json before any npm script that needs them, so both README commands work on a
// fresh clone in either order. Installs with `npm ci` when node_modules is missing or was
// installed from another lock file; otherwise costs one hash.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockFile = path.join(root, 'package-lock.json');
const stamp = path.join(root, 'node_modules', '.originproof-lock-hash');
const lockDir = path.join(root, '.bootstrap.lock');

const want = createHash('sha256').update(fs.readFileSync(lockFile)).digest('hex');
const have = () => (fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '');

if (have() !== want) {
  // Two commands started at once on a fresh clone: the second waits for the first's install.
  const deadline = Date.now() + 10 * 60_000;
  while (true) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      if (Date.now() > deadline) {
        console.error(`originproof: another install holds ${lockDir}; remove it if no install is running`);
        process.exit(1);
      }
      spawnSync('sleep', ['1']);
    }
  }
  try {
    if (have() !== want) {
      console.log('originproof: installing npm packages (npm ci) — node_modules is missing or out of date');
      const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) {
        console.error(`originproof: npm ci failed (exit ${r.status}); fix the error above and run the command again`);
        process.exit(r.status ?? 1);
      }
      fs.writeFileSync(stamp, want + '\n');
    }
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
