/**
 * The visit protocol (protocol/): it sits below servers/ and harness/, its URL layout is read
 * back literally, and the browser runtime still speaks the same layout.
 */
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { matchOpPath, opPath, OP_QUERY, parseResponseUrl, responseUrl, visitIdOf } from '../../protocol/paths.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The floors, bottom first: a file may import only from its own floor or the floors below it.
 * The harness is split into rooms with an order of their own (the library knows no catalog and
 * no suite: suites compose it). Folders not listed (tests/, examples/, top-level configs) sit on top.
 */
const FLOORS = [
  'protocol',
  'probes',
  'servers',
  'engines',
  'harness/citations',
  'harness/scenario',
  'harness/model',
  'harness/plan',
  'harness/judge',
  'harness/service',
  'harness/playwright',
  'scenarios',
  'audit',
  'suites',
  'reporters',
  'serve',
  'scripts',
  'cli',
];
/** What the visit service gets injected by a suite's composition root (harness/service/suite.ts), never imports. */
const INJECTED = ['engines/select.ts', 'engines/local.ts', 'servers/network.ts'];

/** The floor a file stands on (a harness file by its room), or undefined above every floor. */
function floorOf(file: string): string | undefined {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return [...FLOORS].sort((a, b) => b.length - a.length).find((f) => rel === f || rel.startsWith(f + '/'));
}
function topFolder(file: string): string {
  return path.relative(root, file).split(path.sep)[0];
}

/** Every import of a repository-relative file that runs up a floor. */
function layerViolations(files: Array<{ file: string; source: string }>): string[] {
  const out: string[] = [];
  for (const { file, source } of files) {
    const from = floorOf(file);
    if (!from) continue;
    for (const { fileName } of ts.preProcessFile(source, true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const resolved = path.resolve(path.dirname(file), fileName);
      const to = floorOf(resolved) ?? topFolder(resolved);
      const below = FLOORS.indexOf(to) >= 0 && FLOORS.indexOf(to) <= FLOORS.indexOf(from);
      if (!below) out.push(`${path.relative(root, file)} imports ${fileName} (${from}/ must not depend on ${to}/)`);
    }
  }
  return out;
}

function tsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((e) => (e.isFile() && e.name.endsWith('.ts') ? [path.join(e.parentPath, e.name)] : []));
}

test('no import runs up a floor, and product code imports nothing under tests/', () => {
  const files = FLOORS.filter((f) => !f.startsWith('harness/') && fs.existsSync(path.join(root, f)))
    .concat(['harness'])
    .flatMap((d) => tsFiles(path.join(root, d)))
    .map((file) => ({ file, source: fs.readFileSync(file, 'utf8') }));
  expect(files.length).toBeGreaterThan(150);
  expect(layerViolations(files)).toEqual([]);
});

test('the library composes nothing: harness/ imports no catalog, test or audit; harness/service/ no engine launcher or network', () => {
  const files = tsFiles(path.join(root, 'harness')).map((file) => ({ file, source: fs.readFileSync(file, 'utf8') }));
  expect(layerViolations(files)).toEqual([]);
  const service = files.filter(({ file }) => path.relative(root, file).startsWith(`harness${path.sep}service${path.sep}`));
  expect(service.length).toBeGreaterThan(4);
  // Types may name a network or an engine; what runs must be injected.
  const runtimeOnly = (source: string) => source.replace(/^import type [^;]+;/gm, '');
  const imported = service.flatMap(({ file, source }) =>
    ts.preProcessFile(runtimeOnly(source), true, true).importedFiles.map(({ fileName }) =>
      path
        .relative(root, path.resolve(path.dirname(file), fileName))
        .split(path.sep)
        .join('/'),
    ),
  );
  expect(imported).toContain('harness/service/visit-service.ts');
  expect(imported.filter((m) => INJECTED.includes(m))).toEqual([]);
});

