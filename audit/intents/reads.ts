/**
 * `reads`: who may read which endpoint. The allowed origins read it as the app sends the request;
 * every attacker originproof knows (audit/attackers.ts) tries the same endpoint in each request
 * shape and must not read it, each beside a control that proves the same read works when the
 * response permits it. Explained by the Fetch CORS protocol (harness/model/fetch/cors.ts).
 */
import { z } from 'zod';
import { ORIGINS, originUrl, type OriginName } from '../../protocol/origins.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import type { LoggedRequest } from '../../protocol/visit.ts';
import { AGENT, data } from '../../scenarios/lib.ts';
import { ENGINE_VARIANTS } from '../../scenarios/deviations/index.ts';
import { corsUnsafeRequestHeaderNames, isCorsSafelistedMethod, normalizeMethod, type HeaderList } from '../../harness/model/fetch/headers.ts';
import { corsCheck, evaluatePreflight, preflightNeeded, PreflightCache, type CorsRequestView } from '../../harness/model/fetch/cors.ts';
import { attackersOf, type Attacker } from '../attackers.ts';
import {
  addProbe,
  defineIntent,
  exchangeOf,
  slug,
  targetRequests,
  unknownExplanation,
  type AuditProbe,
  type Builder,
  type DeclaredOrigin,
  type Explanation,
} from '../probe.ts';
import { absoluteUrl, headerName, headerValue, methodToken, requestBody } from './fields.ts';

const schema = z.strictObject({
  endpoint: absoluteUrl,
  /** The origins that may read it, or '*' (anyone, without credentials). */
  by: z.union([z.literal('*'), z.array(z.string().describe('an origin declared in `origins`')).min(1)]),
  /** The allowed origins read it with credentials (cookies, client certificates): fetch(..., { credentials: 'include' }). */
  credentials: z.boolean().optional(),
  /** Methods the allowed origins use (default GET). */
  methods: z.array(methodToken).min(1).optional(),
  /** Request headers the allowed origins send: names (value "originproof"), or name → value. */
  headers: z.union([z.array(headerName), z.record(headerName, headerValue)]).optional(),
  /** Request body for methods other than GET and HEAD (default "{}"). */
  body: requestBody.optional(),
});

export type ReadIntent = z.output<typeof schema>;

const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';

/** The control's response: the same origin, permitting exactly this request from anyone (reflected). */
function permitting(method: string, headerNames: string[]): DeclaredResponse {
  const allow: Array<[string, string]> = [
    [ACAO, '{{origin}}'],
    [ACAC, 'true'],
    ['Vary', 'Origin'],
  ];
  const pre: Array<[string, string]> = [...allow, ['Access-Control-Allow-Methods', method]];
  if (headerNames.length) pre.push(['Access-Control-Allow-Headers', headerNames.join(', ')]);
  return { ...data(allow), preflight: { status: 204, headers: pre } };
}

function headerRecord(h: ReadIntent['headers']): Record<string, string> {
  if (!h) return {};
  if (Array.isArray(h)) return Object.fromEntries(h.map((n) => [n, n.toLowerCase() === 'authorization' ? 'Bearer originproof' : 'originproof']));
  return { ...h };
}

/** A request shape: the one the allowed origins make, or one an attacker tries. */
interface Shape {
  key: string;
  label: string;
  method: string;
  headers: Record<string, string>;
  credentials: 'include' | 'omit';
  body?: string;
}

function preflighted(method: string, headers: Record<string, string>): boolean {
  return !isCorsSafelistedMethod(method) || corsUnsafeRequestHeaderNames(Object.entries(headers)).length > 0;
}

