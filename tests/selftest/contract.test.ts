/**
 * The probe contract is enforced by the compiler: a scenario with a misspelled parameter, or an
 * expectation or control naming a key its probe never reports, does not type-check; nor does a
 * deviation written on a scenario (they live in the per-engine registries, scenarios/deviations/).
 * The snippet below is compiled in memory with the project's settings; each line marked
 * `// error: <text>` must get a diagnostic containing <text>, and no other line may get one.
 */
import { test, expect } from '@playwright/test';
import path from 'node:path';
import ts from 'typescript';
import fs from 'node:fs';
import { PROBES, PROBE_KINDS, type ProbeKind } from '../../probes/index.ts';
import { partialIssues } from '../../harness/scenario/scenario.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FILE = path.join(ROOT, 'tests/selftest/__contract_snippet__.ts');

const SNIPPET = `
import { scenario, type ScenarioInput } from '../../harness/scenario/scenario.ts';

const base = { id: 'x.y', area: 'x/y', title: 'a typed scenario', spec: ['corsCheck' as const], responses: { data: { body: '{}' } } };

// Well-typed, for reference: none of these lines may error.
export const ok: ScenarioInput[] = [
  { ...base, probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' }, mode: 'cors' } }, expect: { blocked: false, observation: { resolved: true, headers: { 'x-a': null } } } },
  scenario({ ...base, probe: { kind: 'window-access', params: { target: 'frame', path: ['document'], action: 'get' } }, expect: { blocked: true, observation: { allowed: false, error: 'SecurityError' } }, control: { sameOrigin: true, expect: { observation: { allowed: true } } } }),
];

export const bad: ScenarioInput[] = [
  scenario({ ...base, probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' }, credentails: 'include' } }, expect: { blocked: false, observation: {} } }), // error: credentails
  scenario({ ...base, probe: { kind: 'fetch', params: { target: { at: 'evil', response: 'data' } } }, expect: { blocked: false, observation: {} } }), // error: "evil"
  scenario({ ...base, probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' }, mode: 'nocors' } }, expect: { blocked: false, observation: {} } }), // error: "nocors"
  scenario({ ...base, probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' } } }, expect: { blocked: false, observation: { resolvd: true } } }), // error: resolvd
  scenario({ ...base, probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' } } }, expect: { blocked: false, observation: { allowed: true } } }), // error: allowed
  scenario({ ...base, probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' } } }, expect: { blocked: false, observation: { status: '200' } } }), // error: string
  scenario({ ...base, probe: { kind: 'embed', params: { element: 'img', target: { at: 'other', response: 'data' } } }, expect: { blocked: false, observation: { loaded: true } }, deviations: { webkit: { observed: { loaded: false }, reason: 'a reason long enough', link: 'https://example.org' } } }), // error: 'deviations' does not exist
  scenario({ ...base, probe: { kind: 'storage', params: { api: 'localStorage', op: 'read', key: 'k' } }, expect: { blocked: true, observation: { value: null } }, control: { patch: { probe: { params: { kee: 'j' } } }, expect: { observation: { value: '1' } } } }), // error: kee
  scenario({ ...base, probe: { kind: 'storage', params: { api: 'localStorage', op: 'read', key: 'k' } }, expect: { blocked: true, observation: { value: null } }, control: { sameOrigin: true, expect: { observation: { valu: '1' } } } }), // error: valu
  scenario({ ...base, spec: ['corsChek'], probe: { kind: 'isolation', params: {} }, expect: { blocked: false, observation: {} } }), // error: corsChek
  scenario({ ...base, probe: { kind: 'sequence', params: { steps: [{ kind: 'document-domain', params: { sett: 'site.test' } }] } }, expect: { blocked: false, observation: {} } }), // error: not assignable
  scenario({ ...base, probe: { kind: 'sequence', params: { steps: [{ kind: 'teleport', params: {} }] } }, expect: { blocked: false, observation: {} } }), // error: teleport
  { ...base, probe: { kind: 'post-message', params: { target: 'frame' } }, expect: { blocked: false, observation: { delivred: true } } }, // error: delivred
];
`;

function diagnostics(): Array<{ line: number; message: string }> {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) => (path.resolve(name) === FILE ? ts.createSourceFile(name, SNIPPET, lang) : read(name, lang, ...rest));
  host.fileExists = (
    (exists) => (name: string) =>
      path.resolve(name) === FILE || exists(name)
  )(host.fileExists.bind(host));
  const program = ts.createProgram([FILE], options, host);
  const source = program.getSourceFile(FILE)!;
  return ts
    .getPreEmitDiagnostics(program, source)
    .filter((d) => d.file?.fileName && path.resolve(d.file.fileName) === FILE)
    .map((d) => ({ line: source.getLineAndCharacterOfPosition(d.start ?? 0).line, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') }));
}

test('misspelled params, expectation or control keys a probe never reports, and deviations on a scenario are compile errors', () => {
  const found = diagnostics();
  const lines = SNIPPET.split('\n');
  const marked = lines.flatMap((l, i) => {
    const m = /\/\/ error: (.+)$/.exec(l);
    return m ? [{ line: i, text: m[1].trim() }] : [];
  });
  expect(marked.length).toBe(13);
  for (const m of marked) {
    const here = found.filter((d) => d.line === m.line);
    expect(here.length, `line ${m.line + 1} should not compile: ${lines[m.line].slice(0, 120)}`).toBeGreaterThan(0);
    expect(here.map((d) => d.message).join('\n'), `line ${m.line + 1}`).toContain(m.text);
  }
  const unexpected = found.filter((d) => !marked.some((m) => m.line === d.line));
  expect(unexpected, 'well-typed lines compile').toEqual([]);
});

/**
 * The contract describes what the runtime really reports: observations recorded from a real
 * Chromium run (fixtures/observations-chromium.json, every probe kind) fit it key for key.
 */
test('observations recorded from a real engine fit the contract of their probe kind', () => {
  const file = JSON.parse(fs.readFileSync(new URL('./fixtures/observations-chromium.json', import.meta.url), 'utf8')) as {
    observations: Array<{ probe: ProbeKind; scenario: string; observed: Record<string, unknown> }>;
  };
  expect(new Set(file.observations.map((o) => o.probe))).toEqual(new Set(PROBE_KINDS));
  for (const o of file.observations) expect(partialIssues(PROBES[o.probe].observation, o.observed), `${o.probe} ${o.scenario}`).toEqual([]);
  // And the check bites: a key the probe never reports, or a value of the wrong type.
  const fetchObs = file.observations.find((o) => o.probe === 'fetch')!.observed;
  expect(partialIssues(PROBES.fetch.observation, { ...fetchObs, bodyReadble: true })).toEqual([
    { path: ['bodyReadble'], message: '"bodyReadble" is never reported' },
  ]);
  expect(partialIssues(PROBES.fetch.observation, { ...fetchObs, status: '200' })).toHaveLength(1);
});
