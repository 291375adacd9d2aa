/**
 * `websockets`: a WebSocket endpoint only the listed origins may open. WebSockets are outside
 * CORS: a page of any origin can open the socket, the handshake carries the user's cookies, and
 * the page reads every message unless the server refuses the handshake's `Origin` (cross-site
 * WebSocket hijacking). The allowed origins must open it and exchange a message; every attacker
 * originproof knows (audit/attackers.ts) must be refused, each beside a control that opens a
 * socket of originproof's own on the same origin from the same context. Explained by the
 * WebSockets standard (any handshake answer but 101 fails the connection) and RFC 6455 §10.2.
 */
import { z } from 'zod';
import type { OriginName } from '../../protocol/origins.ts';
import type { LoggedRequest } from '../../protocol/visit.ts';
import { AGENT } from '../../scenarios/lib.ts';
import type { CitationId } from '../../harness/citations/registry.ts';
import { attackersOf, type Attacker } from '../attackers.ts';
import {
  addProbe,
  defineIntent,
  exchangeOf,
  slug,
  unknownExplanation,
  type AuditProbe,
  type Builder,
  type DeclaredOrigin,
  type Explanation,
} from '../probe.ts';
import { absoluteUrl } from './fields.ts';

const schema = z.strictObject({
  /** The socket's URL (ws:, wss:, or its http(s) form) on a declared origin. */
  url: absoluteUrl,
  /** The origins whose pages may open it. */
  by: z.array(z.string().describe('an origin declared in `origins`')).min(1),
});

export type WebSocketIntent = z.output<typeof schema>;

const SPEC: CitationId[] = ['websocketEstablish', 'websocketOrigin', 'websocketServerOrigin', 'originHeader'];
/** The session cookie every probe's page carries for the socket's origin, so the evidence shows whether a handshake took it along. */
const SESSION = 'originproof_session';

/** ws: and wss: as the http(s) URL the declared origins are written in (the WebSockets standard does the same). */
export function httpForm(url: string): string {
  return url.replace(/^ws(s?):/i, 'http$1:');
}

interface Target {
  origin: DeclaredOrigin;
  path: string;
  url: string;
}

function sessionCookie(target: Target) {
  const secure = target.origin.entry.scheme === 'https';
  return [{ at: target.origin.name, setCookie: `${SESSION}=1; Path=/${secure ? '; SameSite=None; Secure' : ''}` }];
}

function meta(target: Target, requester: AuditProbe['requester'], expect: 'opened' | 'refused', title: string): Omit<AuditProbe, 'id' | 'intentId'> {
  return { kind: 'websocket', expect, requester, target: { url: target.url, origin: target.origin.name, path: target.path }, title };
}

function allowedProbes(b: Builder, target: Target, allowed: DeclaredOrigin[]): void {
  for (const o of allowed) {
    const title = `${o.name} may open ${target.url} and exchange a message`;
    addProbe(
      b,
      {
        id: `${b.intent.id}.allowed.${slug(o.name)}`,
        area: 'audit/websockets',
        title,
        spec: SPEC,
        page: { at: o.name as OriginName, cookies: sessionCookie(target) },
        probe: { kind: 'websocket', params: { target: { at: target.origin.name, response: target.path } }, timeoutMs: 8000 },
        expect: { blocked: false, observation: { opened: true, read: true } },
      },
      meta(target, { origin: o.name, label: o.name, attacker: false }, 'opened', title),
    );
  }
}

function attackerProbe(b: Builder, target: Target, a: Attacker): void {
  const context = a.frame
    ? [{ via: 'iframe' as const, at: a.frame.at as OriginName, response: 'agent', ...(a.frame.sandbox !== undefined ? { sandbox: a.frame.sandbox } : {}) }]
    : undefined;
  const title = `${a.label} must not open ${target.url}`;
  addProbe(
    b,
    {
      id: `${b.intent.id}.${a.kind}.${slug(a.page)}`,
      area: 'audit/websockets',
      title,
      spec: SPEC,
      page: { at: a.page as OriginName, cookies: sessionCookie(target) },
      responses: { agent: AGENT, permit: { websocket: {} } },
      probe: { kind: 'websocket', params: { target: { at: target.origin.name, response: target.path } }, timeoutMs: 10_000, ...(context ? { context } : {}) },
      expect: { blocked: true, observation: { opened: false, read: false } },
      // A socket of originproof's own on the same origin, from the same context: it opens, so a refusal is the server's.
      control: {
        patch: { probe: { params: { target: { at: target.origin.name, response: 'permit' } } } },
        expect: { observation: { opened: true, read: true } },
      },
    },
    meta(target, { origin: a.origin, label: a.label, attacker: true }, 'refused', title),
  );
}

