/**
 * Citations: one registry, every Fetch fragment checked against the vendored anchor index
 * (harness/citations/anchors/fetch.json, built from fetch.bs by scripts/spec-anchors.ts) and
 * every Fetch section number against the section that anchor sits in.
 */
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { CITATIONS } from '../../harness/citations/registry.ts';
import { indexBikeshed, indexBuiltPage, lookup, type AnchorIndex } from '../../harness/citations/anchors.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { loadParsingCatalog } from '../../scenarios/parsing/index.ts';

const fetchIndex = JSON.parse(fs.readFileSync(new URL('../../harness/citations/anchors/fetch.json', import.meta.url), 'utf8')) as AnchorIndex;

test('every Fetch citation names an anchor of the standard, under the section number it gives', () => {
  const fetchCitations = Object.entries(CITATIONS).filter(([, c]) => c.url.startsWith(fetchIndex.base));
  expect(fetchCitations.length).toBeGreaterThan(15);
  const problems: string[] = [];
  for (const [id, c] of fetchCitations) {
    const hit = lookup(fetchIndex, c.url);
    if ('missing' in hit) {
      problems.push(`${id}: ${hit.missing}`);
      continue;
    }
    const number = /§(\d+(?:\.\d+)*)/.exec(c.section)?.[1];
    if (number !== hit.section?.number) problems.push(`${id}: "${c.section}" but #${hit.id} is in §${hit.section?.number} ${hit.section?.title}`);
  }
  expect(problems).toEqual([]);
});

test('every citation of a vendored Bikeshed index (Fetch Metadata, …) names one of its anchors, under its section number', () => {
  const dir = new URL('../../harness/citations/anchors/', import.meta.url);
  const indexes = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'fetch.json')
    .map((f) => JSON.parse(fs.readFileSync(new URL(f, dir), 'utf8')) as AnchorIndex);
  expect(indexes.map((i) => i.base)).toContain('https://w3c.github.io/webappsec-fetch-metadata/');
  const problems: string[] = [];
  for (const index of indexes) {
    const cited = Object.entries(CITATIONS).filter(([, c]) => c.url.startsWith(index.base));
    expect(cited.length, index.base).toBeGreaterThan(0);
    for (const [id, c] of cited) {
      const hit = lookup(index, c.url);
      if ('missing' in hit) problems.push(`${id}: ${hit.missing}`);
      else if (/§(\d+(?:\.\d+)*)/.exec(c.section)?.[1] !== hit.section?.number)
        problems.push(`${id}: "${c.section}" but #${hit.id} is in §${hit.section?.number}`);
    }
  }
  expect(problems).toEqual([]);
});

test('HTML citations carry no section number until an HTML anchor index is vendored', () => {
  // HTML renumbers often; an unchecked number misleads (scripts/spec-anchors.ts --html builds the index).
  const numbered = Object.entries(CITATIONS).filter(([, c]) => c.url.startsWith('https://html.spec.whatwg.org/') && /§/.test(c.section));
  expect(numbered).toEqual([]);
});

test('every scenario cites from the registry, the parsing catalog too', () => {
  const registered = new Set(Object.values(CITATIONS).map((c) => `${c.url} ${c.section}`));
  const scenarios = [...loadCatalog(), ...loadParsingCatalog()];
  expect(scenarios.length).toBeGreaterThan(10_000);
  // One assertion over the list: tens of thousands of expect() calls take minutes.
  expect(scenarios.flatMap((s) => s.spec.filter((c) => !registered.has(`${c.url} ${c.section}`)).map((c) => `${s.id}: ${c.url}`))).toEqual([]);
});

test('the index finds what a spec defines and reports what it does not', () => {
  const bs = [
    '<h2 id=fetching>Fetching</h2>',
    '<h3 id=cors-check>CORS check</h3>',
    '<p>To perform a <dfn id=concept-cors-check>CORS check</dfn> for a request.',
    '<h3 class=no-num id=notes>Notes</h3>',
    '<p>A <dfn for=request>credentials mode</dfn> and a <dfn>CORS-safelisted method</dfn>.',
  ].join('\n');
  const index = indexBikeshed(bs, 'https://fetch.spec.whatwg.org/', 'test');
  expect(lookup(index, 'https://fetch.spec.whatwg.org/#concept-cors-check')).toEqual({
    id: 'concept-cors-check',
    section: { number: '1.1', title: 'CORS check' },
  });
  expect(lookup(index, 'https://fetch.spec.whatwg.org/#request-credentials-mode')).toMatchObject({ section: { number: '' } });
  expect(lookup(index, 'https://fetch.spec.whatwg.org/#cors-safelisted-method')).toMatchObject({ id: 'cors-safelisted-method' });
  expect(lookup(index, 'https://fetch.spec.whatwg.org/#cors-chek')).toEqual({ missing: '#cors-chek is not an anchor of https://fetch.spec.whatwg.org/' });
  expect(lookup(index, 'https://fetch.spec.whatwg.org/')).toEqual({ missing: 'https://fetch.spec.whatwg.org/ has no fragment' });

  const built = indexBuiltPage('<h3 id="origin"><span class="secno">7.1.1</span> Origins</h3><p><dfn id="same-origin">same origin</dfn>');
  expect(built.ids['same-origin']).toBe('origin');
  expect(built.sections.origin).toEqual({ number: '7.1.1', title: 'Origins' });
});

test('the vendored Fetch index is the standard, not a stub', () => {
  const ids = Object.keys(fetchIndex.pages['']);
  expect(ids.length).toBeGreaterThan(400);
  expect(fetchIndex.source).toMatch(/^whatwg\/fetch fetch\.bs @ [0-9a-f]{40}$/);
  expect(fetchIndex.sections['cors-check']).toEqual({ number: '4.10', title: 'CORS check' });
});
