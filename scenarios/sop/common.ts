/**
 * Shared pieces of the same-origin-policy catalog: the time bound sop probes get. (Citations: harness/citations/registry.ts; responses: ../lib.ts.)
 */

/** Loaded machines make frame/popup set-up slow: every sop probe gets at least this bound. */
export function withBound<T extends { probe: { timeoutMs?: number } }>(list: T[], ms = 10_000): T[] {
  for (const s of list) s.probe.timeoutMs = Math.max(s.probe.timeoutMs ?? 0, ms);
  return list;
}
