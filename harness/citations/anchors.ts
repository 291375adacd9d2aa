/**
 * Spec anchor indexes: which fragment ids a standard defines, and the numbered section each
 * sits in. Built from a spec's source (Bikeshed, as the Fetch standard is written) or from a
 * published build (any spec, multipage included), and vendored as JSON beside this file so a
 * self-test can check every citation offline. Refreshed by scripts/spec-anchors.ts.
 */

export interface Section {
  /** "4.10", or "" for an unnumbered section. */
  number: string;
  title: string;
}

export interface AnchorIndex {
  /** The spec's published base URL, e.g. https://fetch.spec.whatwg.org/ */
  base: string;
  /** Where the index was read from (repository and commit, or URL). */
  source: string;
  /** Per page (a path relative to base; "" for a single-page spec): fragment id → id of its section. */
  pages: Record<string, Record<string, string>>;
  /** Section id → its number and title. */
  sections: Record<string, Section>;
}

const ATTR = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
function attr(tag: string, name: string): string | undefined {
  const m = ATTR(name).exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}
function hasFlag(tag: string, name: string): boolean {
  return new RegExp(`\\s${name}(?=[\\s>=])`, 'i').test(tag);
}
function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Bikeshed's id for a definition without one: its linking text, simplified. */
export function bikeshedSimplify(t: string): string {
  return t
    .trim()
    .toLowerCase()
    .replace(/\(\)/g, '')
    .replace(/[\s/(,]+/g, '-')
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/-+$/, '');
}

const IDL_MEMBER_TYPES = ['attribute', 'method', 'constructor', 'dict-member', 'enum-value', 'argument', 'const'];

/** The id Bikeshed gives a <dfn …> opening tag and its text, when the source gives none. */
function bikeshedDfnId(tag: string, inner: string): string {
  const lt = attr(tag, 'lt') ?? attr(tag, 'data-lt');
  const term = lt ? lt.split('|')[0] : text(inner);
  const dfnFor = attr(tag, 'for') ?? attr(tag, 'data-dfn-for');
  const forPart = dfnFor && dfnFor !== '/' ? dfnFor.split(',')[0].trim() : '';
  if (IDL_MEMBER_TYPES.some((t) => hasFlag(tag, t))) return bikeshedSimplify(`dom-${forPart}-${term}`);
  if (hasFlag(tag, 'http-header')) return bikeshedSimplify(`http-${term}`);
  if (hasFlag(tag, 'abstract-op')) return bikeshedSimplify(`abstract-opdef-${term}`);
  return bikeshedSimplify(forPart ? `${forPart}-${term}` : term);
}

/**
 * Sections are numbered the way Bikeshed numbers them: h2…h6 in order, `no-num` headings
 * (and everything under them) unnumbered.
 */
class Numbering {
  private counters = [0, 0, 0, 0, 0];
  private unnumberedBelow = 99;
  next(level: number, noNum: boolean): string {
    if (level <= this.unnumberedBelow) this.unnumberedBelow = 99;
    if (noNum) {
      this.unnumberedBelow = level;
      return '';
    }
    if (level > this.unnumberedBelow) return '';
    const i = level - 2;
    this.counters[i]++;
    for (let j = i + 1; j < this.counters.length; j++) this.counters[j] = 0;
    return this.counters.slice(0, i + 1).join('.');
  }
}

/**
 * Bikeshed's Markdown headings as the tags it makes of them: `Title {#id}` underlined with `=`
 * (h2) or `-` (h3), and `## Title {#id}` (the level is the number of #).
 */
