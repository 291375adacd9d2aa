/**
 * From header cases to scenarios. A header case names the header, the request contexts, the base
 * values and their mutations, the standard's expectation (computed by harness/model/parsing from the
 * header list a conforming HTTP parser builds), and how a variant becomes a scenario. Here every
 * variant is expanded, checked for ambiguity (an outcome that depends on a choice the RFCs leave
 * to the engine — NUL, bare CR — is left out and counted), given its control and the deviations
 * recorded per root cause (the engine registries, scenarios/deviations/), and validated like every other scenario.
 */
import type { BuiltScenarioInput, ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { CitationId } from '../../harness/citations/registry.ts';
import { controlRequirements } from '../../harness/scenario/honesty.ts';
import { FIELD_READINGS, hasChoice, receiveFields, type DeclaredLine, type HeaderList, type Received } from '../../harness/model/parsing/http-fields.ts';
import type { EngineName } from '../../engines/engine.ts';
import { renderLines, wireKey, type Mutation } from './mutations.ts';

export interface Context {
  slug: string;
  label: string;
}

export interface Base {
  slug: string;
  value: string;
  mutations: Mutation[];
}

export interface Variant<C extends Context = Context> {
  id: string;
  area: string;
  header: string;
  family: string;
  mutation: string;
  base: string;
  lines: DeclaredLine[];
  /** Every line of the response under test: the variant's lines first, then the context's fixed lines. */
  response: DeclaredLine[];
  ctx: C;
}

/** The standard's (or an engine's) partial observation for one variant, and why. */
export interface Expected {
  blocked: boolean;
  observation: Record<string, unknown>;
  evidence?: NonNullable<ScenarioInput['expect']['evidence']>;
  why: string;
}

export interface HeaderCase<C extends Context = Context> {
  /** The header as it is usually written, e.g. `Access-Control-Allow-Origin`. */
  header: string;
  /** The area, when not parsing/<header> (the field layer, read through a header of our own). */
  area?: string;
  /** Short id segment, e.g. `acao`. */
  slug: string;
  /** Registry ids of the steps the expectation comes from. */
  spec: readonly CitationId[];
  contexts: C[];
  bases: Base[];
  /** Variants outside base × mutation (the header absent, an empty value, …). */
  extra?: Array<{ family: string; slug: string; lines: DeclaredLine[] }>;
  /** The other lines of the response under test (CORS headers that let the request through, a content type …). */
  fixed?(ctx: C): DeclaredLine[];
  /** What the standard says is observed, given the header list HTTP parsing produced (or a rejected message). */
  expect(received: Received, ctx: C): Expected;
  /**
   * The scenario for a variant (page, responses, probe, control), given the expectation and its
   * place among the case's scenarios. A control is given wherever one can be made; the builder
   * keeps it only where the honesty rules need one (an expected block, a deviation recording one).
   */
  scenario(v: Variant<C>, expected: Expected, ordinal: number): Pick<ScenarioInput, 'page' | 'responses' | 'probe' | 'setup' | 'control' | 'solo' | 'serial'>;
}

export const areaOf = (header: string) => `parsing/${header.toLowerCase()}`;

/** The key that decides whether two outcomes are the same observation. */
const outcomeKey = (e: Expected) => JSON.stringify([e.blocked, e.observation, e.evidence ?? null]);

/** An engine's reading of one header, recorded as a root cause (scenarios/deviations/<engine>.ts, read from readings.ts). */
export interface EngineRule {
  engine: EngineName;
  /** Stable slug, also the name of its bug draft (docs/bugs/<engine>-<slug>.md) when it has one. */
  slug: string;
  /** The headers (areas) it is known for, or '*' (a reading of the HTTP layer): the rule is evaluated for these only. */
  areas: string[];
  reason: string;
  link: string;
  /** The engine's HTTP layer, when it differs: the header list it builds from the lines. */
  fields?: (lines: DeclaredLine[]) => Received | undefined;
  /** The engine's reading of the header values, when it differs: the header list as its header code sees it. */
  headers?: (headers: HeaderList, v: Variant) => HeaderList;
  /** The engine's reading of the header, when it differs: its observation, or undefined to defer to the standard. */
  decide?: (v: Variant, received: Received, standard: Expected) => Expected | undefined;
}

export interface BuildStats {
  variants: number;
  /** What each scenario varies, by id (for the findings report: families, bytes, contexts). */
  meta: Map<string, Variant>;
  ambiguous: Array<{ id: string; lines: string }>;
  duplicates: number;
}

/** The observation under an engine's rules (those for this area), or the standard's. */
export function engineExpected<C extends Context>(
  c: HeaderCase<C>,
  v: Variant<C>,
  rules: EngineRule[],
  standard: Expected,
): { expected: Expected; used: EngineRule[] } {
  const used: EngineRule[] = [];
  let received: Received = receiveFields(v.response);
  for (const r of rules) {
    const alt = r.fields?.(v.response);
    if (alt && JSON.stringify(alt) !== JSON.stringify(received)) {
      received = alt;
      used.push(r);
    }
  }
  for (const r of rules) {
    if (!r.headers || !received.ok) continue;
    const alt = r.headers(received.headers, v as unknown as Variant);
    if (JSON.stringify(alt) !== JSON.stringify(received.headers)) {
      received = { ok: true, headers: alt };
      used.push(r);
    }
  }
  let expected = used.length ? c.expect(received, v.ctx) : standard;
  for (const r of rules) {
    const alt = r.decide?.(v, received, expected);
    if (alt && outcomeKey(alt) !== outcomeKey(expected)) {
      expected = alt;
      used.push(r);
    }
  }
  return { expected, used };
}

/**
 * An engine's observation written as a deviation: deviations are merged into the expectation, so
 * every key the standard expects that the engine's observation lacks is marked absent (null).
 */
function replacing(standard: Record<string, unknown>, engine: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...engine };
  for (const [k, v] of Object.entries(standard)) {
    if (!(k in engine)) out[k] = null;
    else if (isPlainObject(v) && isPlainObject(engine[k])) out[k] = replacing(v, engine[k]);
  }
  return out;
}
const isPlainObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Evidence cannot be marked absent (counts are numbers): an engine's evidence must name every key the standard's does. */
function replacingEvidence(id: string, standard: Expected['evidence'], engine: NonNullable<Expected['evidence']>): NonNullable<Expected['evidence']> {
  for (const [response, e] of Object.entries(standard ?? {}))
    for (const k of Object.keys(e))
      if (!(k in (engine[response] ?? {})))
        throw new Error(`originproof parsing: ${id}: a rule's evidence for "${response}" lacks "${k}", which the standard's names`);
  return engine;
}

