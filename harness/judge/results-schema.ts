/**
 * A results file read as input (the matrix from a file, the comparison of two runs, serve's
 * column store) is untrusted: it travels as a CI artifact and is written by anyone. It is read
 * only within a size and nesting bound, with no key that could reach an object's prototype, and
 * with every row in the shape the reporters rely on; anything else is one clear error.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { SAFE_NAME, SAFE_NAME_RULE } from '../../protocol/names.ts';
import { VERDICTS } from './verdict.ts';
import { RESULTS_SCHEMA_VERSION, type ResultsFile } from './results.ts';

/** Largest results file read: a full run of every engine is a few MB. */
export const MAX_RESULTS_BYTES = 256 * 1024 * 1024;
/** Deepest nesting read: a row is about eight levels deep. */
export const MAX_RESULTS_DEPTH = 64;
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const engineName = z.string().regex(SAFE_NAME, `an engine name is ${SAFE_NAME_RULE}`);
const record = z.record(z.string(), z.unknown());
const count = z.number().int().nonnegative();
const evidence = z.looseObject({ count: count.optional(), preflightCount: count.optional(), actualCount: count.optional() });

const row = z.looseObject({
  id: z.string().min(1).max(300),
  area: z.string().max(300),
  title: z.string(),
  claims: z.array(z.string().max(100)),
  probe: z.string(),
  engine: engineName,
  expected: z.looseObject({ blocked: z.boolean(), observation: record, evidence: record.optional() }),
  observed: record.nullable(),
  verdict: z.enum(VERDICTS),
  reason: z.string(),
  mismatches: z.array(z.string()),
  control: z.looseObject({ expected: record, observed: record.nullable(), ok: z.boolean() }).nullable(),
  deviation: z.looseObject({ observed: record, reason: z.string(), link: z.string() }).nullable(),
  evidence: z.looseObject({ summary: z.record(z.string(), evidence), requests: z.array(record) }),
  spec: z.array(z.looseObject({ url: z.string(), section: z.string() })),
  durationMs: z.number(),
  visit: z.looseObject({
    id: z.string(),
    page: z.string(),
    probes: z.number().optional(),
    durationMs: z.number().optional(),
    startedAt: z.number().optional(),
    attempts: z.array(z.string()).optional(),
    chainedAfter: z.array(z.string()).optional(),
  }),
});

const resultsFile = z.looseObject({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  tool: z.literal('originproof'),
  date: z.string().max(64),
  engines: z.array(z.looseObject({ engine: engineName })),
  totals: z.record(z.string(), z.record(z.string(), z.number())),
  rows: z.array(row),
});

/** Where the value nests deeper than the bound or holds a prototype key, walked without recursion. */
function structureProblem(value: unknown): string | undefined {
  const stack: Array<[unknown, string, number]> = [[value, '', 0]];
  while (stack.length) {
    const [v, at, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_RESULTS_DEPTH) return `${at || 'the top'} nests deeper than ${MAX_RESULTS_DEPTH} levels`;
    for (const key of Object.keys(v)) {
      if (PROTOTYPE_KEYS.has(key)) return `${at}.${key}: the key "${key}" is refused (it could reach an object's prototype)`;
      stack.push([(v as Record<string, unknown>)[key], `${at}.${key}`, depth + 1]);
    }
  }
  return undefined;
}

/** Parses results text, or throws one error naming the file and what is wrong. */
export function parseResultsText(text: string, file: string): ResultsFile {
  const bad = (why: string) => new Error(`${file} is not a usable originproof results file: ${why}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw bad(`it is not JSON (${(e as Error).message}); a truncated or half-written file?`);
  }
  const problem = structureProblem(data);
  if (problem) throw bad(problem.replace(/^\./, ''));
  const top = data as Partial<ResultsFile> | null;
  if (top?.tool === 'originproof' && typeof top.schemaVersion === 'number' && top.schemaVersion !== RESULTS_SCHEMA_VERSION) {
    throw new Error(`${file} has results schemaVersion ${top.schemaVersion}; this tool reads version ${RESULTS_SCHEMA_VERSION}`);
  }
  const parsed = resultsFile.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'the top'}: ${i.message}`);
    throw bad(`${issues.join('; ')}${parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : ''}`);
  }
  return data as ResultsFile;
}

/** Reads a results file within the size bound and checks it (parseResultsText). */
export function readResultsText(file: string): ResultsFile {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (e) {
    throw new Error(`cannot read results file ${file}: ${(e as Error).message}`, { cause: e });
  }
  if (size > MAX_RESULTS_BYTES) throw new Error(`${file} is ${size} bytes, over the ${MAX_RESULTS_BYTES}-byte bound for a results file`);
  return parseResultsText(fs.readFileSync(file, 'utf8'), file);
}
