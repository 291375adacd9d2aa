/**
 * The generated families against their reviewed golden tables (scenarios/golden.ts): the catalog
 * as built must say, scenario by scenario, what the table says. A change to a model, a generator
 * or an engine registry fails here with the outcomes it changed; review them, then rewrite the
 * tables with `npm run golden` and commit the diff.
 */
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { validateCatalog } from '../../harness/scenario/scenario.ts';
import { GOLDEN_FAMILIES, goldenDiff, goldenTable, type GoldenFamily } from '../../scenarios/golden.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { buildParsingScenarios, loadParsingCatalog, PARSING_FILE } from '../../scenarios/parsing/index.ts';

const reviewed = (f: GoldenFamily) => JSON.parse(fs.readFileSync(f.table, 'utf8')) as Record<string, string>;

for (const family of GOLDEN_FAMILIES) {
  test(`${family.table} says what the catalog as built says`, () => {
    const built = goldenTable(family.catalog === 'parsing' ? loadParsingCatalog() : loadCatalog(), family);
    const diff = goldenDiff(reviewed(family), built);
    expect(diff, `${diff.length} outcomes differ from the reviewed table (review them, then npm run golden):\n${diff.slice(0, 30).join('\n')}`).toEqual([]);
    expect(Object.keys(built).length).toBeGreaterThan(0);
  });
}

test('a model that reads differently shows as a diff: the parsing catalog built without the engine readings', () => {
  const family = GOLDEN_FAMILIES.find((f) => f.catalog === 'parsing')!;
  const withoutReadings = validateCatalog([{ file: PARSING_FILE, scenarios: buildParsingScenarios([]).scenarios }]);
  const diff = goldenDiff(reviewed(family), goldenTable(withoutReadings, family));
  const deviating = Object.values(reviewed(family)).filter((line) => line.includes('; ')).length;
  expect(deviating).toBeGreaterThan(0);
  expect(diff).toHaveLength(deviating);
  expect(diff[0]).toMatch(/^parsing\.[^:]+: .+; (chromium|firefox|webkit): .+ → [^;]+$/);
});

test('goldenDiff names changed, new and removed ids', () => {
  expect(goldenDiff({ a: 'readable', b: 'blocked' }, { a: 'readable', b: 'sent-unreadable', c: 'opaque' })).toEqual([
    'b: blocked → sent-unreadable',
    'c: new, opaque',
  ]);
  expect(goldenDiff({ a: 'readable' }, {})).toEqual(['a: in the table, no longer in the catalog']);
});
