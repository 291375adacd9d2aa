/**
 * Exports a results file as web-platform-tests reports, one per engine, to set beside wpt.fyi data:
 *   npx tsx scripts/wptreport.ts [results/conformance.json] [--out DIR] [--validate]
 * Writes <DIR>/wptreport-<engine>.json (DIR defaults to the results file's directory).
 * --validate checks each against tests/selftest/fixtures/wptreport.schema.json (exit 1 if invalid).
 * The matrix reporter writes the same files at the end of every run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import { writeAtomic } from '../harness/judge/results.ts';
import { readResultsFile } from '../reporters/matrix/collect.ts';
import { buildWptReports } from '../reporters/matrix/wptreport.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// ajv is CommonJS; its module.exports also carries the class as .default (typed that way under NodeNext).
const Ajv = AjvModule.default;

export const WPTREPORT_SCHEMA = path.join(root, 'tests', 'selftest', 'fixtures', 'wptreport.schema.json');

/** Returns the schema errors of a report (empty when valid). */
export function validateWptReport(report: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(WPTREPORT_SCHEMA, 'utf8')));
  return validate(report)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

function main(argv: string[]): number {
  const outIdx = argv.indexOf('--out');
  const positional = argv.filter((a, i) => !a.startsWith('--') && (outIdx < 0 || i !== outIdx + 1));
  const input = positional[0] ?? process.env.ORIGINPROOF_RESULTS ?? path.join('results', 'conformance.json');
  const outDir = outIdx >= 0 ? argv[outIdx + 1] : path.dirname(input);
  const file = readResultsFile(input);
  let bad = 0;
  for (const [engine, report] of buildWptReports(file)) {
    const target = path.join(outDir, `wptreport-${engine}.json`);
    writeAtomic(target, `${JSON.stringify(report)}\n`);
    let note = '';
    if (argv.includes('--validate')) {
      const errors = validateWptReport(report);
      note = errors.length ? ` INVALID:\n    ${errors.join('\n    ')}` : ' (valid against the wptreport schema)';
      if (errors.length) bad++;
    }
    console.log(`${target}: ${report.results.length} tests, product ${report.run_info.product} ${report.run_info.browser_version}${note}`);
  }
  return bad ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 2;
  }
}
