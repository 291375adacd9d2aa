/** Partial deep match: every key the expectation names must be equal in the observation. */
export function mismatches(expected: unknown, observed: unknown, path = ''): string[] {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (observed === null || typeof observed !== 'object' || Array.isArray(observed)) {
      return [`${path || '(root)'}: expected an object, observed ${JSON.stringify(observed)}`];
    }
    return Object.entries(expected).flatMap(([k, v]) => mismatches(v, (observed as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(observed) || observed.length !== expected.length)
      return [`${path}: expected ${JSON.stringify(expected)}, observed ${JSON.stringify(observed)}`];
    return expected.flatMap((v, i) => mismatches(v, observed[i], `${path}[${i}]`));
  }
  // `undefined` observed matches an expected null: both mean "absent".
  if (expected === null && observed === undefined) return [];
  return Object.is(expected, observed) ? [] : [`${path}: expected ${JSON.stringify(expected)}, observed ${JSON.stringify(observed)}`];
}

export function matches(expected: unknown, observed: unknown): boolean {
  return mismatches(expected, observed).length === 0;
}

/** Objects merge key by key; arrays and primitives replace. */
export function deepMerge<T>(base: T, patch: unknown): T {
  if (patch === undefined) return base;
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch) || base === null || typeof base !== 'object' || Array.isArray(base))
    return patch as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) out[k] = deepMerge(out[k], v);
  return out as T;
}
