/**
 * What every audit intent module (audit/intents/) is made of: the probe a config's intent derives,
 * the evidence it is explained from, and the shape of a module — its schema, its checks, its
 * derivation, and per probe kind its judging words and its explanation by the standard.
 */
import type { z } from 'zod';
import type { LoggedRequest, Observation } from '../protocol/visit.ts';
import type { ExtraOriginName, OriginEntry } from '../protocol/origins.ts';
import type { HeaderList } from '../harness/model/fetch/headers.ts';
import type { ScenarioInput } from '../harness/scenario/scenario.ts';
import type { ResultRow } from '../harness/judge/results.ts';

export const EMBED_AS = ['script', 'img', 'style', 'audio', 'video'] as const;
export type EmbedAs = (typeof EMBED_AS)[number];

/** A declared origin: its entry, and your server behind it (none: served by originproof itself). */
export interface DeclaredOrigin {
  name: ExtraOriginName;
  entry: OriginEntry;
  upstream?: string;
}

/** What the judge and the explanation need to know about one derived probe. */
export interface AuditProbe {
  id: string;
  intentId: string;
  /** A probe kind of the intent's module (its judging words and explanation). */
  kind: string;
  /** What the intent needs the engine to do, in the probe kind's words ('readable', 'blocked', …). */
  expect: string;
  /** Who makes the attempt, and the Origin its requests carry. */
  requester: { origin: string; label: string; attacker: boolean };
  /** The user's URL under test. */
  target: { url: string; origin: string; path: string };
  /** Reads: the request as fetch() makes it. */
  request?: { method: string; headers: Record<string, string>; credentials: 'include' | 'omit'; body?: string; label: string };
  /** Embeds: the element, and the embedder policy of the page (none: unsafe-none). */
  embed?: { as: EmbedAs; coep?: 'require-corp' | 'credentialless' };
  /** The policy the intent states: isolatedByDip, the page's Document-Isolation-Policy; credentiallessEmbeds, the embedding page's COEP. */
  policy?: string;
  /** Framing: the documents above the framed page, innermost first. */
  ancestors?: string[];
  /** One sentence: what must hold. */
  title: string;
}

export interface AuditIntent {
  id: string;
  title: string;
  probes: string[];
}

/** One request the user's server received for the probe, and what it answered. */
export interface Exchange {
  request: string;
  origin?: string;
  status?: number;
  headers?: HeaderList;
  error?: string;
}

export interface Explanation {
  /** Whether the intent holds by the standard, on these headers; undefined when the evidence cannot tell. */
  holds: boolean | undefined;
  /** What the standard predicts the browser does, in the probe's words (readable, blocked, isolated, …). */
  outcome?: string;
  /** What the engine should show by the standard, where that is not `holds` (a document that loads but does not work: true). */
  engineShould?: boolean;
  /** The steps that decide it, each citing its section and step. */
  why: string[];
  exchanges: Exchange[];
}

export function exchangeOf(r: LoggedRequest): Exchange {
  return { request: `${r.method} ${r.path}`, origin: r.origin, status: r.answer?.status, headers: r.answer?.headers, error: r.upstream?.error };
}

/** The requests of this probe (not its control) that reached the user's URL under test. */
export function targetRequests(probe: AuditProbe, requests: LoggedRequest[]): LoggedRequest[] {
  return requests.filter((r) => r.probe === probe.id && r.response === probe.target.path && r.upstream);
}

export const unknownExplanation = (why: string, exchanges: Exchange[]): Explanation => ({ holds: undefined, why: [why], exchanges });

/** The document's own answer (the first one of the probe that came back). */
export function documentAnswer(logged: LoggedRequest[]): LoggedRequest | undefined {
  return logged.find((r) => r.answer && r.method === 'GET');
}

