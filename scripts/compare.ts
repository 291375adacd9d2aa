/**
 * What changed between two runs (two browser versions, or two flavours of one engine):
 *   npx tsx scripts/compare.ts <old results.json> <new results.json> [--all] [--json] [--html FILE]
 * Lists every engine × scenario whose verdict changed (old → new, what the engine did before and
 * now, the observed values and server evidence that differ), scenarios present in only one run, and engine builds
 * that changed; then a summary. --all also lists rows whose verdict stayed the same but whose
 * observation changed. Always writes an HTML page of the same (verdict and observation changes
 * per engine; default compare.html beside the new results file). Always exits 0 (it reports; it
 * does not judge). Observation keys starting with `_` (timings) are ignored.
 */
import path from 'node:path';
import { writeAtomic } from '../harness/judge/results.ts';
import { readResultsFile } from '../reporters/matrix/collect.ts';
import { compareResults, formatComparison } from '../reporters/matrix/compare.ts';
import { renderComparisonHtml } from '../reporters/matrix/compare-html.ts';

{
  const args = process.argv.slice(2);
  const htmlAt = args.indexOf('--html');
  const files = args.filter((a, i) => !a.startsWith('--') && (htmlAt < 0 || i !== htmlAt + 1));
  if (files.length !== 2 || (htmlAt >= 0 && !args[htmlAt + 1])) {
    console.error('usage: npx tsx scripts/compare.ts <old results.json> <new results.json> [--all] [--json] [--html FILE]');
    process.exit(2);
  }
  const [oldFile, newFile] = [readResultsFile(files[0]), readResultsFile(files[1])];
  const c = compareResults(oldFile, newFile);
  const html = htmlAt >= 0 ? args[htmlAt + 1] : path.join(path.dirname(files[1]), 'compare.html');
  writeAtomic(html, renderComparisonHtml(c, { old: { name: files[0], file: oldFile }, new: { name: files[1], file: newFile } }));
  console.log(args.includes('--json') ? JSON.stringify(c, null, 1) : formatComparison(c, [files[0], files[1]], args.includes('--all')));
  if (!args.includes('--json')) console.log(`page: ${html}`);
}