export function buildHeaderCase<C extends Context>(c: HeaderCase<C>, rules: EngineRule[], stats: BuildStats): ScenarioInput[] {
  const area = c.area ?? areaOf(c.header);
  const out: ScenarioInput[] = [];
  const seen = new Set<string>();
  for (const ctx of c.contexts) {
    const variants: Array<{ family: string; slug: string; base: string; lines: DeclaredLine[] }> = [
      ...(c.extra ?? []).map((e) => ({ ...e, base: 'none' })),
      ...c.bases.flatMap((b) => b.mutations.map((m) => ({ family: m.family, slug: m.slug, base: b.slug, lines: m.lines(c.header, b.value) }))),
    ];
    for (const raw of variants) {
      const key = `${ctx.slug}|${wireKey(raw.lines)}`;
      if (seen.has(key)) {
        stats.duplicates++;
        continue;
      }
      seen.add(key);
      const id = `parsing.${c.slug}.${ctx.slug}.${raw.base}.${raw.slug}`;
      const response = [...raw.lines, ...(c.fixed?.(ctx) ?? [])];
      const v: Variant<C> = { id, area, header: c.header, family: raw.family, mutation: raw.slug, base: raw.base, lines: raw.lines, response, ctx };
      // Every reading the RFCs permit must lead to the same observation, or the variant says nothing.
      const outcomes = new Map<string, Expected>();
      // Readings differ only on NUL, bare CR and obs-fold; other variants need one.
      const readings = v.response.some(([, x]) => hasChoice(x)) ? FIELD_READINGS : FIELD_READINGS.slice(0, 1);
      for (const reading of readings) {
        const e = c.expect(receiveFields(v.response, reading), ctx);
        outcomes.set(outcomeKey(e), e);
      }
      if (outcomes.size > 1) {
        stats.ambiguous.push({ id, lines: renderLines(v.lines) });
        continue;
      }
      const expected = [...outcomes.values()][0];
      const deviations: NonNullable<BuiltScenarioInput['deviations']> = {};
      for (const engine of ['chromium', 'firefox', 'webkit'] as const) {
        const mine = rules.filter((r) => r.engine === engine && (r.areas.includes(area) || r.areas.includes('*')));
        if (!mine.length) continue;
        const { expected: e, used } = engineExpected(c, v, mine, expected);
        if (!used.length || outcomeKey(e) === outcomeKey(expected)) continue;
        deviations[engine] = {
          observed: replacing(expected.observation, e.observation),
          ...(e.evidence ? { evidence: replacingEvidence(id, expected.evidence, e.evidence) } : {}),
          reason: used.map((r) => `[${r.slug}] ${r.reason}`).join(' + '),
          link: used[0].link,
        };
      }
      stats.variants++;
      stats.meta.set(id, v as unknown as Variant);
      const { control, ...rest } = c.scenario(v, expected, out.length);
      const scenario: ScenarioInput = {
        id,
        area,
        title: `${renderLines(v.lines)} — ${ctx.label}: ${expected.why}`,
        spec: [...c.spec],
        ...rest,
        expect: { blocked: expected.blocked, observation: expected.observation, ...(expected.evidence ? { evidence: expected.evidence } : {}) },
        ...(Object.keys(deviations).length ? { deviations } : {}),
      } as ScenarioInput;
      // A control costs a probe: only where a record would prove nothing without one.
      if (control && controlRequirements(scenario as Parameters<typeof controlRequirements>[0]).needs.length) scenario.control = control;
      out.push(scenario);
    }
  }
  return out;
}
