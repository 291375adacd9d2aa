/**
 * Renders the matrix (matrix.html, matrix.md, wptreport-<engine>.json) from a results file,
 * for runs made without the matrix reporter:
 *   npx tsx reporters/matrix/from-results.ts [results/conformance.json] [--out DIR]
 * Refresh the embedded copy of the seed claims from ../shared/seed-claims.md:
 *   npx tsx reporters/matrix/from-results.ts --update-claims
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readResultsFile } from './collect.ts';
import { writeMatrix, outputPaths } from './write.ts';
import { findSharedSeedClaims, parseSeedClaims } from './seed-claims-parse.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

export function seedClaimsModule(markdown: string): string {
  const claims = parseSeedClaims(markdown);
  const body = claims.map((c) => `  { id: ${JSON.stringify(c.id)}, section: ${JSON.stringify(c.section)}, text: ${JSON.stringify(c.text)} },`).join('\n');
  return `/**
 * A copy of the seed claims (../shared/seed-claims.md, "Claims the project was started from"),
 * embedded so the report works without ../shared. Regenerate with
 *   npx tsx reporters/matrix/from-results.ts --update-claims
 * The self tests fail when this copy and the shared file drift apart.
 */
import type { SeedClaim } from './seed-claims-parse.ts';

export const SEED_CLAIMS: SeedClaim[] = [
${body}
];
`;
}

async function main(argv: string[]) {
  if (argv.includes('--update-claims')) {
    const src = findSharedSeedClaims(root);
    if (!src) throw new Error('seed-claims.md not found in ../shared or /work/shared');
    const target = path.join(here, 'seed-claims.ts');
    fs.writeFileSync(target, seedClaimsModule(fs.readFileSync(src, 'utf8')));
    console.log(`wrote ${path.relative(process.cwd(), target)} from ${src}`);
    return;
  }
  const outIdx = argv.indexOf('--out');
  const outDir = outIdx >= 0 ? argv[outIdx + 1] : undefined;
  const input =
    argv.filter((a, i) => !a.startsWith('--') && (outIdx < 0 || i !== outIdx + 1))[0] ??
    process.env.ORIGINPROOF_RESULTS ??
    path.join('results', 'conformance.json');
  const file = readResultsFile(input);
  const outputs = outDir
    ? outputPaths({}, outDir)
    : outputPaths({ ...process.env, ORIGINPROOF_RESULTS: input === path.join('results', 'conformance.json') ? undefined : input });
  const { files, model } = await writeMatrix(file, { outputs, stepSummary: null });
  console.log(`${model.scenarios.length} scenarios × ${model.engineNames.length} engines, engines disagree on ${model.disagreements}`);
  for (const f of files) console.log(`  ${f}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  });
}
