/**
 * `originproof init`: a starter originproof.config.ts in the current folder, typed through the
 * package (no relative path into anything), never over an existing file; `.mts` in a CommonJS
 * project (no "type": "module"), where Playwright loads a `.ts` config only as CommonJS, which
 * `export default` is not. When the project has a
 * Playwright config, the lines that add the three engines and the fixture to it (printed, not
 * written: the user's config is theirs to edit).
 */
import fs from 'node:fs';
import path from 'node:path';

/** The config's name: `.ts` in an ES module project, `.mts` otherwise. */
export function configFileFor(cwd: string): string {
  const pkg = path.join(cwd, 'package.json');
  const type = fs.existsSync(pkg) ? (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { type?: string }).type : undefined;
  return type === 'module' ? 'originproof.config.ts' : 'originproof.config.mts';
}

export const starterConfig = (configFile: string) => `import { defineConfig } from 'originproof';

// Your servers behind virtual origins the browsers see, and what must hold about them.
// Run it with: npx originproof audit --config ${configFile}
export default defineConfig({
  // Each origin the browsers see -> the server that answers it (on loopback).
  origins: {
    'https://app.test': 'http://127.0.0.1:3000',
    'https://api.test': 'http://127.0.0.1:3000',
  },
  // Starts your server for the run and waits for the URL (remove it when the server already runs).
  webServer: { command: 'npm start', url: 'http://127.0.0.1:3000/' },
  // Only https://app.test may read the API, with cookies: every other origin originproof knows must not.
  reads: [{ endpoint: 'https://api.test/api/me', by: ['https://app.test'], credentials: true }],
  // More intents: isolated (crossOriginIsolated pages), sameSiteOnly (resources), notFramed (pages).
  // notFramed: [{ page: 'https://app.test/account' }],
});
`;

export const playwrightLines = (
  configFile: string,
) => `// In your Playwright config (typed: defineConfig<OriginproofFixtureOptions>, the type from 'originproof'),
// one project per engine (Debian's Chromium, Firefox ESR, WebKitGTK):
  ...(['chromium', 'firefox', 'webkit'] as const).map((engine) => ({
    name: \`originproof-\${engine}\`,
    testMatch: /origin-boundary\\.spec\\.ts$/,
    use: { originproofEngine: engine },
  })),

// A test file, e.g. tests/origin-boundary.spec.ts (your server must be running: Playwright's webServer):
import { test, expect, notHolding } from 'originproof/fixture';
test.use({ originproofConfig: './${configFile}' });
test('our origin boundary holds', async ({ originproof }) => {
  expect(notHolding(await originproof.run())).toEqual([]);
});`;

/** Runs `init` in `cwd`; returns the exit code (1 when the config exists: nothing is overwritten). */
export function runInit(cwd: string, log: (line: string) => void = console.log): number {
  const name = configFileFor(cwd);
  const file = path.join(cwd, name);
  let status = 0;
  try {
    fs.writeFileSync(file, starterConfig(name), { flag: 'wx' });
    log(`originproof init: wrote ${file}: name your origins, servers and intents there, then run: npx originproof audit --config ${name}`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    log(`originproof init: ${file} already exists; left as it is (remove it to start again)`);
    status = 1;
  }
  const playwrightConfig = fs.readdirSync(cwd).find((f) => /^playwright\.config\.[cm]?[jt]s$/.test(f));
  if (playwrightConfig) log(`\noriginproof init: ${playwrightConfig} found; to run the audit inside your own tests, add:\n\n${playwrightLines(name)}\n`);
  return status;
}
