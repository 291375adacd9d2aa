#!/usr/bin/env node
/**
 * The `originproof` command (the package's bin): what `npm run …` does in this repository, from
 * any project, with paths relative to the folder it is started in.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ownFile, requirePlaywrightPeer } from '../scripts/lib/playwright-cli.ts';
import { runInit } from './init.ts';

const here = fileURLToPath(import.meta.url);

/** Subcommands that run one of the package's scripts as it is (its own arguments and exit code). */
const SCRIPTS: Record<string, { file: string[]; what: string; playwright?: true }> = {
  // The audit loads the user's TypeScript config: run with tsx's loader (all of them are).
  audit: { file: ['scripts', 'audit'], playwright: true, what: '' },
  conformance: { file: ['scripts', 'conformance'], playwright: true, what: 'the conformance suite in every engine (reports in results/, playwright-report/)' },
  parsing: { file: ['scripts', 'parsing'], playwright: true, what: 'the header-parsing area engine by engine, and its findings report (results/parsing.md)' },
  serve: { file: ['scripts', 'serve'], what: "the fixture network for a person's own browser (prints the proxy and the start URL)" },
  compare: { file: ['scripts', 'compare'], what: 'what changed between two results files: compare OLD.json NEW.json' },
  matrix: { file: ['reporters', 'matrix', 'from-results'], what: 'the matrix pages from a results file: matrix [results.json] [--out DIR]' },
  'export-wpt': {
    file: ['scripts', 'export-wpt'],
    what: 'a finding as a web-platform-test: export-wpt <scenario id | parsing rule>... [--out DIR] (default wpt-export/)',
  },
};

const HELP = `usage: originproof <command> [options]

  audit --config FILE   your own servers' origin boundary in Chromium, Firefox and WebKit; exit 0 when
                        every intent holds, 1 when one does not, 2 for a config or install to fix
                        [--out DIR] reports (default audit-report/)  [--junit [FILE]] JUnit XML for CI
                        other options go to playwright test (--project firefox, --grep @reads-0)
  init                  writes a starter originproof.config.ts (never over an existing file)
${Object.entries(SCRIPTS)
  .filter(([name]) => name !== 'audit')
  .map(([name, s]) => `  ${name.padEnd(22)}${s.what}`)
  .join('\n')}
  help, --version

Needs @playwright/test 1.64.1 in your project and the Debian engines:
  sudo apt-get install -y chromium firefox-esr webkit2gtk-driver xvfb`;

function version(): string {
  for (let dir = path.dirname(here); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'originproof') return pkg.version ?? 'unknown';
    }
  }
  return 'unknown';
}

/** One of the package's scripts in a child process started here, with tsx's loader (the audit loads the user's TypeScript config). */
function runScript(file: string[], args: string[]): number {
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), ownFile(...file), ...args], {
    stdio: 'inherit',
    // Paths are relative to this folder (the audit reads INIT_CWD, as under npm run).
    env: { ...process.env, INIT_CWD: process.cwd() },
  });
  return r.status ?? 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    console.log(version());
    return 0;
  }
  if (command === 'init') return runInit(process.cwd());
  // Before anything loads Playwright: a missing or wrong @playwright/test gets one message.
  if (command === 'audit' || SCRIPTS[command]?.playwright) requirePlaywrightPeer();
  const script = SCRIPTS[command];
  if (script) return runScript(script.file, args);
  console.error(`originproof: no command ${command}\n\n${HELP}`);
  return 2;
}

process.exit(await main(process.argv.slice(2)));
