/**
 * Parses the seed-claims list (../shared/seed-claims.md): `## Section` headings and
 * `- Cnn text` items. The report uses the copy embedded in seed-claims.ts, so it works
 * without ../shared; the self tests check that copy against the shared file when present.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SeedClaim {
  id: string;
  section: string;
  text: string;
}

export function parseSeedClaims(markdown: string): SeedClaim[] {
  const out: SeedClaim[] = [];
  let section = '';
  for (const line of markdown.split(/\r?\n/)) {
    const h = /^##\s+(.+?)\s*$/.exec(line);
    if (h) {
      section = h[1];
      continue;
    }
    const m = /^-\s+(C\d{2,})\s+(.+?)\s*$/.exec(line);
    if (m && section) out.push({ id: m[1], section, text: m[2] });
  }
  return out;
}

/** The shared file if it can be found from the project root (../shared or /work/shared). */
export function findSharedSeedClaims(projectRoot: string): string | undefined {
  for (const p of [path.resolve(projectRoot, '..', 'shared', 'seed-claims.md'), '/work/shared/seed-claims.md']) {
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}
