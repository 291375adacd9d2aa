/**
 * Helpers for the probe kinds' outcome words: what the engine did, in a word, from a probe's
 * observation (and, for requests, the server's evidence of what arrived). The report shows the word
 * in every cell and colours it by the verdict; the same function applied to the scenario's
 * expectation gives what the standard expects, shown beside the word when the engine deviates.
 *
 * Tones say which way the boundary went: `open` (script got through: readable, reachable,
 * delivered, opener kept), `partial` (sent or loaded, but nothing readable), `closed` (blocked,
 * severed, not sent), `state` (a property of the page: isolated or not), `none` (no result).
 */
export type Tone = 'open' | 'partial' | 'closed' | 'state' | 'none';

export interface Outcome {
  word: string;
  tone: Tone;
}

export type Obs = Record<string, unknown>;
/** Server evidence per declared response (any subset of harness/judge/evidence.ts ResponseEvidence). */
export type EvidenceLike = Record<string, { arrived?: boolean; actual?: boolean; preflight?: boolean } | undefined>;

/** A probe kind's outcome word: undefined when the observation's shape is not its own. */
export type OutcomeWord = (x: Obs, ev: EvidenceLike | undefined, about?: Obs) => Outcome | undefined;

export const o = (word: string, tone: Tone): Outcome => ({ word, tone });
export const isObj = (v: unknown): v is Obs => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Whether the actual request (not only a preflight) of one response reached the server; undefined
 * when the evidence does not say. An expectation that names what a request carried (cookies,
 * Origin, methods…) describes a request that arrived.
 */
function actualArrived(e: Record<string, unknown>): boolean | undefined {
  if (typeof e.actual === 'boolean') return e.actual;
  if (typeof e.arrived === 'boolean') return e.arrived && !(e.preflight === true && e.actualCount === 0);
  const carried = Object.keys(e).some((k) => !['preflight', 'preflightCount', 'acrMethod', 'acrHeaders'].includes(k));
  return carried ? true : undefined;
}

/**
 * What reached the server, over every declared response of the probe. A run's evidence summary
 * lists only responses that were requested, so an empty one means nothing arrived; an
 * expectation without evidence says nothing.
 */
export function reached(ev: EvidenceLike | undefined): { actual: boolean; preflight: boolean; known: boolean } {
  const all = Object.values(ev ?? {}).filter(isObj);
  const arrived = all.map(actualArrived);
  return {
    actual: arrived.some((a) => a === true),
    preflight: all.some((e) => e.preflight === true),
    known: ev !== undefined && (all.length === 0 || arrived.some((a) => a !== undefined) || all.some((e) => e.preflight !== undefined)),
  };
}

/** A request script could not read: was it sent anyway (C13), or stopped before it left (preflight)? */
export function unreadable(ev: EvidenceLike | undefined): Outcome {
  const r = reached(ev);
  if (r.actual) return o('sent-unreadable', 'partial');
  if (r.preflight) return o('blocked at preflight', 'closed');
  return o('blocked', 'closed');
}

export function sent(x: Obs, flag: string, ev: EvidenceLike | undefined, yes: string, no: string): Outcome | undefined {
  if (x[flag] === false) return o('throws', 'closed');
  const r = reached(ev);
  if (r.known) return r.actual ? o(yes, 'open') : o(no, 'closed');
  return x[flag] === true ? o(yes, 'open') : undefined;
}