test('the layer check sees static, re-export, type-only and dynamic imports', () => {
  const at = (folder: string) => path.join(root, folder, 'x.ts');
  const violations = layerViolations([
    { file: at('servers'), source: "import { planVisits } from '../harness/plan/planner.ts';" },
    { file: at('servers'), source: "import type {\n  VisitPlan,\n} from '../harness/plan.ts';" },
    { file: at('protocol'), source: "export * from '../servers/origins.ts';" },
    { file: at('protocol'), source: "const m = await import('../harness/scenario/scenario.ts');" },
    { file: at('servers'), source: "import { ORIGINS } from '../protocol/origins.ts';\nimport fastify from 'fastify';" },
    { file: at('harness/service'), source: "import { startFixtureNetwork } from '../../servers/network.ts';" },
    { file: at('harness/service'), source: "import { loadCatalog } from '../../scenarios/index.ts';" },
    { file: at('harness/model'), source: "import type { ResultRow } from '../judge/results.ts';" },
    { file: at('engines'), source: "import { pac } from '../serve/pac.ts';" },
    { file: at('reporters'), source: "import { x } from '../tests/selftest/x.ts';" },
  ]);
  expect(violations).toHaveLength(8);
  expect(violations[4]).toContain('harness/service/ must not depend on scenarios/');
  expect(violations[5]).toContain('harness/model/ must not depend on harness/judge/');
  expect(violations[6]).toContain('engines/ must not depend on serve/');
  expect(violations[7]).toContain('reporters/ must not depend on tests/');
  expect(violations[0]).toContain('servers/ must not depend on harness/');
  expect(violations[2]).toContain('protocol/ must not depend on servers/');
});

test('URL layout: builders and the literal matcher agree, and a path merely containing an endpoint names none', () => {
  expect(opPath.visit('v1')).toBe('/__op/visit/v1');
  expect(matchOpPath(`${opPath.response('a.b~control', 'doc')}?v=v1`)).toEqual({ route: 'response', params: { probe: 'a.b~control', name: 'doc' } });
  expect(matchOpPath(opPath.mail('v1', 'p/popup'))).toEqual({ route: 'mail', params: { visitId: 'v1', key: 'p/popup' } });
  expect(matchOpPath(opPath.cookie('v1', 2))).toEqual({ route: 'cookie', params: { visitId: 'v1', step: '2' } });
  for (const target of ['//evil.test/__op/r/P/N?v=V', '/x/__op/r/P/N', '/__op/r/P/N/extra', '/__op/r/%E0%A4%A/N', 'http://site.test/__op/r/P/N']) {
    expect(matchOpPath(target), target).toBeUndefined();
  }
  expect(visitIdOf('/__op/results/v9')).toBe('v9');
  expect(visitIdOf('/anything?v=v3')).toBe('v3');
  expect(visitIdOf('/__op/runtime/core.js')).toBeUndefined();
});

test('a response URL reads back to its origin, probe, response and visit, default port written or not', () => {
  for (const explicitPort of [false, true]) {
    const url = responseUrl('site', 'p.k', 'doc', 'v1', { explicitPort, withProbe: true, mailbox: 'popup' });
    expect(url).toContain(explicitPort ? 'https://site.test:443/' : 'https://site.test/');
    expect(parseResponseUrl(url)).toEqual({ at: 'site', probeKey: 'p.k', response: 'doc', visitId: 'v1' });
  }
  expect(parseResponseUrl('https://evil.test/__op/r/p/doc?v=v1')).toBeUndefined();
  expect(parseResponseUrl('https://site.test/elsewhere')).toBeUndefined();
});

test('the browser runtime speaks the same layout (until it takes its URLs from the plan)', () => {
  const read = (f: string) => fs.readFileSync(path.join(root, 'servers/runtime', f), 'utf8');
  const core = read('core.js');
  const start = read('start.js');
  const agent = read('agent.js');
  // core.js: mailbox URLs and the visit id from `?v=` or the runner page's path.
  expect(opPath.mail('V', 'K')).toBe('/__op/mail/V/K');
  expect(core).toContain("'/__op/mail/' + OP.visitId + '/' + encodeURIComponent(key)");
  expect(core).toContain(`params.get('${OP_QUERY.visit}')`);
  const visitIdFromPath = String.raw`/\/__op\/visit\/([^/?#]+)/`;
  expect(core).toContain(visitIdFromPath);
  expect(/\/__op\/visit\/([^/?#]+)/.exec(opPath.visit('v-1'))?.[1]).toBe('v-1');
  // start.js posts results; agent.js reads its mailbox key.
  expect(opPath.results('V')).toBe('/__op/results/V');
  expect(start).toContain("'/__op/results/' + plan.visitId");
  expect(agent).toContain(`.get('${OP_QUERY.mailbox}')`);
});
