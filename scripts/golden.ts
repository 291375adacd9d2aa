/**
 * Rewrites the golden tables of the generated families (scenarios/golden.ts) from the catalog as
 * built, and prints what changed: review that diff like code before committing it.
 */
import fs from 'node:fs';
import { GOLDEN_FAMILIES, goldenDiff, goldenTable } from '../scenarios/golden.ts';
import { loadCatalog } from '../scenarios/index.ts';
import { loadParsingCatalog } from '../scenarios/parsing/index.ts';

for (const family of GOLDEN_FAMILIES) {
  const built = goldenTable(family.catalog === 'parsing' ? loadParsingCatalog() : loadCatalog(), family);
  const reviewed = fs.existsSync(family.table) ? (JSON.parse(fs.readFileSync(family.table, 'utf8')) as Record<string, string>) : {};
  const diff = goldenDiff(reviewed, built);
  fs.writeFileSync(family.table, `${JSON.stringify(built, null, 2)}\n`);
  console.log(`${family.table}: ${Object.keys(built).length} scenarios, ${diff.length} changed`);
  for (const line of diff.slice(0, 40)) console.log(`  ${line}`);
  if (diff.length > 40) console.log(`  … and ${diff.length - 40} more (git diff ${family.table})`);
}