/** The handshake your server answered: Origin, cookies, status, and what the standard makes of it. */
export function explainWebSocket(p: AuditProbe, logged: LoggedRequest[]): Explanation {
  const exchanges = logged.map(exchangeOf);
  const hs = logged.find((r) => r.webSocket) ?? logged[0];
  if (!hs) return unknownExplanation('the handshake never reached your server, so its answer cannot be judged', exchanges);
  if (!hs.answer) return unknownExplanation(`your server gave no answer to the handshake: ${hs.upstream?.error ?? 'unknown cause'}`, exchanges);
  const cookies = (hs.cookie ?? '')
    .split(/;\s*/)
    .map((c) => c.split('=')[0])
    .filter(Boolean);
  const opened = hs.answer.status === 101;
  const why = [
    `the handshake carried Origin ${hs.origin ?? '(none)'} and ${cookies.length ? `the cookies ${cookies.join(', ')}` : 'no cookies'}`,
    `your server answered ${hs.answer.status}: WebSockets, establish a WebSocket connection: ${opened ? '101 opens the connection, and the page reads every message' : 'any status but 101 fails the connection'}`,
    ...(opened && p.requester.attacker ? [`RFC 6455 §10.2: a server that serves only some origins must refuse the others by their Origin`] : []),
  ];
  return { holds: opened === (p.expect === 'opened'), outcome: opened ? 'opened' : 'refused', why, exchanges };
}

export const websockets = defineIntent({
  key: 'websockets',
  idPrefix: 'websockets',
  schema,
  check(x, field, ctx) {
    if (!/^(wss?|https?):\/\//i.test(x.url)) ctx.fail(`${field}.url`, `"${x.url}" is not a ws:, wss:, http: or https: URL`);
    ctx.onServer(`${field}.url`, httpForm(x.url));
    x.by.forEach((o, j) => {
      if (!ctx.declared.has(o)) ctx.fail(`${field}.by[${j}]`, `${o} is not an origin declared in origins (declared: ${[...ctx.declared.keys()].join(', ')})`);
    });
  },
  title: (x) => `only ${x.by.join(', ')} may open the WebSocket ${x.url}`,
  derive(b, x, ctx) {
    const at = ctx.at(httpForm(x.url));
    const target: Target = { ...at, url: x.url };
    const allowed = [...new Set(x.by)].map((o) => ctx.declared.get(o)!);
    allowedProbes(b, target, allowed);
    const attackers = new Map<string, Attacker>();
    for (const o of allowed) for (const a of attackersOf(o.entry, o.name)) attackers.set(`${a.kind}:${a.page}`, a);
    for (const a of attackers.values()) {
      // An attacker that is one of the allowed origins is no attacker.
      if (!a.frame && x.by.includes(a.origin)) continue;
      b.registers.push(...a.registers);
      attackerProbe(b, target, a);
    }
  },
  kinds: {
    websocket: {
      observed(p, o) {
        const exchanged = o.opened === true && o.read === true;
        const words = exchanged
          ? `opened, and the page read the message ${JSON.stringify(String(o.message ?? '')).slice(0, 120)}`
          : o.opened === true
            ? 'opened, but no message came back'
            : `refused (the socket closed${typeof o.closeCode === 'number' ? ` with code ${o.closeCode}` : ''} without opening)`;
        return { words, good: p.expect === 'opened' ? exchanged : o.opened === false };
      },
      explain: explainWebSocket,
      relevantHeaders: /^(sec-websocket-accept|upgrade|connection)$/i,
    },
  },
});
