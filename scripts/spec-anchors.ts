/**
 * Refreshes the vendored anchor indexes (harness/citations/anchors/<spec>.json) that the
 * citation self-test checks every cited fragment against.
 *
 *   npm run anchors -- --fetch <source>   the Fetch standard, from any of:
 *       a git directory or checkout of whatwg/fetch (reads fetch.bs at HEAD),
 *       a fetch.bs file, or a URL of the source or of the published standard
 *   npm run anchors -- --html <url>       the HTML standard, from its published multipage build
 *       (https://html.spec.whatwg.org/multipage/): its source only gets ids and pages from the
 *       wattsi build, so a checkout of whatwg/html is not enough.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { indexBikeshed, indexBuiltPage, type AnchorIndex } from '../harness/citations/anchors.ts';

const OUT = path.join(import.meta.dirname, '..', 'harness', 'citations', 'anchors');
const BASES = { fetch: 'https://fetch.spec.whatwg.org/', html: 'https://html.spec.whatwg.org/multipage/' } as const;

async function get(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.text();
}

/** Reads `file` from a git directory (bare or not) or a checkout; returns its text and commit. */
function fromGit(dir: string, file: string): { text: string; commit: string } | undefined {
  const gitDir = fs.existsSync(path.join(dir, '.git')) ? path.join(dir, '.git') : dir;
  if (!fs.existsSync(path.join(gitDir, 'HEAD'))) return undefined;
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { text: git('show', `HEAD:${file}`), commit: git('rev-parse', 'HEAD').trim() };
}

/** The specs written in Bikeshed that are indexed from their source: published base and source file. */
const BIKESHED = {
  fetch: { base: BASES.fetch, file: 'fetch.bs', repo: 'whatwg/fetch' },
  'fetch-metadata': { base: 'https://w3c.github.io/webappsec-fetch-metadata/', file: 'index.bs', repo: 'w3c/webappsec-fetch-metadata' },
  'local-network-access': { base: 'https://wicg.github.io/local-network-access/', file: 'index.bs', repo: 'WICG/local-network-access' },
  'mixed-content': { base: 'https://w3c.github.io/webappsec-mixed-content/', file: 'index.bs', repo: 'w3c/webappsec-mixed-content' },
  websockets: { base: 'https://websockets.spec.whatwg.org/', file: 'websockets.bs', repo: 'whatwg/websockets' },
  storage: { base: 'https://storage.spec.whatwg.org/', file: 'storage.bs', repo: 'whatwg/storage' },
  'storage-access': { base: 'https://privacycg.github.io/storage-access/', file: 'storage-access.bs', repo: 'privacycg/storage-access' },
  'saa-non-cookie-storage': { base: 'https://privacycg.github.io/saa-non-cookie-storage/', file: 'spec.bs', repo: 'privacycg/saa-non-cookie-storage' },
  'storage-access-headers': { base: 'https://privacycg.github.io/storage-access-headers/', file: 'index.bs', repo: 'privacycg/storage-access-headers' },
  dip: { base: 'https://wicg.github.io/document-isolation-policy/', file: 'index.bs', repo: 'WICG/document-isolation-policy' },
  reporting: { base: 'https://w3c.github.io/reporting/', file: 'index.bs', repo: 'w3c/reporting' },
} as const;
type BikeshedSpec = keyof typeof BIKESHED;

async function bikeshedIndex(spec: BikeshedSpec, source: string): Promise<AnchorIndex> {
  const { base, file, repo } = BIKESHED[spec];
  if (/^https?:/.test(source)) {
    const body = await get(source);
    if (source.endsWith('.bs')) return indexBikeshed(body, base, source);
    const { ids, sections } = indexBuiltPage(body);
    return { base, source, pages: { '': ids }, sections };
  }
  if (fs.statSync(source).isDirectory()) {
    const git = fromGit(source, file);
    if (git) return indexBikeshed(git.text, base, `${repo} ${file} @ ${git.commit}`);
    return indexBikeshed(fs.readFileSync(path.join(source, file), 'utf8'), base, `${source}/${file}`);
  }
  return indexBikeshed(fs.readFileSync(source, 'utf8'), base, source);
}

async function htmlIndex(source: string): Promise<AnchorIndex> {
  if (!/^https?:/.test(source)) {
    throw new Error(
      `--html needs the published multipage build (e.g. ${BASES.html}): the HTML source gets its ids and its page split from the wattsi build, so ${source} cannot be indexed directly`,
    );
  }
  const root = source.endsWith('/') ? source : `${source}/`;
  const toc = await get(root);
  const pages = [...new Set([...toc.matchAll(/href=["']?([a-z0-9-]+)\.html/g)].map((m) => m[1]))];
  const index: AnchorIndex = { base: BASES.html, source: root, pages: {}, sections: {} };
  for (const page of pages) {
    const { ids, sections } = indexBuiltPage(await get(`${root}${page}.html`));
    index.pages[page] = ids;
    Object.assign(index.sections, sections);
  }
  return index;
}

async function main() {
  const args = process.argv.slice(2);
  if (!args.length || args.length % 2) {
    console.error(`usage: npm run anchors -- [--<${Object.keys(BIKESHED).join('|')}> <git dir | checkout | .bs file | URL>] [--html <multipage URL>]`);
    process.exit(2);
  }
  for (let i = 0; i < args.length; i += 2) {
    const [flag, source] = [args[i], args[i + 1]];
    const spec = flag.replace(/^--/, '');
    if (spec !== 'html' && !(spec in BIKESHED)) throw new Error(`unknown spec ${flag} (--${Object.keys(BIKESHED).join(', --')} or --html)`);
    const index = spec === 'html' ? await htmlIndex(source) : await bikeshedIndex(spec as BikeshedSpec, source);
    const count = Object.values(index.pages).reduce((n, ids) => n + Object.keys(ids).length, 0);
    // The small specs (Fetch Metadata, Local Network Access) define a few dozen anchors.
    if (count < (spec === 'fetch' || spec === 'html' ? 100 : 15))
      throw new Error(`${source} gave only ${count} anchors: not a ${spec} standard, nothing written`);
    fs.mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, `${spec}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(index, null, 1)}\n`);
    fs.renameSync(tmp, file);
    console.log(`${file}: ${count} anchors, ${Object.keys(index.sections).length} sections (${index.source})`);
  }
}

main().catch((e) => {
  console.error(`spec-anchors: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