/** A probe kind: what the engine did in its words, and what the standard says on the server's headers. */
export interface ProbeKind {
  observed(p: AuditProbe, o: Observation): { words: string; good?: boolean };
  explain(p: AuditProbe, logged: LoggedRequest[]): Explanation;
  /** The response headers that decide it, shown in the explanation. */
  relevantHeaders: RegExp;
  /** A recorded engine deviation that explains what this engine did, in a clause (or ''). */
  deviation?(p: AuditProbe, row: ResultRow): string;
  /**
   * The platform feature the probe needs, by a catalog scenario that shows it: an engine whose
   * registry records a deviation for that scenario does not implement the feature, so where the
   * probe does not hold there, the intent cannot hold in that engine (verdict unsupported, with the
   * recorded reason and link), whatever the server sends.
   */
  needs?: { feature: string; scenario: string };
  /**
   * The engine shows whether the document loaded; whether it works is decided by the standard on
   * what the server answered (a document that loads but answers its own requests with 401 does not).
   */
  worksByAnswers?: boolean;
  /** The explanation reads every request of the probe on your servers (the embed's own subresources too), not only the URL under test. */
  probeRequests?: boolean;
}

/** Collects the scenarios and probes of one intent. */
export interface Builder {
  scenarios: ScenarioInput[];
  probes: Map<string, AuditProbe>;
  intent: AuditIntent;
  /** Extra origins the probes need (attackers), registered by the derivation. */
  registers: string[];
}

/** Adds a probe; an id the config repeats (`methods: ['get', 'GET']`) gets a numbered twin, never a clash. */
export function addProbe(b: Builder, s: ScenarioInput, meta: Omit<AuditProbe, 'id' | 'intentId'>): void {
  let id = s.id;
  for (let n = 2; b.probes.has(id); n++) id = `${s.id}.${n}`;
  b.scenarios.push({ ...s, id });
  b.probes.set(id, { ...meta, id, intentId: b.intent.id });
  b.intent.probes.push(id);
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Checks beyond the schema, on a validated entry; `fail` throws naming the field. */
export interface CheckContext {
  fail(field: string, detail: string): never;
  /** The declared origin of a URL with an upstream (fails naming the field otherwise). */
  onServer(field: string, url: string): { origin: DeclaredOrigin; path: string };
  declared: Map<string, DeclaredOrigin>;
}

export interface DeriveContext {
  /** The declared origin and path of a URL the config validated. */
  at(url: string): { origin: DeclaredOrigin; path: string };
  declared: Map<string, DeclaredOrigin>;
}

/**
 * One audit intent: a field of originproof.config.ts (an array of entries), and everything the
 * audit does with it. Registered in audit/intents/index.ts; its position there is its order in
 * configs' reports.
 */
export interface IntentModule<K extends string = string, S extends z.ZodType = z.ZodType> {
  /** The config's field (`reads`). */
  key: K;
  /** Intent ids are `<idPrefix>-<index>` (`reads-0`); the tag `--grep @reads-0` selects one. */
  idPrefix: string;
  /** One entry of the field. */
  schema: S;
  check(entry: z.output<S>, field: string, ctx: CheckContext): void;
  title(entry: z.output<S>): string;
  derive(b: Builder, entry: z.output<S>, ctx: DeriveContext): void;
  kinds: Record<string, ProbeKind>;
}

/** Types a module (keeps its key a literal, so the config's type has the field). */
export function defineIntent<K extends string, S extends z.ZodType>(m: IntentModule<K, S>): IntentModule<K, S> {
  return m;
}

/** An absolute URL on a declared origin: the origin's name and the path (with query) on it, or why not. */
export function onDeclared(text: string, declared: Map<string, DeclaredOrigin>): { origin: DeclaredOrigin; path: string } | string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return `"${text}" is not an absolute URL (write it as https://api.example.com/path)`;
  }
  const o = declared.get(u.origin);
  if (!o) return `${u.origin} is not an origin declared in origins (declared: ${[...declared.keys()].join(', ') || 'none'})`;
  return { origin: o, path: `${u.pathname}${u.search}` };
}
