/**
 * `originproof.config.ts`: a user's own servers put into the fixture network, and what must hold
 * about them, in their words (issue 15). Typed (`defineConfig`), and validated on load: every
 * problem names its field (`reads[0].by[1]`), unknown fields are refused, and every origin an
 * intent names must be one the config declares.
 */
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { parseExtraOrigin, type ExtraOriginName, type OriginEntry } from '../protocol/origins.ts';

const EMBED_AS = ['script', 'img', 'style', 'audio', 'video'] as const;
export type EmbedAs = (typeof EMBED_AS)[number];
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_NAME = METHOD;

const origin = z.string().describe('an origin declared in `origins`');
const url = z.string().describe('an absolute URL on an origin declared in `origins`');

const upstream = z.string().describe('the URL of your server, e.g. http://127.0.0.1:3000');

const schema = z.strictObject({
  /**
   * Virtual origins the browsers see → your servers. `'https://app.test': 'http://127.0.0.1:3000'`.
   * `{}` declares an origin originproof serves itself (a page that only makes requests).
   */
  origins: z.record(z.string(), z.union([upstream, z.strictObject({ upstream: upstream.optional() })])),
  /** Upstreams beyond loopback (127.0.0.1, ::1, localhost) are refused unless this is true. */
  allowRemoteUpstreams: z.boolean().optional(),
  /** How long your server may take to answer one request (default 5000 ms). */
  upstreamTimeoutMs: z.number().int().min(500).max(60_000).optional(),
  /** Starts your server for the run (Playwright's webServer): a command, and a URL that answers once it is up. */
  webServer: z
    .strictObject({
      command: z.string().min(1),
      url: z.url(),
      cwd: z.string().optional(),
      timeoutMs: z.number().int().min(1000).optional(),
      reuseExistingServer: z.boolean().optional(),
      env: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  /** Who may read which endpoint: everyone else (the attackers originproof knows) must not. */
  reads: z
    .array(
      z.strictObject({
        endpoint: url,
        /** The origins that may read it, or '*' (anyone, without credentials). */
        by: z.union([z.literal('*'), z.array(origin).min(1)]),
        /** The allowed origins read it with credentials (cookies, client certificates): fetch(..., { credentials: 'include' }). */
        credentials: z.boolean().optional(),
        /** Methods the allowed origins use (default GET). */
        methods: z.array(z.string().regex(METHOD, 'not an HTTP method token')).min(1).optional(),
        /** Request headers the allowed origins send: names (value "originproof"), or name → value. */
        headers: z
          .union([z.array(z.string().regex(HEADER_NAME, 'not a header name')), z.record(z.string().regex(HEADER_NAME, 'not a header name'), z.string())])
          .optional(),
        /** Request body for methods other than GET and HEAD (default "{}"). */
        body: z.string().optional(),
      }),
    )
    .optional(),
  /** Pages that must be crossOriginIsolated, and what they embed (each must load under their COEP). */
  isolated: z
    .array(
      z.strictObject({
        page: url,
        embeds: z.array(z.strictObject({ url, as: z.enum(EMBED_AS) })).optional(),
        /** The embedder policy the page uses (default require-corp). */
        coep: z.enum(['require-corp', 'credentialless']).optional(),
      }),
    )
    .optional(),
  /** Resources that must not load cross-site (another site embedding them gets nothing). */
  sameSiteOnly: z.array(z.strictObject({ resource: url, as: z.enum(EMBED_AS) })).optional(),
  /** Pages that must not be framed by another site (nor by a same-site sibling). */
  notFramed: z.array(z.strictObject({ page: url })).optional(),
});

/** What a config file's default export is, as written (see `defineConfig`). */
export type AuditConfigInput = z.input<typeof schema>;
export type ReadIntent = NonNullable<z.output<typeof schema>['reads']>[number];
export type IsolatedIntent = NonNullable<z.output<typeof schema>['isolated']>[number];
export type SameSiteOnlyIntent = NonNullable<z.output<typeof schema>['sameSiteOnly']>[number];
export type NotFramedIntent = NonNullable<z.output<typeof schema>['notFramed']>[number];

/** A declared origin: its entry, and your server behind it (none: served by originproof itself). */
export interface DeclaredOrigin {
  name: ExtraOriginName;
  entry: OriginEntry;
  upstream?: string;
}

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

function checkUpstream(text: string, remoteAllowed: boolean): string | undefined {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return `"${text}" is not a URL (expected e.g. http://127.0.0.1:3000)`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `"${text}": your server is reached over http: or https:, not ${u.protocol}`;
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash || u.username) return `"${text}": give the server's origin only (no path, query or user)`;
  if (!LOOPBACK.has(u.hostname) && !/^127\.\d+\.\d+\.\d+$/.test(u.hostname) && !remoteAllowed) {
    return `"${text}" is not on this machine's loopback (127.0.0.1, ::1, localhost); set allowRemoteUpstreams: true to send the browsers' requests there`;
  }
  return undefined;
}

/** An absolute URL on a declared origin: the origin's name and the path (with query) on it. */
export function onDeclared(text: string, declared: Map<string, DeclaredOrigin>): { origin: DeclaredOrigin; path: string } | string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return `"${text}" is not an absolute URL (write it as https://api.test/path)`;
  }
  const o = declared.get(u.origin);
  if (!o) return `${u.origin} is not an origin declared in origins (declared: ${[...declared.keys()].join(', ') || 'none'})`;
  return { origin: o, path: `${u.pathname}${u.search}` };
}

/** Validates a config object; the first problem is thrown as an AuditConfigError naming the field. */
export function validateConfig(raw: unknown, file: string): AuditConfig {
  const r = schema.safeParse(raw);
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
  if (!declared.size) fail('origins', 'declare at least one origin, e.g. { "https://api.test": "http://127.0.0.1:3000" }');
  const onServer = (field: string, text: string) => {
    const at = onDeclared(text, declared);
    if (typeof at === 'string') return fail(field, at);
    if (!at.origin.upstream) fail(field, `${at.origin.name} has no upstream: originproof can only test what your server answers`);
    return at;
  };
  c.reads?.forEach((r, i) => {
    onServer(`reads[${i}].endpoint`, r.endpoint);
    if (r.by === '*') {
      if (r.credentials) fail(`reads[${i}].credentials`, 'by "*" means anyone may read without credentials; list the origins that may read with credentials');
    } else {
      r.by.forEach((o, j) => {
        if (!declared.has(o)) fail(`reads[${i}].by[${j}]`, `${o} is not an origin declared in origins (declared: ${[...declared.keys()].join(', ')})`);
      });
    }
  });
  c.isolated?.forEach((x, i) => {
    const page = onServer(`isolated[${i}].page`, x.page);
    if (page.origin.entry.scheme !== 'https') fail(`isolated[${i}].page`, 'crossOriginIsolated needs a secure context: declare the page on an https origin');
    x.embeds?.forEach((e, j) => onServer(`isolated[${i}].embeds[${j}].url`, e.url));
  });
  c.sameSiteOnly?.forEach((x, i) => onServer(`sameSiteOnly[${i}].resource`, x.resource));
  c.notFramed?.forEach((x, i) => onServer(`notFramed[${i}].page`, x.page));
  if (!(c.reads?.length || c.isolated?.length || c.sameSiteOnly?.length || c.notFramed?.length)) {
    fail('(the config)', 'state at least one intent: reads, isolated, sameSiteOnly or notFramed');
  }
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