function attackerShapes(app: Shape, intent: ReadIntent): Shape[] {
  const shapes: Shape[] = [{ key: 'simple-credentialed', label: 'a simple GET with credentials', method: 'GET', headers: {}, credentials: 'include' }];
  if (intent.by !== '*') shapes.push({ key: 'simple', label: 'a simple GET without credentials', method: 'GET', headers: {}, credentials: 'omit' });
  // The request the app itself makes, which is preflighted when the app's is; else a preflighted GET.
  const pre = preflighted(app.method, app.headers)
    ? { ...app, credentials: 'include' as const }
    : { ...app, method: 'GET', headers: { ...app.headers, 'X-Originproof-Probe': '1' }, body: undefined, credentials: 'include' as const };
  shapes.push({
    ...pre,
    key: 'preflighted',
    label: `a preflighted ${pre.method} (${Object.keys(pre.headers).join(', ') || 'no extra headers'}) with credentials`,
  });
  return shapes;
}

interface Target {
  origin: DeclaredOrigin;
  path: string;
  url: string;
}

function fetchParams(target: Target, s: Pick<Shape, 'method' | 'headers' | 'credentials' | 'body'>) {
  return {
    target: { at: target.origin.name, response: target.path },
    method: s.method,
    ...(Object.keys(s.headers).length ? { headers: s.headers } : {}),
    credentials: s.credentials,
    ...(s.body !== undefined ? { body: s.body } : {}),
  };
}

const BASE = { area: 'audit/reads', spec: ['corsCheck', 'corsPreflight'] as Array<'corsCheck' | 'corsPreflight'> };

function requestOf(s: Shape): AuditProbe['request'] {
  return { method: s.method, headers: s.headers, credentials: s.credentials, body: s.body, label: s.label };
}

/** The allowed origins, each method as the app sends it: each must read. */
function allowedProbes(b: Builder, intent: ReadIntent, target: Target, allowed: DeclaredOrigin[]): void {
  const headers = headerRecord(intent.headers);
  const readers =
    intent.by === '*'
      ? [{ page: 'other', origin: 'https://other.test', label: 'another site (https://other.test), as anyone may' }]
      : allowed.map((o) => ({ page: o.name as string, origin: o.name as string, label: o.name as string }));
  for (const reader of readers) {
    for (const method of intent.methods ?? ['GET']) {
      const shape: Shape = {
        key: method.toLowerCase(),
        label: `${method}${Object.keys(headers).length ? ` with ${Object.keys(headers).join(', ')}` : ''}${intent.credentials ? ' and credentials' : ''}`,
        method,
        headers,
        credentials: intent.credentials ? 'include' : 'omit',
        body: method === 'GET' || method === 'HEAD' ? undefined : (intent.body ?? '{}'),
      };
      const title = `${reader.origin} may read ${target.url}: ${shape.label}`;
      addProbe(
        b,
        {
          ...BASE,
          id: `${b.intent.id}.allowed.${slug(reader.page)}.${shape.key}`,
          title,
          page: { at: reader.page as OriginName },
          probe: { kind: 'fetch', params: fetchParams(target, shape) },
          expect: { blocked: false, observation: { resolved: true, bodyReadable: true } },
        },
        {
          kind: 'read',
          expect: 'readable',
          requester: { origin: reader.origin, label: reader.label, attacker: false },
          target: { url: target.url, origin: target.origin.name, path: target.path },
          request: requestOf(shape),
          title,
        },
      );
    }
  }
}

/** The attackers against each allowed origin (deduplicated: another site is everyone's). */
function attackersAgainst(intent: ReadIntent, allowed: DeclaredOrigin[]): Attacker[] {
  const attackers = new Map<string, Attacker>();
  for (const o of allowed) for (const a of attackersOf(o.entry, o.name)) attackers.set(`${a.kind}:${a.page}`, a);
  // '*' grants reads without credentials to anyone: what must fail is a credentialed read, from
  // another site and from an opaque origin (the catalog's other site stands for everyone).
  if (intent.by === '*') {
    for (const a of attackersOf(ORIGINS.other, originUrl('other'))) if (a.kind === 'other-site' || a.kind === 'null') attackers.set(a.kind, a);
  }
  return [...attackers.values()];
}

