/**
 * Intents → probes (issue 15). Each intent in the user's words becomes ordinary scenarios of the
 * catalog's probe kinds, planned and run like any other: the allowed requesters expect what the
 * intent grants, the attackers (audit/attackers.ts) expect nothing, and every expectation of
 * "nothing" carries a control in the same visit — the same request, from the same context, to a
 * response on the same origin that permits it — so a broken probe is never read as a held intent.
 */
import { ORIGINS, originUrl, registerExtraOrigins, type OriginName } from '../protocol/origins.ts';
import type { DeclaredResponse } from '../protocol/declared-response.ts';
import { AGENT, data, htmlDoc, image, script, stylesheet, WAV } from '../scenarios/lib.ts';
import { corsUnsafeRequestHeaderNames, isCorsSafelistedMethod } from '../harness/model/fetch/headers.ts';
import { validateScenarios, type Scenario, type ScenarioInput } from '../harness/scenario/scenario.ts';
import { attackersOf, type Attacker } from './attackers.ts';
import { onDeclared, type AuditConfig, type DeclaredOrigin, type EmbedAs, type ReadIntent } from './config.ts';

export type ProbeExpectation = 'readable' | 'unreadable' | 'isolated' | 'loads' | 'blocked' | 'not-framed';

/** What the judge and the explanation need to know about one derived probe. */
export interface AuditProbe {
  id: string;
  intentId: string;
  kind: 'read' | 'isolation' | 'embed' | 'same-site-only' | 'framing';
  expect: ProbeExpectation;
  /** Who makes the attempt, and the Origin its requests carry. */
  requester: { origin: string; label: string; attacker: boolean };
  /** The user's URL under test. */
  target: { url: string; origin: string; path: string };
  /** Reads: the request as fetch() makes it. */
  request?: { method: string; headers: Record<string, string>; credentials: 'include' | 'omit'; body?: string; label: string };
  /** Embeds: the element, and the embedder policy of the page (none: unsafe-none). */
  embed?: { as: EmbedAs; coep?: 'require-corp' | 'credentialless' };
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

export interface AuditPlan {
  config: AuditConfig;
  scenarios: Scenario[];
  probes: Map<string, AuditProbe>;
  intents: AuditIntent[];
  /** Extra origin → the user's server behind it. */
  upstreams: Map<OriginName, string>;
}

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

const CORP_CROSS: Array<[string, string]> = [['Cross-Origin-Resource-Policy', 'cross-origin']];

/** A resource of the kind an element embeds, that any embedder may load (controls of embeds). */
function embeddable(as: EmbedAs): DeclaredResponse {
  switch (as) {
    case 'img':
      return image(CORP_CROSS);
    case 'script':
      return script('/* originproof control */', CORP_CROSS);
    case 'style':
      return stylesheet('/* originproof control */', CORP_CROSS);
    default:
      return { ...WAV, headers: CORP_CROSS };
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function headerRecord(h: ReadIntent['headers']): Record<string, string> {
  if (!h) return {};
  if (Array.isArray(h)) return Object.fromEntries(h.map((n) => [n, n.toLowerCase() === 'authorization' ? 'Bearer originproof' : 'originproof']));
  return { ...h };
}

interface Builder {
  scenarios: ScenarioInput[];
  probes: Map<string, AuditProbe>;
  intent: AuditIntent;
}

function add(b: Builder, s: ScenarioInput, meta: Omit<AuditProbe, 'id' | 'intentId'>): void {
  b.scenarios.push(s);
  b.probes.set(s.id, { ...meta, id: s.id, intentId: b.intent.id });
  b.intent.probes.push(s.id);
}

/** A request shape an attacker tries, next to the one the allowed origins make. */
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

function readProbes(b: Builder, intent: ReadIntent, target: { origin: DeclaredOrigin; path: string }, declared: Map<string, DeclaredOrigin>): string[] {
  const registers: string[] = [];
  const headers = headerRecord(intent.headers);
  const methods = intent.methods ?? ['GET'];
  const url = `${target.origin.name}${target.path}`;
  const fetchParams = (s: Pick<Shape, 'method' | 'headers' | 'credentials' | 'body'>) => ({
    target: { at: target.origin.name, response: target.path },
    method: s.method,
    ...(Object.keys(s.headers).length ? { headers: s.headers } : {}),
    credentials: s.credentials,
    ...(s.body !== undefined ? { body: s.body } : {}),
  });
  const base = { area: 'audit/reads', spec: ['corsCheck', 'corsPreflight'] as Array<'corsCheck' | 'corsPreflight'> };
  const allowed = intent.by === '*' ? [] : intent.by.map((o) => declared.get(o)!);
  // The allowed origins, each method as the app sends it.
  const readers: Array<{ page: string; label: string }> =
    intent.by === '*' ? [{ page: 'other', label: 'another site (https://other.test), as anyone may' }] : allowed.map((o) => ({ page: o.name, label: o.name }));
  for (const reader of readers) {
    for (const method of methods) {
      const shape: Shape = {
        key: method.toLowerCase(),
        label: `${method}${Object.keys(headers).length ? ` with ${Object.keys(headers).join(', ')}` : ''}${intent.credentials ? ' and credentials' : ''}`,
        method,
        headers,
        credentials: intent.credentials ? 'include' : 'omit',
        body: method === 'GET' || method === 'HEAD' ? undefined : (intent.body ?? '{}'),
      };
      const id = `${b.intent.id}.allowed.${slug(reader.page)}.${shape.key}`;
      const title = `${reader.page === 'other' ? 'https://other.test' : reader.page} may read ${url}: ${shape.label}`;
      add(
        b,
        {
          ...base,
          id,
          title,
          page: { at: reader.page as OriginName },
          probe: { kind: 'fetch', params: fetchParams(shape) },
          expect: { blocked: false, observation: { resolved: true, bodyReadable: true } },
        },
        {
          kind: 'read',
          expect: 'readable',
          requester: { origin: reader.page === 'other' ? 'https://other.test' : reader.page, label: reader.label, attacker: false },
          target: { url, origin: target.origin.name, path: target.path },
          request: { method: shape.method, headers: shape.headers, credentials: shape.credentials, body: shape.body, label: shape.label },
          title,
        },
      );
    }
  }
  // The attackers, against each allowed origin (deduplicated: another site is everyone's).
  const app: Shape = {
    key: 'app',
    label: 'as the app sends it',
    method: methods.find((m) => !isCorsSafelistedMethod(m)) ?? methods[0],
    headers,
    credentials: 'include',
    body: undefined,
  };
  app.body = app.method === 'GET' || app.method === 'HEAD' ? undefined : (intent.body ?? '{}');
  const attackers = new Map<string, Attacker>();
  for (const o of allowed) for (const a of attackersOf(o.entry, o.name)) attackers.set(`${a.kind}:${a.page}`, a);
  // '*' grants reads without credentials to anyone: what must fail is a credentialed read, from
  // another site and from an opaque origin (the catalog's other site stands for everyone).
  if (intent.by === '*') {
    for (const a of attackersOf(ORIGINS.other, originUrl('other'))) if (a.kind === 'other-site' || a.kind === 'null') attackers.set(a.kind, a);
  }
  for (const a of attackers.values()) {
    registers.push(...a.registers);
    const shapes = intent.by === '*' || a.kind === 'frame' ? attackerShapes(app, intent).slice(0, 1) : attackerShapes(app, intent);
    for (const shape of shapes) {
      const id = `${b.intent.id}.${a.kind}.${slug(a.page)}.${shape.key}`;
      const context = a.frame
        ? [{ via: 'iframe' as const, at: a.frame.at as OriginName, response: 'agent', ...(a.frame.sandbox !== undefined ? { sandbox: a.frame.sandbox } : {}) }]
        : undefined;
      add(
        b,
        {
          ...base,
          id,
          title: `${a.label} must not read ${url}: ${shape.label}`,
          page: { at: a.page as OriginName },
          responses: { agent: AGENT, permit: permitting(shape.method, Object.keys(shape.headers)) },
          probe: { kind: 'fetch', params: fetchParams(shape), ...(context ? { context } : {}) },
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
          target: { url, origin: target.origin.name, path: target.path },
          request: { method: shape.method, headers: shape.headers, credentials: shape.credentials, body: shape.body, label: shape.label },
          title: `${a.label} must not read ${url}: ${shape.label}`,
        },
      );
    }
  }
  return registers;
}

function readTitle(r: ReadIntent): string {
  const who = r.by === '*' ? 'anyone (without credentials)' : r.by.join(', ');
  const how = [r.credentials ? 'with credentials' : '', (r.methods ?? ['GET']).join(', '), Object.keys(headerRecord(r.headers)).join(', ')]
    .filter(Boolean)
    .join('; ');
  return `only ${who} may read ${r.endpoint} (${how})`;
}

/** The probes of a validated config. Registers every origin they use (declared and derived) in this process. */
export function deriveAudit(config: AuditConfig): AuditPlan {
  const declared = new Map(config.origins.map((o) => [o.name as string, o]));
  registerExtraOrigins(config.origins.map((o) => ({ origin: o.name, role: o.entry.role })));
  const scenarios: ScenarioInput[] = [];
  const probes = new Map<string, AuditProbe>();
  const intents: AuditIntent[] = [];
  const registers: string[] = [];
  const builder = (id: string, title: string): Builder => {
    const intent = { id, title, probes: [] };
    intents.push(intent);
    return { scenarios, probes, intent };
  };
  const at = (text: string) => onDeclared(text, declared) as { origin: DeclaredOrigin; path: string };

  config.reads?.forEach((r, i) => {
    registers.push(...readProbes(builder(`reads-${i}`, readTitle(r)), r, at(r.endpoint), declared));
  });

  config.isolated?.forEach((x, i) => {
    const page = at(x.page);
    const coep = x.coep ?? 'require-corp';
    const b = builder(
      `isolated-${i}`,
      `${x.page} is crossOriginIsolated${x.embeds?.length ? `, and loads ${x.embeds.map((e) => e.url).join(', ')} under its COEP` : ''}`,
    );
    const headers: Array<[string, string]> = [
      ['Cross-Origin-Opener-Policy', 'same-origin'],
      ['Cross-Origin-Embedder-Policy', coep],
    ];
    const pageOf = { at: page.origin.name as OriginName, headers };
    add(
      b,
      {
        id: `${b.intent.id}.page`,
        area: 'audit/isolated',
        title: `${x.page} is crossOriginIsolated`,
        spec: ['coi', 'obtainCoop', 'coep'],
        page: pageOf,
        responses: { isolated: htmlDoc(headers) },
        probe: { kind: 'frame-view', params: { target: { at: page.origin.name, response: page.path }, via: 'popup' }, timeoutMs: 10_000 },
        expect: { blocked: false, observation: { showsTarget: true, crossOriginIsolated: true } },
        // Proves this engine shows isolation to this probe: an isolated page of originproof's on the same origin.
        control: {
          patch: { probe: { params: { target: { at: page.origin.name, response: 'isolated' } } } },
          expect: { observation: { showsTarget: true, crossOriginIsolated: true } },
        },
        serial: true,
      },
      {
        kind: 'isolation',
        expect: 'isolated',
        requester: {
          origin: page.origin.name,
          label: `a page of ${page.origin.name} with COOP same-origin and COEP ${coep}, opening it as a popup`,
          attacker: false,
        },
        target: { url: x.page, origin: page.origin.name, path: page.path },
        title: `${x.page} is crossOriginIsolated`,
      },
    );
    x.embeds?.forEach((e, j) => {
      const r = at(e.url);
      add(
        b,
        {
          id: `${b.intent.id}.embed-${j}`,
          area: 'audit/isolated',
          title: `${e.url} loads as <${e.as}> in a page of ${page.origin.name} with COEP ${coep}`,
          spec: ['corpCheck', 'coep'],
          page: pageOf,
          responses: { corp: embeddable(e.as) },
          probe: { kind: 'embed', params: { element: e.as, target: { at: r.origin.name, response: r.path } } },
          expect: { blocked: false, observation: { loaded: true } },
          control: { patch: { probe: { params: { target: { at: r.origin.name, response: 'corp' } } } }, expect: { observation: { loaded: true } } },
        },
        {
          kind: 'embed',
          expect: 'loads',
          requester: { origin: page.origin.name, label: `a page of ${page.origin.name} with COEP ${coep}`, attacker: false },
          target: { url: e.url, origin: r.origin.name, path: r.path },
          embed: { as: e.as, coep },
          title: `${e.url} loads as <${e.as}> under COEP ${coep}`,
        },
      );
    });
  });

  config.sameSiteOnly?.forEach((x, i) => {
    const r = at(x.resource);
    const b = builder(`same-site-only-${i}`, `${x.resource} does not load cross-site`);
    add(
      b,
      {
        id: `${b.intent.id}.other-site`,
        area: 'audit/same-site-only',
        title: `another site (https://other.test) cannot load ${x.resource} as <${x.as}>`,
        spec: ['corpCheck'],
        page: { at: 'other' },
        responses: { agent: AGENT },
        probe: { kind: 'embed', params: { element: x.as, target: { at: r.origin.name, response: r.path } } },
        expect: { blocked: true, observation: { loaded: false } },
        // The same element, loading the same resource from a frame of its own origin: proves it loads at all.
        control: { patch: { probe: { context: [{ via: 'iframe', at: r.origin.name, response: 'agent' }] } }, expect: { observation: { loaded: true } } },
      },
      {
        kind: 'same-site-only',
        expect: 'blocked',
        requester: { origin: 'https://other.test', label: 'another site (https://other.test)', attacker: true },
        target: { url: x.resource, origin: r.origin.name, path: r.path },
        embed: { as: x.as },
        title: `another site cannot load ${x.resource} as <${x.as}>`,
      },
    );
  });

  config.notFramed?.forEach((x, i) => {
    const p = at(x.page);
    const b = builder(`not-framed-${i}`, `${x.page} is not framed by another site`);
    const sibling = attackersOf(p.origin.entry, p.origin.name).find((a) => a.kind === 'sibling')!;
    registers.push(...sibling.registers);
    const tops = [
      { page: 'other', origin: 'https://other.test', label: 'another site (https://other.test)' },
      { page: sibling.page, origin: sibling.origin, label: sibling.label },
    ];
    for (const top of tops) {
      add(
        b,
        {
          id: `${b.intent.id}.${slug(top.page)}`,
          area: 'audit/not-framed',
          title: `${top.label} cannot frame ${x.page}`,
          spec: ['xfo', 'frameAncestors'],
          page: { at: top.page as OriginName },
          responses: { agent: AGENT, framable: htmlDoc() },
          // The frame is read from a document of the page's own origin in between (a cross-origin
          // parent cannot see whether its frame loaded); every ancestor counts for XFO and frame-ancestors.
          probe: {
            kind: 'frame-view',
            params: { target: { at: p.origin.name, response: p.path } },
            context: [{ via: 'iframe', at: p.origin.name, response: 'agent' }],
          },
          expect: { blocked: true, observation: { showsTarget: false } },
          control: { patch: { probe: { params: { target: { at: p.origin.name, response: 'framable' } } } }, expect: { observation: { showsTarget: true } } },
        },
        {
          kind: 'framing',
          expect: 'not-framed',
          requester: { origin: top.origin, label: top.label, attacker: true },
          target: { url: x.page, origin: p.origin.name, path: p.path },
          ancestors: [p.origin.name, top.origin],
          title: `${top.label} cannot frame ${x.page}`,
        },
      );
    }
  });

  registerExtraOrigins([...new Set(registers)].map((origin) => ({ origin, role: 'attacker (derived by originproof)' })));
  const upstreams = new Map<OriginName, string>();
  for (const o of config.origins) if (o.upstream) upstreams.set(o.name, o.upstream);
  return { config, scenarios: validateScenarios(config.file, scenarios), probes, intents, upstreams };
}
