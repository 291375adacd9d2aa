/**
 * What every probe kind's module (probes/<kind>/) is made of: the shape of its parameters, the
 * shape of the observation its browser-side runtime (probes/<kind>/runtime.js) reports, whether an
 * observation records a block, and its outcome word. Scenario types are derived from these, so a
 * misspelled parameter, an expectation on a key a probe never reports, or a kind without an
 * outcome word is a compile error (and, for data built at run time, a load error).
 */
import { z } from 'zod';
import { isOriginName, ORIGIN_NAMES, type OriginName } from '../protocol/origins.ts';
import type { OutcomeWord } from './outcome-words.ts';

/** A catalog origin's name, or an extra origin registered in this process (a user's server in the audit). */
export const originName = z.custom<OriginName>(isOriginName, {
  error: (i) => `${JSON.stringify(i.input)} is not an origin of the network (catalog: ${ORIGIN_NAMES.join(', ')}; or a registered extra origin)`,
});

/** Whether a target's `response` names a path on a user's own server rather than a declared response. */
export function isUpstreamPath(response: string): boolean {
  return response.startsWith('/');
}

/**
 * A reference to a response on an origin of the network; the planner turns it into a URL. `response`
 * names a declared response, or — starting with `/` — a path on the user's own server behind an
 * extra origin (forwarded by the fixture server's gateway).
 */
export const targetRef = z.strictObject({
  at: originName,
  response: z.string().min(1),
  /** Spell the default port out in the URL (https://site.test:443/…), seed claim C06. */
  explicitPort: z.boolean().optional(),
  /** Agent documents post to this mailbox key (popups severed by COOP report through the server). */
  mailbox: z.string().optional(),
  /** Extra query string appended to the URL (e.g. a cache-busting or path variant). */
  query: z.string().optional(),
});
export type TargetRef = z.infer<typeof targetRef>;

/** A browsing context a probe runs inside: an agent document in an iframe or a popup. */
export const contextSpec = targetRef.extend({
  via: z.enum(['iframe', 'popup']),
  sandbox: z.string().optional(),
  allow: z.string().optional(),
  /** <iframe credentialless>: loaded in a new ephemeral context, without credentials. */
  credentialless: z.boolean().optional(),
  name: z.string().optional(),
  features: z.string().optional(),
});

/** A browsing context reached from the page through frames and popups, outermost first ([] is the page). */
export const contextPath = z.array(contextSpec).max(4);

export const headersRecord = z.record(z.string(), z.string());
export const waitMs = z.number().int().min(100).max(10_000).optional();
export const accessTarget = z.union([z.enum(['parent', 'top', 'opener', 'self', 'frame', 'popup']), z.templateLiteral(['handle:', z.string().regex(/^\w+$/)])]);

/** Keys every observation may carry: the runtime's own account of a probe that could not run. */
const runtimeKeys = {
  timedOut: z.boolean().optional(),
  probeError: z.string().optional(),
  /** Set when the probe ran inside `context`: whether that browsing context came up. */
  contextReady: z.boolean().optional(),
  contextOpened: z.boolean().optional(),
  /** How long the probe took, added by the runner page. */
  _ms: z.number().optional(),
};
export function observation<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ ...shape, ...runtimeKeys });
}
export const b = z.boolean().optional();
export const s = z.string().optional();

/** OP.attempt(): { allowed, error?, valueType? }. */
export const attempt = { allowed: b, error: s, valueType: s };

export interface Contract<P extends z.ZodType, O extends z.ZodType> {
  params: P;
  observation: O;
  /**
   * Whether a (partial) observation records that the boundary stopped the action or that
   * something never happened. Such a record proves nothing unless a control in the same visit
   * shows the probe works, so it needs one, as an expected block does. Probes that report a
   * state (isolation, gated) rather than attempt an action have no such notion.
   */
  blocks: (o: Record<string, unknown>) => boolean;
  /** What the engine did, in a word (the matrix cell); undefined when the observation's shape is not this kind's. */
  outcome: OutcomeWord;
}
/** A probe kind: its contract and its outcome word, declared together. */
export function kind<P extends z.ZodType, O extends z.ZodType>(c: Contract<P, O>): Contract<P, O> {
  return c;
}
export const isFalse = (o: Record<string, unknown>, ...keys: string[]) => keys.some((k) => o[k] === false);
export const hasError = (o: Record<string, unknown>) => typeof o.error === 'string';
export const runtimeBlock = (o: Record<string, unknown>) => isFalse(o, 'contextReady');
