/**
 * `originproof.config.ts`: a user's own servers put into the fixture network, and what must hold
 * about them, in their words. Typed (`defineConfig`), and validated on load: every
 * problem names its field (`reads[0].by[1]`), unknown fields are refused, and every origin an
 * intent names must be one the config declares.
 */
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { parseExtraOrigin } from '../protocol/origins.ts';
import { onDeclared, type CheckContext, type DeclaredOrigin } from './probe.ts';
import { INTENTS } from './intents/index.ts';

export type { DeclaredOrigin, EmbedAs } from './probe.ts';
export type { ReadIntent } from './intents/reads.ts';
export type { IsolatedIntent } from './intents/isolated.ts';
export type { SameSiteOnlyIntent } from './intents/same-site-only.ts';
export type { NotFramedIntent } from './intents/not-framed.ts';
export type { IsolatedByDipIntent } from './intents/isolated-by-dip.ts';
export type { WebSocketIntent } from './intents/websockets.ts';
export type { CredentiallessEmbedIntent } from './intents/credentialless-embeds.ts';
export { onDeclared } from './probe.ts';

const upstream = z.string().max(2048).describe('the URL of your server, e.g. http://127.0.0.1:3000');

/** Each registered intent is an optional array field of the config (audit/intents/index.ts). */
type IntentFields = { [M in (typeof INTENTS)[number] as M['key']]: z.ZodOptional<z.ZodArray<M['schema']>> };
const intentFields = Object.fromEntries(INTENTS.map((m) => [m.key, z.array(m.schema).optional()])) as unknown as IntentFields;

const schema = z.strictObject({
  /**
   * Virtual origins the browsers see → your servers. `'https://app.example.com': 'http://127.0.0.1:3000'`.
   * Any DNS name (your production host names included); `{}` declares an origin originproof serves
   * itself (a page that only makes requests).
   */
  origins: z.record(z.string(), z.union([upstream, z.strictObject({ upstream: upstream.optional() })])),
  /** Upstreams (and a webServer URL) beyond loopback (127.0.0.1, ::1, localhost) are refused unless this is true. */
  allowRemoteUpstreams: z.boolean().optional(),
  /** How long your server may take to answer one request (default 5000 ms). */
  upstreamTimeoutMs: z.number().int().min(500).max(60_000).optional(),
  /** Starts your server for the run (Playwright's webServer): a command, and a URL that answers once it is up. */
  webServer: z
    .strictObject({
      command: z.string().min(1).max(4096),
      url: z.string().max(2048),
      cwd: z.string().max(4096).optional(),
      timeoutMs: z.number().int().min(1000).optional(),
      reuseExistingServer: z.boolean().optional(),
      env: z
        .record(
          z.string().max(256),
          z
            .string()
            .max(32_768)
            .refine((v) => !v.includes('\0'), 'an environment value must not contain NUL'),
        )
        .optional(),
    })
    .optional(),
  ...intentFields,
});

/** What a config file's default export is, as written (see `defineConfig`). */
export type AuditConfigInput = z.input<typeof schema>;
export interface AuditConfig extends Omit<z.output<typeof schema>, 'origins'> {
  /** The file it came from (absolute), for messages and relative paths. */
  file: string;
  origins: DeclaredOrigin[];
}

/** Types a config in an editor; the object is returned as it is (validated when loaded). */
export function defineConfig(config: AuditConfigInput): AuditConfigInput {
  return config;
}

export class AuditConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`originproof: ${file}: ${field || '(the config)'}: ${detail}`);
    this.name = 'AuditConfigError';
  }
}

/** `reads[0].by[1]` from a zod path. */
function fieldName(p: ReadonlyArray<PropertyKey>): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

/** The schema at a path (objects, arrays, records, unions, optionals), to list the fields allowed there. */
function schemaAt(s: z.ZodType, p: ReadonlyArray<PropertyKey>): z.ZodType | undefined {
  let cur: z.ZodType | undefined = s;
  for (const k of p) {
    while (cur instanceof z.ZodOptional || cur instanceof z.ZodNullable) cur = cur.unwrap() as z.ZodType;
    if (cur instanceof z.ZodUnion)
      cur = (cur.options as z.ZodType[]).find((o) => o instanceof z.ZodObject || o instanceof z.ZodArray || o instanceof z.ZodRecord);
    if (cur instanceof z.ZodObject) cur = (cur.shape as Record<string, z.ZodType>)[String(k)];
    else if (cur instanceof z.ZodArray) cur = cur.element as z.ZodType;
    else if (cur instanceof z.ZodRecord) cur = cur.valueType as z.ZodType;
    else return undefined;
  }
  while (cur instanceof z.ZodOptional) cur = cur.unwrap() as z.ZodType;
  if (cur instanceof z.ZodUnion) cur = (cur.options as z.ZodType[]).find((o) => o instanceof z.ZodObject);
  return cur;
}

function issueText(issue: z.core.$ZodIssue): { field: string; detail: string } {
  if (issue.code === 'unrecognized_keys') {
    const at = schemaAt(schema, issue.path);
    const known = at instanceof z.ZodObject ? Object.keys(at.shape).join(', ') : '';
    const [first] = issue.keys;
    return { field: fieldName([...issue.path, first]), detail: `unknown field "${first}"${known ? ` (allowed here: ${known})` : ''}` };
  }
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) return { field: fieldName(issue.path), detail: 'is required but missing' };
  return { field: fieldName(issue.path), detail: issue.message };
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

