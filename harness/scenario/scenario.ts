/**
 * The scenario format: declarative data, validated on load. A scenario names the page it
 * runs in, the responses the fixture server serves for it, the probe, the expectation per
 * the standard (with citations), a control for every expected block, and any known
 * per-engine deviation.
 */
import { z } from 'zod';
import { ENGINE_NAMES, type EngineName } from '../../engines/engine.ts';
import { templateTokensValid, unservable } from '../../protocol/declared-response.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { LNA_PERMISSIONS, type PageGrant } from '../../protocol/visit.ts';
import { CITATION_IDS, CITATIONS, type Citation, type CitationId } from '../citations/registry.ts';
import { controlRequirements } from './honesty.ts';
import { contextSpec, isUpstreamPath, originName } from '../../probes/contract.ts';
import { PROBES, PROBE_KINDS, type ProbeKind, type ProbeObservation, type ProbeParams } from '../../probes/index.ts';

const headerLine = z.tuple([z.string().min(1), z.string()]).superRefine(([, v], ctx) => {
  const bad = templateTokensValid(v);
  if (bad) ctx.addIssue({ code: 'custom', message: bad });
});

const declaredBase = z.strictObject({
  status: z.number().int().min(100).max(599).optional(),
  headers: z.array(headerLine).optional(),
  body: z.string().optional(),
  kind: z.enum(['text', 'agent', 'png', 'wav', 'empty']).optional(),
  delayMs: z.number().int().min(0).max(15_000).optional(),
  websocket: z.strictObject({ origins: z.array(z.union([originName, z.literal('null')])).optional() }).optional(),
});
// Statuses and framing headers the network cannot serve honestly (1xx, Content-Length, …): the renderer's rule.
const servable = (d: z.infer<typeof declaredBase>, ctx: z.RefinementCtx) => {
  const why = unservable(d);
  if (why) ctx.addIssue({ code: 'custom', message: why });
};
export const declaredResponse = declaredBase.extend({ preflight: declaredBase.superRefine(servable).optional() }).superRefine(servable);

/** A citation by registry id (harness/citations/registry.ts); the parsed scenario carries URL and section. */
const citation = z.enum(CITATION_IDS as [CitationId, ...CitationId[]]).transform((id) => CITATIONS[id] as Citation);

/** Any observation, as the runtime schema sees it; each probe kind's own shape is checked in superRefine. */
const observation = z.record(z.string(), z.unknown());

/** What the server must (not) have seen, per declared response name. */
export const evidenceExpectation = z.strictObject({
  arrived: z.boolean().optional(),
  count: z.number().int().optional(),
  preflight: z.boolean().optional(),
  preflightCount: z.number().int().optional(),
  actual: z.boolean().optional(),
  actualCount: z.number().int().optional(),
  methods: z.array(z.string()).optional(),
  origin: z.string().nullable().optional(),
  cookies: z.array(z.string()).optional(),
  acrMethod: z.string().nullable().optional(),
  acrHeaders: z.string().nullable().optional(),
  secFetchSite: z.string().nullable().optional(),
  secFetchMode: z.string().nullable().optional(),
  secFetchDest: z.string().nullable().optional(),
  secFetchUser: z.string().nullable().optional(),
  secFetchStorageAccess: z.string().nullable().optional(),
  storageAccessSent: z.array(z.string().nullable()).optional(),
  cookiesLast: z.array(z.string()).optional(),
  /** Catalog origin the request reached (an upgraded http URL reaches the https origin). */
  reached: originName.nullable().optional(),
  /** The status a WebSocket handshake was answered with (101: the server accepted it). */
  handshake: z.number().int().nullable().optional(),
  /** The reports the requests carried (ReportSeen, harness/judge/evidence.ts), in its stable order; each entry partial. */
  reports: z
    .array(
      z.strictObject({
        type: z.string().optional(),
        url: z.string().nullable().optional(),
        bodyType: z.string().nullable().optional(),
        disposition: z.string().nullable().optional(),
        effectivePolicy: z.string().nullable().optional(),
        blockedURL: z.string().nullable().optional(),
        destination: z.string().nullable().optional(),
        directive: z.string().nullable().optional(),
      }),
    )
    .optional(),
});

const expectation = z.strictObject({
  observation,
  evidence: z.record(z.string(), evidenceExpectation).optional(),
});