function attackerProbes(b: Builder, intent: ReadIntent, target: Target, allowed: DeclaredOrigin[]): void {
  const methods = intent.methods ?? ['GET'];
  const method = methods.find((m) => !isCorsSafelistedMethod(m)) ?? methods[0];
  const app: Shape = {
    key: 'app',
    label: 'as the app sends it',
    method,
    headers: headerRecord(intent.headers),
    credentials: 'include',
    body: method === 'GET' || method === 'HEAD' ? undefined : (intent.body ?? '{}'),
  };
  for (const a of attackersAgainst(intent, allowed)) {
    b.registers.push(...a.registers);
    const shapes = intent.by === '*' || a.kind === 'frame' ? attackerShapes(app, intent).slice(0, 1) : attackerShapes(app, intent);
    for (const shape of shapes) {
      const context = a.frame
        ? [{ via: 'iframe' as const, at: a.frame.at as OriginName, response: 'agent', ...(a.frame.sandbox !== undefined ? { sandbox: a.frame.sandbox } : {}) }]
        : undefined;
      const title = `${a.label} must not read ${target.url}: ${shape.label}`;
      addProbe(
        b,
        {
          ...BASE,
          id: `${b.intent.id}.${a.kind}.${slug(a.page)}.${shape.key}`,
          title,
          page: { at: a.page as OriginName },
          responses: { agent: AGENT, permit: permitting(shape.method, Object.keys(shape.headers)) },
          probe: { kind: 'fetch', params: fetchParams(target, shape), ...(context ? { context } : {}) },
          expect: { blocked: true, observation: { resolved: false } },
          control: {
            patch: { probe: { params: { target: { at: target.origin.name, response: 'permit' } } } },
            expect: { observation: { resolved: true, bodyReadable: true } },
          },
        },
        {
          kind: 'read',
          expect: 'unreadable',
          requester: { origin: a.origin, label: a.label, attacker: true },
          target: { url: target.url, origin: target.origin.name, path: target.path },
          request: requestOf(shape),
          title,
        },
      );
    }
  }
}

/** Engine behaviour the model can apply instead of the standard (harness/model/fetch ModelVariant). */
export interface ReadVariant {
  wildcardCoversAuthorization?: boolean;
}

function preflightReason(view: CorsRequestView, headers: HeaderList): string {
  const unsafe = corsUnsafeRequestHeaderNames(headers);
  const reasons = [
    !isCorsSafelistedMethod(view.method) ? `method ${view.method} is not CORS-safelisted` : '',
    unsafe.length ? `CORS-unsafe request-header names ${unsafe.join(', ')}` : '',
  ];
  return `HTTP fetch step 4.1: a CORS preflight is needed (${reasons.filter(Boolean).join('; ')})`;
}

