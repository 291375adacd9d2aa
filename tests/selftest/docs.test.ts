/**
 * The documentation says what works: the README stays short (150 lines at most), every relative
 * link in README.md, CONTRIBUTING.md and docs/ leads to a file (and heading) that exists, and every
 * command they show — fenced `sh` blocks and inline `npm run …`, `npm test`, `npx originproof …`,
 * `npx playwright test …` — names a script, subcommand, option and project that exist, with every
 * --grep selecting at least one test. The cheap ones are run: `originproof help`, and compare,
 * matrix and wptreport on the results fixture. (The quick starts themselves are what `npm test`
 * and CI run; the install block of docs/your-project.md is run by install.test.ts.)
 */
import { test, expect } from '@playwright/test';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = 'tests/selftest/fixtures/results-sample.json';

function docFiles(): string[] {
  const inDocs = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      return e.isDirectory() ? inDocs(rel) : e.name.endsWith('.md') ? [rel] : [];
    });
  return ['README.md', 'CONTRIBUTING.md', ...inDocs('docs')];
}
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Text outside fenced blocks, and the fenced `sh` blocks' lines (continuations joined, comments dropped). */
function split(md: string): { prose: string; shell: string[] } {
  const prose: string[] = [];
  const shell: string[] = [];
  let fence: string | undefined;
  let pending = '';
  for (const line of md.split('\n')) {
    const open = /^```(\w*)/.exec(line);
    if (open) {
      fence = fence === undefined ? open[1] : undefined;
      continue;
    }
    if (fence === undefined) prose.push(line);
    else if (fence === 'sh') {
      const code = line.replace(/(^|\s)#.*$/, '').trimEnd();
      if (code.endsWith('\\')) pending += code.slice(0, -1) + ' ';
      else if ((pending + code).trim()) {
        shell.push((pending + code).trim());
        pending = '';
      }
    }
  }
  return { prose: prose.join('\n'), shell };
}

/** Every command a document shows: fenced shell lines split at && ; &, and inline code spans. */
function commandsOf(file: string): string[] {
  const { prose, shell } = split(read(file));
  const inline = [...prose.matchAll(/`((?:npm run|npm test|npx originproof|npx playwright test)\b[^`]*)`/g)].map((m) => m[1]);
  return [...shell.flatMap((l) => l.split(/\s*(?:&&|;|&(?!\S))\s*/)), ...inline]
    .map((c) => c.replace(/^(?:[A-Z_]+=(?:'[^']*'|"[^"]*"|\S+)\s+)+/, '').trim()) // environment assignments
    .filter(Boolean);
}

/** A value written as a placeholder (`<area>`, `FILE`, `…`, `[-- x]`) is not checked against anything. */
const placeholder = (v: string) => /[<>…[\]]|^[A-Z]+$|\|/.test(v);

function npx(args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync('npx', args, {
    cwd: root,
    encoding: 'utf8',
    timeout: 110_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
}
function npmRun(script: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync('npm', ['run', '--silent', script, '--', ...args], { cwd: root, encoding: 'utf8', timeout: 110_000 });
}

const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;

/** The file an npm script runs, and the local modules it imports: where its options are spelled. */
function scriptSources(script: string): string {
  const entry = /(?:tsx|node)\s+(\S+\.(?:ts|mjs|js))\s*$/.exec(scripts[script] ?? '')?.[1];
  if (!entry) return '';
  const text = read(entry);
  const imports = [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => path.join(path.dirname(entry), m[1])).filter((f) => fs.existsSync(path.join(root, f)));
  return [text, ...imports.map(read)].join('\n');
}

test('the README fits on a few screens: at most 150 lines', () => {
  expect(read('README.md').split('\n').length).toBeLessThanOrEqual(150);
});

test('every relative link in README.md, CONTRIBUTING.md and docs/ resolves, headings included', () => {
  const slug = (h: string) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
  const headings = (file: string) => new Set([...read(file).matchAll(/^#+\s+(.+)$/gm)].map((m) => slug(m[1].replace(/`/g, ''))));
  const broken: string[] = [];
  let links = 0;
  for (const file of docFiles()) {
    for (const m of split(read(file)).prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      const [target, anchor] = m[1].split('#');
      if (/^[a-z]+:/.test(target)) continue;
      links++;
      const resolved = target ? path.join(path.dirname(file), target) : file;
      if (!fs.existsSync(path.join(root, resolved))) broken.push(`${file}: ${m[1]} (no ${resolved})`);
      else if (anchor && resolved.endsWith('.md') && !headings(resolved).has(anchor)) broken.push(`${file}: ${m[1]} (no heading #${anchor})`);
    }
  }
  expect(links).toBeGreaterThan(20);
  expect(broken).toEqual([]);
});

test('every command in the documentation names a script, subcommand, option, project and selection that exist', () => {
  test.setTimeout(180_000);
  const commands = docFiles().flatMap((f) => commandsOf(f).map((c) => ({ file: f, c })));
  const help = npx(['tsx', 'cli/originproof.ts', 'help']);
  expect(help.status, help.stderr).toBe(0);
  const subcommands = [...help.stdout.matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]);
  expect(subcommands).toEqual(expect.arrayContaining(['audit', 'init', 'conformance', 'compare', 'matrix']));
  const pwHelp = npx(['playwright', 'test', '--help']).stdout;
  // One listing of the conformance suite answers every --project and --grep (no browser starts).
  // The parsing area is planned only when a --grep asks for it: one more listing for it, one engine.
  const list = (extra: string[]) => JSON.parse(npx(['playwright', 'test', '--list', '--reporter=json', ...extra]).stdout) as ListSuite & ListConfig;
  const suite = list([]);
  const projects = [...suite.config.projects.map((p) => p.name), 'webdriver'];
  const titles = testTitles(suite);
  const parsingTitles = testTitles(list(['--grep', 'parsing/', '--project', 'chromium']));
  expect(titles.length).toBeGreaterThan(100);
  expect(parsingTitles.length).toBeGreaterThan(10);

  const problems: string[] = [];
  let checked = 0;
  for (const { file, c } of commands) {
    const words = c.split(/\s+/);
    const where = `${file}: ${c}`;
    const opts = words.filter((w) => /^--[a-z]/.test(w)).map((w) => w.split('=')[0]);
    const after = (flag: string) => words[words.indexOf(flag) + 1];
    if (words[0] === 'npm' && (words[1] === 'run' || words[1] === 'test')) {
      const name = words[1] === 'test' ? 'test' : words[2];
      if (!name || placeholder(name)) continue;
      checked++;
      if (!(name in scripts)) problems.push(`${where}: no npm script "${name}"`);
      const sources = scriptSources(name);
      // Scripts parse their options in several ways ('--out', option('skip'), flag.replace(/^--/)): the option's name must appear in them.
      for (const o of opts.filter((o) => !placeholder(o)))
        if (!sources.includes(`'${o}'`) && !sources.includes(`'${o.slice(2)}'`) && !sources.includes(` ${o} `))
          problems.push(`${where}: ${name} knows no ${o}`);
    } else if (words[0] === 'npx' && words[1] === 'originproof') {
      checked++;
      if (!subcommands.includes(words[2])) problems.push(`${where}: originproof has no subcommand "${words[2]}"`);
      for (const o of opts) if (!help.stdout.includes(o)) problems.push(`${where}: originproof help mentions no ${o}`);
    } else if (words[0] === 'npx' && words[1] === 'playwright' && words[2] === 'test') {
      checked++;
      for (const o of opts) if (!pwHelp.includes(o)) problems.push(`${where}: playwright test has no ${o}`);
      const project = words.includes('--project') ? after('--project') : undefined;
      if (project && !placeholder(project) && !projects.includes(project)) problems.push(`${where}: no project ${project}`);
      const grep = words.includes('--grep') ? after('--grep').replace(/^["']|["']$/g, '') : undefined;
      const pool = grep && /parsing/.test(grep) ? parsingTitles : titles;
      if (grep && !placeholder(grep) && !pool.some((t) => new RegExp(grep).test(t))) problems.push(`${where}: --grep ${grep} selects no test`);
    }
  }
  expect(checked).toBeGreaterThan(25);
  expect(problems).toEqual([]);
});

interface ListConfig {
  config: { projects: Array<{ name: string }> };
}

interface ListSuite {
  title: string;
  suites?: ListSuite[];
  specs?: Array<{ title: string; tags: string[] }>;
}

/** What Playwright's --grep matches: the title path and the tags. */
function testTitles(s: ListSuite, parents: string[] = []): string[] {
  const here = s.title ? [...parents, s.title] : parents;
  return [
    ...(s.specs ?? []).map((sp) => [...here, sp.title, ...sp.tags.map((t) => `@${t}`)].join(' ')),
    ...(s.suites ?? []).flatMap((c) => testTitles(c, here)),
  ];
}

test('the cheap commands run: compare, matrix and wptreport on the results fixture', () => {
  test.setTimeout(120_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-docs-'));
  try {
    const compare = npmRun('compare', [SAMPLE, SAMPLE, '--html', path.join(tmp, 'compare.html')]);
    expect(compare.status, compare.stderr).toBe(0);
    expect(compare.stdout).toMatch(/0 verdict\(s\) changed/);
    expect(fs.existsSync(path.join(tmp, 'compare.html'))).toBe(true);
    const matrix = npmRun('matrix', [SAMPLE, '--out', path.join(tmp, 'matrix')]);
    expect(matrix.status, matrix.stderr).toBe(0);
    expect(fs.existsSync(path.join(tmp, 'matrix', 'matrix.html'))).toBe(true);
    const wpt = npmRun('wptreport', [SAMPLE, '--out', path.join(tmp, 'wpt'), '--validate']);
    expect(wpt.status, wpt.stderr).toBe(0);
    expect(fs.readdirSync(path.join(tmp, 'wpt')).some((f) => f.startsWith('wptreport-'))).toBe(true);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