const probeSpec = z.strictObject({
  kind: z.enum(PROBE_KINDS as [ProbeKind, ...ProbeKind[]]),
  params: z.record(z.string(), z.unknown()),
  /** Browsing contexts to run inside, outermost first (e.g. a sandboxed frame on another site). */
  context: z.array(contextSpec).optional(),
  timeoutMs: z.number().int().min(100).max(20_000).optional(),
});

const deviation = z.strictObject({
  /** What this engine is observed to do instead: merged into the expectation, then matched like one. */
  observed: observation,
  evidence: z.record(z.string(), evidenceExpectation).optional(),
  reason: z.string().min(10),
  link: z.string().url(),
});

export const scenarioSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids are lower-case words joined by . _ -'),
    area: z.string().regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/),
    title: z.string().min(5),
    claims: z.array(z.string().regex(/^C\d\d$/)).optional(),
    spec: z.array(citation).min(1, 'every scenario cites the standard it expects'),
    page: z
      .strictObject({
        at: originName,
        headers: z.array(headerLine).optional(),
        cookies: z.array(z.strictObject({ at: originName, setCookie: z.string().min(3) })).optional(),
        /** Permissions the engine grants in the visit's context before the page loads (through its automation protocol). */
        grants: z
          .array(
            z.union([
              // Storage Access: keyed by (top-level origin, embedded origin).
              z.strictObject({ name: z.literal('storage-access'), state: z.enum(['granted', 'denied']), origin: originName, embeddedOrigin: originName }),
              // Local Network Access: keyed by the top-level origin.
              z.strictObject({ name: z.enum(LNA_PERMISSIONS), state: z.enum(['granted', 'denied']), origin: originName }),
            ]),
          )
          .min(1)
          .optional(),
      })
      .optional(),
    responses: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), declaredResponse).optional(),
    probe: probeSpec,
    expect: expectation.extend({
      /** True when the standard says the boundary stops this action; such scenarios need a control. */
      blocked: z.boolean(),
    }),
    /**
     * What must hold of the row's own evidence (and its control's) before its observation says
     * anything: when the engine does not put the probe in that state, the row is inconclusive with
     * `why` named, never a fail or a pass.
     */
    setup: z.strictObject({ evidence: z.record(z.string(), evidenceExpectation), why: z.string().min(10) }).optional(),
    control: z
      .strictObject({
        /** Run the same probe with every target moved to the page's own origin. */
        sameOrigin: z.boolean().optional(),
        /** Deep-merged into the scenario (objects merge, arrays replace). */
        patch: z
          .strictObject({
            probe: z.strictObject({ params: z.record(z.string(), z.unknown()).optional(), context: z.array(contextSpec).optional() }).optional(),
            responses: z.record(z.string(), declaredResponse).optional(),
          })
          .optional(),
        expect: expectation,
      })
      .optional(),
    deviations: z.partialRecord(z.enum(ENGINE_NAMES as [EngineName, ...EngineName[]]), deviation).optional(),
    /** Give the scenario a visit of its own: it leaves state behind (writes cookies or storage, sets document.domain). */
    solo: z.boolean().optional(),
    /**
     * Run with no other probe in flight, in a visit shared only with the other one-at-a-time
     * scenarios of the same page (probes that read page-wide state, such as window.onerror, or
     * whose control opens a popup). For scenarios that write nothing another probe reads.
     */
    oneAtATime: z.boolean().optional(),
    /**
     * Share a visit only with other serial scenarios of the same page, two probes at a time
     * (popups: several new top-level renderers at once miss their bounds on a loaded machine).
     */
    serial: z.boolean().optional(),
    /**
     * Its probe mostly waits (for what the browser sends on its own schedule, such as reports, or
     * for a frame the browser refuses without a load event to settle by): share a visit only with
     * other waiting scenarios of the same page, many probes at a time.
     */
    waits: z.boolean().optional(),
  })
  .superRefine((s, ctx) => {
    const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
    const { needs, controlProblems } = controlRequirements(s);
    if (needs.length && !s.control) {
      issue(['control'], `this scenario needs a control (sameOrigin or patch) that must succeed in the same visit: ${needs.join('; ')}`);
    }
    for (const p of controlProblems) issue(['control', 'expect', 'evidence'], p);
    if (s.control && !s.control.sameOrigin && !s.control.patch) issue(['control'], 'a control needs sameOrigin: true or a patch');
    const sharing = (['solo', 'oneAtATime', 'serial', 'waits'] as const).filter((k) => s[k]);
    if (sharing.length > 1) issue([sharing[1]], `solo, oneAtATime, serial and waits each say how a visit is shared: declare one, not ${sharing.join(' and ')}`);
    const contract = PROBES[s.probe.kind];
    const parsed = contract.params.safeParse(s.probe.params);
    if (!parsed.success) {
      for (const i of parsed.error.issues) issue(['probe', 'params', ...i.path.map(String)], i.message);
    }
    // Expectations name only keys the probe reports, with values of the reported types.
    const observed: Array<[Array<string | number>, unknown]> = [
      [['expect', 'observation'], s.expect.observation],
      ...(s.control ? [[['control', 'expect', 'observation'], s.control.expect.observation] as [Array<string | number>, unknown]] : []),
      ...Object.entries(s.deviations ?? {}).map(([e, d]) => [['deviations', e, 'observed'], d?.observed] as [Array<string | number>, unknown]),
    ];
    for (const [path, value] of observed) {
      for (const i of partialIssues(contract.observation, value)) issue([...path, ...i.path], `${i.message} (probe ${s.probe.kind})`);
    }
    // Every response a target names must be declared by this scenario.
    const declared = new Set(Object.keys(s.responses ?? {}));
    walk({ probe: { params: s.probe.params, context: s.probe.context }, control: { patch: { probe: s.control?.patch?.probe } } }, [], (obj, path) => {
      if (typeof obj.at === 'string' && typeof obj.response === 'string' && !isUpstreamPath(obj.response) && !declared.has(obj.response)) {
        issue([...path, 'response'], `response "${obj.response}" is not declared in responses`);
      }
    });
  });

