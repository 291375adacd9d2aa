/**
 * originproof installed where the app lives: the project packed (`npm pack`, which builds dist/),
 * the tarball installed into a fresh project outside the repository with its own
 * @playwright/test 1.64.1 and an Express + `cors` server (tests/selftest/fixtures/install/), and
 * there every command of docs/your-project.md's first block: init, `npx originproof audit` (exit 1
 * for the classic broken CORS configuration, 0 once fixed, in all three engines), the CI workflow
 * copied from the package, and a Playwright test of that project using `originproof/fixture` in
 * all three engines, which must report the same intents as the command. A bad install (no peer,
 * the wrong version) gets one message naming the fix. One tarball and one project for the file.
 */
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLAYWRIGHT_VERSION } from '../../engines/playwright-peer.ts';
import { freePort } from './user-servers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests', 'selftest', 'fixtures', 'install');
const DOC = path.join(ROOT, 'docs', 'your-project.md');
// The classic suffix match: the unanchored pattern lets https://evilapp.test read with cookies.
const BROKEN = '{ origin: /app\\.test$/, credentials: true }';
const FIXED = "{ origin: 'https://app.test', credentials: true }";

/** A child of its own: no Playwright worker, npm script or originproof variables from this run. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const keep = Object.entries(process.env).filter(([k]) => !/^(TEST_|PW_|PLAYWRIGHT_|ORIGINPROOF_|npm_|INIT_CWD$)/i.test(k));
  return { ...Object.fromEntries(keep), ...extra };
}

/** A shell command in `cwd`, with its output; killed (and reported) after `timeoutMs`: nothing hangs. */
function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 240_000): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd, env: cleanEnv(env), detached: true });
    let output = '';
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs / 1000} s]`;
      process.kill(-child.pid!, 'SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

/** The first fenced block of docs/your-project.md: the commands of the README's first screen. */
function firstScreen(): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(fs.readFileSync(DOC, 'utf8'))![1];
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

function writeServer(project: string, options: string): void {
  fs.writeFileSync(
    path.join(project, 'server.mjs'),
    fs.readFileSync(path.join(FIXTURES, 'server.mjs'), 'utf8').replace('cors(CORS_OPTIONS)', `cors(${options})`),
  );
}

test.describe.configure({ mode: 'serial' });

let tmp = '';
let project = '';
let tarball = '';
let port = 0;

test.beforeAll(async () => {
  test.setTimeout(420_000);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-install-'));
  const packed = await sh(`npm pack --pack-destination ${JSON.stringify(tmp)} --silent`, ROOT);
  expect(packed.status, packed.output).toBe(0);
  tarball = path.join(tmp, packed.output.trim().split('\n').pop()!);
  expect(fs.existsSync(tarball), packed.output).toBe(true);
  project = path.join(tmp, 'my-app');
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'my-app', private: true, type: 'module', dependencies: { express: '5.3.0', cors: '2.8.6' } }, null, 2),
  );
  // The README's install line, the tarball in place of its name (the packages come from npm's cache).
  const install = firstScreen().find((c) => c.startsWith('npm install'))!;
  const r = await sh(`${install.replace(/\S+\.tgz/, JSON.stringify(tarball))} --prefer-offline --no-audit --no-fund`, project);
  expect(r.status, r.output).toBe(0);
  port = await freePort();
});

test.afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the package has compiled JavaScript, declarations and a bin, and the first screen has at most ten commands', async () => {
  const pkg = path.join(project, 'node_modules', 'originproof');
  for (const f of [
    'dist/audit/index.js',
    'dist/audit/index.d.ts',
    'dist/audit/fixture.js',
    'dist/audit/fixture.d.ts',
    'dist/servers/runtime/core.js',
    'action.yml',
  ])
    expect(fs.existsSync(path.join(pkg, f)), f).toBe(true);
  expect(fs.existsSync(path.join(pkg, 'node_modules', '@playwright', 'test')), 'no second copy of @playwright/test').toBe(false);
  expect(firstScreen().length).toBeLessThanOrEqual(10);
  const version = await sh('npx originproof --version', project);
  expect(version.output.trim()).toBe('0.1.0');
});

test('the engines of the first screen are the Debian packages this machine runs', async () => {
  const apt = firstScreen().find((c) => c.includes('apt-get install'))!;
  // Simulated: they are installed, so the command would install nothing.
  const r = await sh(apt.replace(/^sudo /, '').replace('apt-get install', 'apt-get -s install'), project);
  expect(r.status, r.output).toBe(0);
  expect(r.output).toMatch(/ 0 newly installed/);
});

test('init writes a starter config typed through the package, never overwrites it, and prints the Playwright lines', async () => {
  const config = path.join(project, 'originproof.config.ts');
  const first = await sh('npx originproof init', project);
  expect(first.status, first.output).toBe(0);
  expect(fs.readFileSync(config, 'utf8')).toMatch(/^import \{ defineConfig \} from 'originproof';/);
  expect(first.output).not.toMatch(/originproofEngine/);
  fs.appendFileSync(config, '// edited\n');
  fs.copyFileSync(path.join(FIXTURES, 'playwright.config.ts'), path.join(project, 'playwright.config.ts'));
  const again = await sh('npx originproof init', project);
  expect(again.status, again.output).toBe(1);
  expect(again.output).toMatch(/already exists; left as it is/);
  expect(fs.readFileSync(config, 'utf8')).toMatch(/\/\/ edited\n$/);
  expect(again.output).toMatch(/playwright\.config\.ts found/);
  expect(again.output).toContain('use: { originproofEngine: engine }');
  expect(again.output).toContain("import { test, expect, notHolding } from 'originproof/fixture';");
  // The starter, the Playwright config and a test using the fixture type-check against the
  // package's declarations (TypeScript from this repository).
  fs.copyFileSync(path.join(FIXTURES, 'origin-boundary.spec.ts'), path.join(project, 'origin-boundary.spec.ts'));
  const tsc = await sh(
    `node ${JSON.stringify(path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'))} --noEmit --strict --module nodenext --moduleResolution nodenext --allowImportingTsExtensions --skipLibCheck --types node --typeRoots ${JSON.stringify(path.join(ROOT, 'node_modules', '@types'))} originproof.config.ts playwright.config.ts origin-boundary.spec.ts`,
    project,
  );
  fs.rmSync(path.join(project, 'origin-boundary.spec.ts'));
  expect(tsc.status, tsc.output).toBe(0);
  fs.rmSync(config);
  // A CommonJS project (no "type": "module") gets .mts: Playwright would load a .ts config there as CommonJS.
  const cjs = path.join(project, 'cjs');
  fs.mkdirSync(cjs);
  fs.writeFileSync(path.join(cjs, 'package.json'), JSON.stringify({ name: 'cjs-app', private: true }));
  const inCjs = await sh('npx originproof init', cjs);
  expect(inCjs.status, inCjs.output).toBe(0);
  expect(inCjs.output).toContain('npx originproof audit --config originproof.config.mts');
  expect(fs.existsSync(path.join(cjs, 'originproof.config.mts'))).toBe(true);
  fs.rmSync(cjs, { recursive: true });
});

