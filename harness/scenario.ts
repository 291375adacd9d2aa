/**
 * The scenario format: declarative data, validated on load. A scenario names the page it
 * runs in, the responses the fixture server serves for it, the probe, the expectation per
 * the standard (with citations), a control for every expected block, and any known
 * per-engine deviation.
 */
import { z } from 'zod';
import { ENGINE_NAMES } from '../engines/engine.ts';
import { templateTokensValid, unservable } from '../protocol/declared-response.ts';
import { contextSpec, originName, PROBE_PARAMS, PROBE_KINDS } from './probes.ts';

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
});
// Statuses and framing headers the network cannot serve honestly (1xx, Content-Length, …): the renderer's rule.
const servable = (d: z.infer<typeof declaredBase>, ctx: z.RefinementCtx) => {
  const why = unservable(d);
  if (why) ctx.addIssue({ code: 'custom', message: why });
};
export const declaredResponse = declaredBase.extend({ preflight: declaredBase.superRefine(servable).optional() }).superRefine(servable);

const citation = z.strictObject({
  /** Spec URL with fragment, e.g. https://fetch.spec.whatwg.org/#cors-check */
  url: z.string().url(),
  section: z.string().min(1),
});

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
});

const expectation = z.strictObject({
  observation,
  evidence: z.record(z.string(), evidenceExpectation).optional(),
});

const probeSpec = z.strictObject({
  kind: z.enum(PROBE_KINDS as [string, ...string[]]),
  params: z.record(z.string(), z.unknown()),
  /** Browsing contexts to run inside, outermost first (e.g. a sandboxed frame on another site). */
  context: z.array(contextSpec).optional(),
  timeoutMs: z.number().int().min(100).max(20_000).optional(),
});

const deviation = z.strictObject({
  /** What this engine is observed to do instead (partial observation, matched like an expectation). */
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
      })
      .optional(),
    responses: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), declaredResponse).optional(),
    probe: probeSpec,
    expect: expectation.extend({
      /** True when the standard says the boundary stops this action; such scenarios need a control. */
      blocked: z.boolean(),
    }),
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
    deviations: z.partialRecord(z.enum(ENGINE_NAMES as [string, ...string[]]), deviation).optional(),
    /** Give the scenario a visit of its own (popups, storage, anything that could disturb neighbours). */
    solo: z.boolean().optional(),
    /**
     * Share a visit only with other serial scenarios of the same page, one probe at a time
     * (popups: several new top-level renderers at once miss their bounds on a loaded machine).
     */
    serial: z.boolean().optional(),
  })
  .superRefine((s, ctx) => {
    if (s.expect.blocked && !s.control) {
      ctx.addIssue({
        code: 'custom',
        path: ['control'],
        message: 'a scenario that expects a block needs a control (sameOrigin or patch) that must succeed in the same visit',
      });
    }
    if (s.control && !s.control.sameOrigin && !s.control.patch) {
      ctx.addIssue({ code: 'custom', path: ['control'], message: 'a control needs sameOrigin: true or a patch' });
    }
    const params = PROBE_PARAMS[s.probe.kind as keyof typeof PROBE_PARAMS];
    const parsed = params.safeParse(s.probe.params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['probe', 'params', ...issue.path.map(String)], message: issue.message });
    }
    // Every response a target names must be declared by this scenario.
    const declared = new Set(Object.keys(s.responses ?? {}));
    walk({ probe: { params: s.probe.params, context: s.probe.context }, control: { patch: { probe: s.control?.patch?.probe } } }, [], (obj, path) => {
      if (typeof obj.at === 'string' && typeof obj.response === 'string' && !declared.has(obj.response)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'response'], message: `response "${obj.response}" is not declared in responses` });
      }
    });
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type EvidenceExpectation = z.infer<typeof evidenceExpectation>;
export type Expectation = z.infer<typeof expectation>;

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