/** The scenario as validated: what the planner, runner and reports work with. */
export type Scenario = z.infer<typeof scenarioSchema>;
export type EvidenceExpectation = z.infer<typeof evidenceExpectation>;
export type Expectation = z.infer<typeof expectation>;

// ---- The scenario as an author writes it: a discriminated union on probe.kind ----

/**
 * Every key optional, at every depth; arrays keep their element type (partially). An optional key
 * may also be null, meaning "absent": how a deviation says a key the expectation names is not there.
 */
export type DeepPartial<T> =
  T extends ReadonlyArray<infer E>
    ? Array<DeepPartial<E>>
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> | (undefined extends T[K] ? null : never) }
      : T;

type EvidenceInput = Record<string, z.input<typeof evidenceExpectation>>;
type DeclaredResponseInput = z.input<typeof declaredResponse>;
type ContextSpecInput = z.input<typeof contextSpec>;
type HeaderLine = [string, string];

/** What a probe of kind K is expected to report: any subset of its observation. */
export type ObservationOf<K extends ProbeKind> = DeepPartial<ProbeObservation<K>>;

export interface ExpectationOf<K extends ProbeKind> {
  observation: ObservationOf<K>;
  evidence?: EvidenceInput;
}

export interface DeviationOf<K extends ProbeKind> {
  observed: ObservationOf<K>;
  evidence?: EvidenceInput;
  reason: string;
  link: string;
}

export interface ScenarioOf<K extends ProbeKind> {
  id: string;
  area: string;
  title: string;
  claims?: string[];
  spec: CitationId[];
  page?: { at: OriginName; headers?: HeaderLine[]; cookies?: Array<{ at: OriginName; setCookie: string }>; grants?: PageGrant[] };
  responses?: Record<string, DeclaredResponseInput>;
  probe: { kind: K; params: ProbeParams<K>; context?: ContextSpecInput[]; timeoutMs?: number };
  expect: ExpectationOf<K> & { blocked: boolean };
  setup?: { evidence: EvidenceInput; why: string };
  control?: {
    sameOrigin?: boolean;
    patch?: { probe?: { params?: DeepPartial<ProbeParams<K>>; context?: ContextSpecInput[] }; responses?: Record<string, Partial<DeclaredResponseInput>> };
    expect: ExpectationOf<K>;
  };
  solo?: boolean;
  oneAtATime?: boolean;
  serial?: boolean;
  waits?: boolean;
}

/** A scenario of any probe kind: the type checks params and expectations against that kind. */
export type ScenarioInput = { [K in ProbeKind]: ScenarioOf<K> }[ProbeKind];

/**
 * A scenario with the engine deviations a builder computed from a model variant or a header
 * reading (the CORS and parsing builders). Scenario files state only the standard: recorded
 * deviations live in the engine registries (scenarios/deviations/) and are attached on load.
 */