/** The Fetch CORS protocol on the server's answers: preflight (when needed), then the CORS check. */
export function explainRead(p: AuditProbe, logged: LoggedRequest[], variant: ReadVariant = {}): Explanation {
  const req = p.request!;
  const exchanges = logged.map(exchangeOf);
  const pre = logged.find((r) => r.method === 'OPTIONS' && r.acrMethod !== undefined);
  const actual = logged.find((r) => r !== pre);
  const headers: HeaderList = Object.entries(req.headers);
  if (req.body !== undefined && !headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'text/plain;charset=UTF-8']);
  // The Origin the browser actually sent is the request's serialized origin (#serializing-a-request-origin).
  const sent = (pre ?? actual)?.origin ?? p.requester.origin;
  const view: CorsRequestView = { serializedOrigin: sent, credentials: req.credentials, method: normalizeMethod(req.method), headers, url: p.target.url };
  const why: string[] = [];
  const verdict = (readable: boolean): Explanation => ({
    holds: readable === (p.expect === 'readable'),
    outcome: readable ? 'readable' : 'unreadable',
    why,
    exchanges,
  });
  const cache = new PreflightCache();
  if (preflightNeeded(view, cache, variant.wildcardCoversAuthorization)) {
    why.push(preflightReason(view, headers));
    if (!pre)
      return unknownExplanation(
        `${why[0]}, but no preflight (OPTIONS with Access-Control-Request-Method) reached your server, so its answer cannot be judged`,
        exchanges,
      );
    if (!pre.answer) return unknownExplanation(`the preflight got no answer from your server: ${pre.upstream?.error ?? 'unknown cause'}`, exchanges);
    const outcome = evaluatePreflight(view, pre.answer.status, pre.answer.headers, cache, false, variant.wildcardCoversAuthorization);
    why.push(`OPTIONS ${p.target.path} → ${pre.answer.status}: ${outcome.why}`);
    if (!outcome.ok) return verdict(false);
  } else {
    why.push(`HTTP fetch step 4.1: no preflight (${view.method} is CORS-safelisted and every request header is CORS-safelisted)`);
  }
  if (!actual) return unknownExplanation(`${why.join('; ')}; but the request itself never reached your server, so its answer cannot be judged`, exchanges);
  if (!actual.answer)
    return unknownExplanation(`your server gave no answer to ${actual.method} ${p.target.path}: ${actual.upstream?.error ?? 'unknown cause'}`, exchanges);
  const check = corsCheck(view, actual.answer.headers);
  why.push(`${actual.method} ${p.target.path} → ${actual.answer.status}: ${check.why}`);
  return verdict(check.ok);
}

export const reads = defineIntent({
  key: 'reads',
  idPrefix: 'reads',
  schema,
  check(r, field, ctx) {
    ctx.onServer(`${field}.endpoint`, r.endpoint);
    if (r.by === '*') {
      if (r.credentials) ctx.fail(`${field}.credentials`, 'by "*" means anyone may read without credentials; list the origins that may read with credentials');
      return;
    }
    r.by.forEach((o, j) => {
      if (!ctx.declared.has(o)) ctx.fail(`${field}.by[${j}]`, `${o} is not an origin declared in origins (declared: ${[...ctx.declared.keys()].join(', ')})`);
    });
  },
  title(r) {
    const who = r.by === '*' ? 'anyone (without credentials)' : r.by.join(', ');
    const how = [r.credentials ? 'with credentials' : '', (r.methods ?? ['GET']).join(', '), Object.keys(headerRecord(r.headers)).join(', ')]
      .filter(Boolean)
      .join('; ');
    return `only ${who} may read ${r.endpoint} (${how})`;
  },
  derive(b, r, ctx) {
    const at = ctx.at(r.endpoint);
    const target: Target = { ...at, url: `${at.origin.name}${at.path}` };
    // An origin the config lists twice reads once.
    const allowed = r.by === '*' ? [] : [...new Set(r.by)].map((o) => ctx.declared.get(o)!);
    allowedProbes(b, r, target, allowed);
    attackerProbes(b, r, target, allowed);
  },
  kinds: {
    read: {
      observed(p, o) {
        const readable = o.resolved === true && o.bodyReadable === true;
        const words = readable
          ? `readable (status ${String(o.status)}, body readable)`
          : `unreadable (${o.resolved === false ? `fetch rejected: ${String(o.error)}` : 'opaque'})`;
        return { words, good: p.expect === 'readable' ? readable : !readable };
      },
      explain: (p, logged) => explainRead(p, logged),
      relevantHeaders: /^(access-control-|vary$)/i,
      deviation(p, row) {
        // The catalog's record of the deviation that explains what this engine did, if one does.
        for (const v of ENGINE_VARIANTS[row.engine as keyof typeof ENGINE_VARIANTS] ?? []) {
          if (!v.variant.wildcardCoversAuthorization) continue;
          if (explainRead(p, targetRequests(p, row.evidence.requests), { wildcardCoversAuthorization: true }).holds)
            return ` (a recorded deviation: ${v.reason}; ${v.link})`;
        }
        return '';
      },
    },
  },
});