test('without @playwright/test, the command and the fixture say what to install, and nothing starts', async () => {
  const peer = path.join(project, 'node_modules', '@playwright', 'test');
  const aside = path.join(tmp, 'playwright-test-aside');
  fs.renameSync(peer, aside);
  try {
    fs.copyFileSync(path.join(FIXTURES, 'originproof.config.ts'), path.join(project, 'originproof.config.ts'));
    const r = await sh('npx originproof audit --config originproof.config.ts', project, { PORT: String(port) }, 60_000);
    expect(r.status, r.output).toBe(2);
    expect(r.output).toContain(`@playwright/test is not installed in this project`);
    expect(r.output).toContain(`npm install --save-dev --save-exact @playwright/test@${PLAYWRIGHT_VERSION}`);
    const f = await sh(`node -e "import('originproof/fixture').catch((e) => { console.error(e.message); process.exit(3); })"`, project, {}, 60_000);
    expect(f.status, f.output).toBe(3);
    expect(f.output).toContain(`@playwright/test is not installed in this project`);
  } finally {
    fs.renameSync(aside, peer);
  }
});

test('another @playwright/test version is refused at install, and if forced, by the command and the fixture naming 1.64.1 and why', async () => {
  const other = path.join(tmp, 'other-version');
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(other, 'package.json'), JSON.stringify({ name: 'other', private: true, type: 'module' }));
  const refused = await sh(`npm install --save-dev @playwright/test@1.65.2 ${JSON.stringify(tarball)} --prefer-offline --no-audit --no-fund`, other);
  expect(refused.status, refused.output).not.toBe(0);
  expect(refused.output).toMatch(/peer @playwright\/test@"1\.64\.1"/);
  const forced = await sh(
    `npm install --save-dev --legacy-peer-deps @playwright/test@1.65.2 ${JSON.stringify(tarball)} --prefer-offline --no-audit --no-fund`,
    other,
  );
  expect(forced.status, forced.output).toBe(0);
  const want = new RegExp(
    `@playwright/test 1\\.65\\.2 is installed .*needs exactly 1\\.64\\.1 \\(1\\.65 and later cannot open a page in stock Firefox ESR over WebDriver BiDi\\)`,
  );
  fs.copyFileSync(path.join(FIXTURES, 'originproof.config.ts'), path.join(other, 'originproof.config.ts'));
  const r = await sh('npx originproof audit --config originproof.config.ts', other, { PORT: String(port) }, 60_000);
  expect(r.status, r.output).toBe(2);
  expect(r.output).toMatch(want);
  const f = await sh(`node -e "import('originproof/fixture').catch((e) => { console.error(e.message); process.exit(3); })"`, other, {}, 60_000);
  expect(f.status, f.output).toBe(3);
  expect(f.output).toMatch(want);
});