export type BuiltScenarioOf<K extends ProbeKind> = ScenarioOf<K> & { deviations?: Partial<Record<EngineName, DeviationOf<K>>> };
export type BuiltScenarioInput = ScenarioInput & { deviations?: Partial<Record<EngineName, DeviationOf<ProbeKind>>> };

/** Writes one scenario with its kind inferred from `probe.kind` (clearer compile errors than the union). */
export function scenario<K extends ProbeKind>(s: ScenarioOf<K>): ScenarioOf<K> {
  return s;
}

/**
 * Problems of a partial value against a zod schema: keys the schema does not have, or leaf
 * values of the wrong type. Missing keys are fine (expectations are partial).
 */
export function partialIssues(schema: z.ZodType, value: unknown, path: Array<string | number> = []): Array<{ path: Array<string | number>; message: string }> {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    // null on an optional key means "absent" (matched as such, see match.ts).
    if (value === null || value === undefined) return [];
    return partialIssues(schema.unwrap() as z.ZodType, value, path);
  }
  if (schema instanceof z.ZodObject) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [{ path, message: `expected an object, got ${JSON.stringify(value)}` }];
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([k, v]) =>
      k in shape ? partialIssues(shape[k], v, [...path, k]) : [{ path: [...path, k], message: `"${k}" is never reported` }],
    );
  }
  if (schema instanceof z.ZodRecord) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [{ path, message: `expected an object, got ${JSON.stringify(value)}` }];
    return Object.entries(value).flatMap(([k, v]) => partialIssues(schema.valueType as z.ZodType, v, [...path, k]));
  }
  if (schema instanceof z.ZodArray) {
    if (!Array.isArray(value)) return [{ path, message: `expected a list, got ${JSON.stringify(value)}` }];
    return value.flatMap((v, i) => partialIssues(schema.element as z.ZodType, v, [...path, i]));
  }
  if (schema instanceof z.ZodUnion) {
    const tries = (schema.options as z.ZodType[]).map((o) => partialIssues(o, value, path));
    return tries.some((t) => t.length === 0) ? [] : tries.sort((a, b) => a.length - b.length)[0];
  }
  const r = schema.safeParse(value);
  return r.success ? [] : [{ path, message: r.error.issues[0]?.message ?? 'invalid value' }];
}

export function walk(value: unknown, path: Array<string | number>, visit: (obj: Record<string, unknown>, path: Array<string | number>) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (value && typeof value === 'object') {
    visit(value as Record<string, unknown>, path);
    for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
  }
}

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly scenarioId: string,
    readonly field: string,
    detail: string,
  ) {
    super(`originproof: malformed scenario in ${file}: scenario "${scenarioId}", field ${field || '(root)'}: ${detail}`);
    this.name = 'ScenarioError';
  }
}

/**
 * A hand-written outcome checked against the model it would otherwise be computed from: the
 * scenario states its answer in a word a reviewer can check, and loading the catalog stops,
 * naming the step of the standard the model followed, when the two disagree.
 */
export function checkStated(file: string, id: string, field: string, stated: string, model: { outcome: string; step: string }): void {
  if (stated !== model.outcome) {
    throw new ScenarioError(file, id, field, `the line says "${stated}", the model of the standard says "${model.outcome}" (${model.step})`);
  }
}

/** Validates one file's scenarios; the first problem stops the run, naming file, id and field. */
export function validateScenarios(file: string, input: unknown[]): Scenario[] {
  return input.map((raw, i) => {
    const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : `#${i}`;
    const r = scenarioSchema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new ScenarioError(file, id, issue.path.map(String).join('.'), issue.message);
    }
    return r.data;
  });
}

export function validateCatalog(files: Array<{ file: string; scenarios: unknown[] }>): Array<Scenario & { file: string }> {
  const seen = new Map<string, string>();
  const all: Array<Scenario & { file: string }> = [];
  for (const { file, scenarios } of files) {
    for (const s of validateScenarios(file, scenarios)) {
      const prior = seen.get(s.id);
      if (prior) throw new ScenarioError(file, s.id, 'id', `duplicate id (also in ${prior})`);
      seen.set(s.id, file);
      all.push({ ...s, file });
    }
  }
  return all;
}

/** One step of a sequence probe, typed by its own kind. */
export type SequenceStep = ProbeParams<'sequence'>['steps'][number];
/** A browsing context a probe runs inside, as a scenario writes it. */
export type ContextInput = z.input<typeof contextSpec>;