function onLoopback(u: URL): boolean {
  return LOOPBACK.has(u.hostname) || /^127\.\d+\.\d+\.\d+$/.test(u.hostname);
}

function checkUpstream(text: string, remoteAllowed: boolean): string | undefined {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return `"${text}" is not a URL (expected e.g. http://127.0.0.1:3000)`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `"${text}": your server is reached over http: or https:, not ${u.protocol}`;
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash || u.username) return `"${text}": give the server's origin only (no path, query or user)`;
  if (!onLoopback(u) && !remoteAllowed) {
    return `"${text}" is not on this machine's loopback (127.0.0.1, ::1, localhost); set allowRemoteUpstreams: true to send the browsers' requests there`;
  }
  return undefined;
}

/** webServer.url: what Playwright polls until the server is up, on loopback like the upstreams. */
function checkWebServerUrl(text: string, remoteAllowed: boolean): string | undefined {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return `"${text}" is not a URL (expected e.g. http://127.0.0.1:3000/health)`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `"${text}": the server is polled over http: or https:, not ${u.protocol}`;
  if (u.username || u.password) return `"${text}": no user or password in the URL`;
  if (!onLoopback(u) && !remoteAllowed)
    return `"${text}" is not on this machine's loopback (127.0.0.1, ::1, localhost); set allowRemoteUpstreams: true to poll it there`;
  return undefined;
}

/**
 * The config as data: own enumerable properties only, recursively, so nothing inherited (an
 * `allowRemoteUpstreams` on a prototype) counts, and no getter runs twice.
 */
function ownData(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 32) return undefined;
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => (Object.hasOwn(value, i) ? ownData(value[i], depth + 1) : undefined));
  return Object.fromEntries(Object.keys(value).map((k) => [k, ownData((value as Record<string, unknown>)[k], depth + 1)]));
}

function declareOrigins(c: { origins: Record<string, string | { upstream?: string }>; allowRemoteUpstreams?: boolean }, fail: CheckContext['fail']) {
  const declared = new Map<string, DeclaredOrigin>();
  for (const [key, value] of Object.entries(c.origins)) {
    const parsed = parseExtraOrigin(key, 'your server');
    if ('error' in parsed) fail(`origins["${key}"]`, parsed.error);
    const ok = parsed as Exclude<typeof parsed, { error: string }>;
    if (ok.name !== key) fail(`origins["${key}"]`, `write the origin as "${ok.name}"`);
    const up = typeof value === 'string' ? value : value.upstream;
    if (up !== undefined) {
      const bad = checkUpstream(up, c.allowRemoteUpstreams === true);
      if (bad) fail(`origins["${key}"]`, bad);
    }
    declared.set(key, { name: ok.name, entry: { ...ok.entry, role: up ? `your server (${up})` : 'a page originproof serves for you' }, upstream: up });
  }
  if (!declared.size) fail('origins', 'declare at least one origin, e.g. { "https://api.example.com": "http://127.0.0.1:3000" }');
  return declared;
}

/** Validates a config object; the first problem is thrown as an AuditConfigError naming the field. */
export function validateConfig(raw: unknown, file: string): AuditConfig {
  const r = schema.safeParse(ownData(raw));
  if (!r.success) {
    // A misspelt field is reported as such, before the required one it leaves missing.
    const issues = [...r.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
    const { field, detail } = issueText(issues[0]);
    throw new AuditConfigError(file, field, detail);
  }
  const c = r.data;
  const fail = (field: string, detail: string): never => {
    throw new AuditConfigError(file, field, detail);
  };
  const declared = declareOrigins(c, fail);
  if (c.webServer) {
    const bad = checkWebServerUrl(c.webServer.url, c.allowRemoteUpstreams === true);
    if (bad) fail('webServer.url', bad);
  }
  const ctx: CheckContext = {
    fail,
    declared,
    onServer(field, text) {
      const at = onDeclared(text, declared);
      if (typeof at === 'string') return fail(field, at);
      if (!at.origin.upstream) fail(field, `${at.origin.name} has no upstream: originproof can only test what your server answers`);
      return at;
    },
  };
  const entries = (key: string) => ((c as Record<string, unknown>)[key] as unknown[] | undefined) ?? [];
  for (const m of INTENTS) entries(m.key).forEach((entry, i) => (m.check as (e: unknown, f: string, x: CheckContext) => void)(entry, `${m.key}[${i}]`, ctx));
  if (!INTENTS.some((m) => entries(m.key).length)) fail('(the config)', `state at least one intent: ${INTENTS.map((m) => m.key).join(', ')}`);
  return { ...c, file, origins: [...declared.values()] };
}

/** Imports a config file (TypeScript or JavaScript) and validates its default export. */
export async function loadAuditConfig(file: string): Promise<AuditConfig> {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new AuditConfigError(file, '(the file)', 'does not exist');
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
  } catch (e) {
    throw new AuditConfigError(file, '(the file)', `could not be loaded: ${(e as Error).message.split('\n')[0]}`);
  }
  if (mod.default === undefined) throw new AuditConfigError(file, '(the file)', 'has no default export; write `export default defineConfig({ … })`');
  return validateConfig(mod.default, abs);
}
