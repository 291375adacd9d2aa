/**
 * Names that become parts of file paths (engines, result columns, output files): letters,
 * digits, ".", "_" and "-", starting with a letter or digit, at most 64 characters. Such a name
 * has no separator and is never "." or "..", so it cannot lead out of the folder it is put in.
 */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const SAFE_NAME_RULE = 'letters, digits, ".", "_" or "-", starting with a letter or digit, at most 64 characters';

export function isSafeName(name: unknown): name is string {
  return typeof name === 'string' && SAFE_NAME.test(name);
}

/** A typed name made safe: lower case, every run of other characters one "-", bounded; `fallback` when nothing is left. */
export function slugName(name: string, fallback = 'unnamed'): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return isSafeName(slug) ? slug : fallback;
}

/** The name itself when safe; otherwise an error that names what it is for and why. */
export function checkedName(name: unknown, what: string): string {
  if (isSafeName(name)) return name;
  throw new Error(`originproof: ${what} ${JSON.stringify(name)} cannot name a file: use ${SAFE_NAME_RULE}`);
}