function markdownHeadings(source: string): string {
  const tag = (level: number, title: string) => {
    const m = /^(.*?)\s*\{#([^}\s]+)\}\s*$/.exec(title);
    return m ? `<h${level} id=${m[2]}>${m[1]}</h${level}>` : `<h${level}>${title.trim()}</h${level}>`;
  };
  return source
    .replace(/^([^\n<>][^\n]*)\n(=+|-+)[ \t]*$/gm, (all, title: string, line: string) => (line.length >= 3 ? tag(line[0] === '=' ? 2 : 3, title) : all))
    .replace(/^(#{2,6})[ \t]+([^\n]+)$/gm, (_, hashes: string, title: string) => tag(hashes.length, title));
}

/** Index of a Bikeshed source (.bs): explicit ids, generated definition ids, numbered headings. */
export function indexBikeshed(source: string, base: string, from: string): AnchorIndex {
  const ids: Record<string, string> = {};
  const sections: Record<string, Section> = {};
  const numbering = new Numbering();
  let current = '';
  // Markdown-ish blocks Bikeshed does not treat as markup.
  const body = markdownHeadings(source.replace(/<pre class=(?:metadata|link-defaults|anchors|biblio)[\s\S]*?<\/pre>/g, ''));
  const tagRe = /<(h[2-6]|dfn)(\s[^>]*)?>([\s\S]*?)<\/\1>|<([a-z][a-z0-9]*)(\s(?:[^>]*\s)?id\s*=[^>]*)>/gi;
  for (const m of body.matchAll(tagRe)) {
    if (m[1]) {
      const tag = m[2] ?? '';
      const name = m[1].toLowerCase();
      if (name.startsWith('h')) {
        const id = attr(tag, 'id') ?? bikeshedSimplify(text(m[3]));
        current = id;
        sections[id] = { number: numbering.next(Number(name[1]), /\bno-num\b/.test(attr(tag, 'class') ?? '')), title: text(m[3]) };
        ids[id] = id;
        for (const old of (attr(tag, 'oldids') ?? '').split(',').filter(Boolean)) ids[old.trim()] = id;
      } else {
        ids[attr(tag, 'id') ?? bikeshedDfnId(tag, m[3])] = current;
        // A dfn can hold elements with ids of their own.
        for (const inner of m[3].matchAll(/\sid\s*=\s*(?:"([^"]*)"|([^\s>]+))/g)) ids[inner[1] ?? inner[2]] = current;
      }
    } else {
      const id = attr(m[5], 'id');
      if (id) ids[id] = current;
    }
  }
  return { base, source: from, pages: { '': ids }, sections };
}

/**
 * Index of one published page: every id attribute, and numbered headings as the build
 * renders them (`<h3 id=x><span class=secno>7.1.1</span> Title</h3>`).
 */
export function indexBuiltPage(html: string): { ids: Record<string, string>; sections: Record<string, Section> } {
  const ids: Record<string, string> = {};
  const sections: Record<string, Section> = {};
  let current = '';
  for (const m of html.matchAll(/<(h[1-6])(\s[^>]*)?>([\s\S]*?)<\/\1>|<[a-z][a-z0-9-]*(\s(?:[^>]*\s)?id\s*=[^>]*)>/gi)) {
    if (m[1]) {
      const id = attr(m[2] ?? '', 'id');
      if (!id) continue;
      const secno = /<span class=["']?secno["']?>([^<]*)<\/span>/.exec(m[3]);
      current = id;
      sections[id] = { number: (secno?.[1] ?? '').trim().replace(/\.$/, ''), title: text(m[3].replace(/<span class=["']?secno["']?>[^<]*<\/span>/, '')) };
      ids[id] = id;
      for (const inner of m[3].matchAll(/\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) ids[inner[1] ?? inner[2] ?? inner[3]] = current;
    } else {
      const id = attr(m[4], 'id');
      if (id) ids[id] = current;
    }
  }
  return { ids, sections };
}

/** Where a cited URL's fragment stands in an index: its section, or why it is not there. */
export function lookup(index: AnchorIndex, url: string): { section: Section | undefined; id: string } | { missing: string } {
  if (!url.startsWith(index.base)) return { missing: `${url} is not under ${index.base}` };
  const u = new URL(url);
  const page = u.href
    .slice(index.base.length)
    .split('#')[0]
    .replace(/\.html$/, '');
  const id = decodeURIComponent(u.hash.slice(1));
  if (!id) return { missing: `${url} has no fragment` };
  const ids = index.pages[page];
  if (!ids) return { missing: `page "${page}" is not in the index of ${index.base}` };
  if (!(id in ids)) return { missing: `#${id} is not an anchor of ${index.base}${page}` };
  return { section: index.sections[ids[id]], id };
}