test('a missing engine stops the audit with the command that installs it (exit 2), before any browser starts', async () => {
  // WebKit forced to Playwright's build, which this machine does not have (it has Debian's).
  const forced =
    fs.existsSync(path.join(os.homedir(), '.cache', 'ms-playwright')) &&
    fs.readdirSync(path.join(os.homedir(), '.cache', 'ms-playwright')).some((d) => d.startsWith('webkit'));
  test.skip(forced, "Playwright's WebKit is installed here: no engine is missing");
  fs.copyFileSync(path.join(FIXTURES, 'originproof.config.ts'), path.join(project, 'originproof.config.ts'));
  const r = await sh('npx originproof audit --config originproof.config.ts', project, { PORT: String(port), ORIGINPROOF_WEBKIT: 'playwright' }, 60_000);
  expect(r.status, r.output).toBe(2);
  expect(r.output).toMatch(/webkit \(playwright build\) is not available/);
  expect(r.output).toContain('npx playwright install --with-deps webkit');
  expect(r.output).not.toMatch(/Running \d+ tests/);
});

interface AuditJson {
  engines: string[];
  intents: Array<{ id: string; title: string; engines: Record<string, string> }>;
}

async function audit(options: string, out: string): Promise<{ status: number | null; output: string; report: AuditJson }> {
  writeServer(project, options);
  fs.copyFileSync(path.join(FIXTURES, 'originproof.config.ts'), path.join(project, 'originproof.config.ts'));
  const command = firstScreen().find((c) => c.startsWith('npx originproof audit'))!;
  const r = await sh(`${command} --out ${out} --junit`, project, { PORT: String(port) }, 300_000);
  const file = path.join(project, out, 'audit.json');
  expect(fs.existsSync(file), r.output.slice(-3000)).toBe(true);
  return { ...r, report: JSON.parse(fs.readFileSync(file, 'utf8')) as AuditJson };
}

let fixedIntents: AuditJson['intents'] = [];

test('npx originproof audit exits 1 for a suffix-matching cors() and 0 once fixed, in all three engines, reports in the project', async () => {
  test.setTimeout(600_000);
  const broken = await audit(BROKEN, 'audit-broken');
  expect(broken.status, broken.output.slice(-3000)).toBe(1);
  expect(broken.report.engines).toEqual(['chromium', 'firefox', 'webkit']);
  expect(broken.report.intents.map((i) => i.engines)).toContainEqual({ chromium: 'broken', firefox: 'broken', webkit: 'broken' });
  const fixed = await audit(FIXED, 'audit-report');
  expect(fixed.status, fixed.output.slice(-3000)).toBe(0);
  for (const i of fixed.report.intents) expect(i.engines, i.title).toEqual({ chromium: 'holds', firefox: 'holds', webkit: 'holds' });
  for (const f of ['html/index.html', 'matrix.html', 'audit.md', 'junit.xml']) expect(fs.existsSync(path.join(project, 'audit-report', f)), f).toBe(true);
  expect(fs.readFileSync(path.join(project, 'audit-report', 'junit.xml'), 'utf8')).toMatch(/<testsuites[^>]* failures="0"/);
  fixedIntents = fixed.report.intents;
});

test("the project's own Playwright test using originproof/fixture runs in all three engines and reports the intents the command did", async () => {
  test.setTimeout(420_000);
  expect(fixedIntents.length, 'the audit test ran first').toBeGreaterThan(0);
  fs.mkdirSync(path.join(project, 'tests'), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, 'origin-boundary.spec.ts'), path.join(project, 'tests', 'origin-boundary.spec.ts'));
  const r = await sh('npx playwright test', project, { PORT: String(port) }, 400_000);
  expect(r.status, r.output.slice(-3000)).toBe(0);
  type Spec = { tests: Array<{ projectName: string; results: Array<{ status: string; attachments: Array<{ name: string; body?: string }> }> }> };
  const json = JSON.parse(fs.readFileSync(path.join(project, 'fixture-results.json'), 'utf8')) as { suites: Array<{ specs: Spec[] }> };
  const runs = json.suites.flatMap((s) => s.specs).flatMap((s) => s.tests);
  expect(runs.map((t) => t.projectName).sort()).toEqual(['originproof-chromium', 'originproof-firefox', 'originproof-webkit']);
  const intentsOf = (t: Spec['tests'][number]) => {
    const body = t.results[0].attachments.find((a) => a.name === 'verdicts')!.body!;
    const verdicts = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as Array<{ intent: string; verdict: string }>;
    return [...new Set(verdicts.map((v) => `${v.intent}: ${v.verdict}`))].sort();
  };
  const want = fixedIntents.map((i) => `${i.id}: holds`).sort();
  for (const t of runs) expect(intentsOf(t), t.projectName).toEqual(want);
});

test('the CI workflow of the first screen is the one the package ships', async () => {
  const copy = firstScreen().find((c) => c.startsWith('mkdir') || c.includes('github-workflow.yml'))!;
  const r = await sh(copy, project);
  expect(r.status, r.output).toBe(0);
  const workflow = fs.readFileSync(path.join(project, '.github', 'workflows', 'originproof.yml'), 'utf8');
  expect(workflow).toBe(fs.readFileSync(path.join(ROOT, 'docs', 'github-workflow.yml'), 'utf8'));
  expect(fs.existsSync(path.join(project, 'node_modules', 'originproof', 'action.yml'))).toBe(true);
});
