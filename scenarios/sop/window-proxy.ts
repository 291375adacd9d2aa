/**
 * WindowProxy and Location across origins: HTML's CrossOriginProperties allow-lists, member by
 * member, in four directions (parent → frame, frame → parent, opener → popup, popup → opener),
 * for a cross-site pair (other.test) and a same-site cross-origin pair (sub.site.test).
 * Every blocked member has a same-origin control in the same visit.
 */
import type { ObservationOf, ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { AGENT } from '../lib.ts';
import { withBound } from './common.ts';

type Direction = 'pf' | 'fp' | 'op' | 'po';
interface Member {
  slug: string;
  path: string[];
  action: 'get' | 'set' | 'call';
  value?: unknown;
  args?: unknown[];
  /** Allowed by the allow-list (else SecurityError). */
  allowed: boolean;
  /** valueType when allowed, per direction (omitted when not meaningful). */
  type?: Partial<Record<Direction, string>> | string;
  /** valueType in the same-origin control. */
  controlType?: string;
  claims?: string[];
  area?: 'sop/window-proxy' | 'sop/location';
  /** Directions this member is probed in. */
  dirs: Direction[];
  title: string;
}

const ALL: Direction[] = ['pf', 'fp', 'op', 'po'];
const FRAMES: Direction[] = ['pf', 'fp'];
const TARGETS: Direction[] = ['pf', 'op'];

const MEMBERS: Member[] = [
  // allow-listed window members
  { slug: 'window', path: ['window'], action: 'get', allowed: true, type: 'window', dirs: ALL, title: 'window.window is readable' },
  { slug: 'self', path: ['self'], action: 'get', allowed: true, type: 'window', dirs: FRAMES, title: 'window.self is readable' },
  { slug: 'frames', path: ['frames'], action: 'get', allowed: true, type: 'window', dirs: FRAMES, title: 'window.frames is readable' },
  { slug: 'top', path: ['top'], action: 'get', allowed: true, type: 'window', dirs: FRAMES, title: 'window.top is readable' },
  { slug: 'parent', path: ['parent'], action: 'get', allowed: true, type: 'window', dirs: FRAMES, title: 'window.parent is readable' },
  {
    slug: 'opener',
    path: ['opener'],
    action: 'get',
    allowed: true,
    type: { pf: 'null', fp: 'null', op: 'window', po: 'null' },
    dirs: ALL,
    title: 'window.opener is readable',
  },
  { slug: 'closed', path: ['closed'], action: 'get', allowed: true, type: 'boolean', dirs: ALL, claims: ['C23'], title: 'window.closed is readable' },
  { slug: 'length', path: ['length'], action: 'get', allowed: true, type: 'number', dirs: ALL, claims: ['C23'], title: 'window.length is readable' },
  {
    slug: 'location',
    path: ['location'],
    action: 'get',
    allowed: true,
    dirs: ALL,
    claims: ['C21'],
    title: 'window.location (the Location object) is reachable',
  },
  {
    slug: 'then',
    path: ['then'],
    action: 'get',
    allowed: true,
    type: 'undefined',
    dirs: FRAMES,
    title: '"then" falls back to undefined instead of throwing (CrossOriginPropertyFallback)',
  },
  {
    slug: 'index-0',
    path: ['0'],
    action: 'get',
    allowed: true,
    type: 'window',
    dirs: ['fp'],
    title: 'index access to an existing child navigable (parent[0]) is allowed',
  },
  {
    slug: 'post-message',
    path: ['postMessage'],
    action: 'call',
    args: ['originproof', '*'],
    allowed: true,
    type: 'undefined',
    dirs: ALL,
    claims: ['C24', 'C25'],
    title: 'postMessage() can be called',
  },
  { slug: 'blur', path: ['blur'], action: 'call', allowed: true, type: 'undefined', dirs: ALL, claims: ['C24'], title: 'blur() can be called' },
  { slug: 'focus', path: ['focus'], action: 'call', allowed: true, type: 'undefined', dirs: ALL, claims: ['C24'], title: 'focus() can be called' },
  { slug: 'close', path: ['close'], action: 'call', allowed: true, type: 'undefined', dirs: TARGETS, claims: ['C24'], title: 'close() can be called' },
  {
    slug: 'location-replace-get',
    path: ['location', 'replace'],
    action: 'get',
    allowed: true,
    type: 'function',
    area: 'sop/location',
    dirs: ALL,
    claims: ['C22'],
    title: 'location.replace is reachable (allow-listed method)',
  },
  // outside the allow-list
  {
    slug: 'document',
    path: ['document'],
    action: 'get',
    allowed: false,
    controlType: 'object',
    dirs: ALL,
    claims: ['C20', 'C14'],
    title: 'window.document throws SecurityError',
  },
  { slug: 'name', path: ['name'], action: 'get', allowed: false, controlType: 'string', dirs: ALL, title: 'window.name cannot be read' },
  {
    slug: 'local-storage',
    path: ['localStorage'],
    action: 'get',
    allowed: false,
    controlType: 'object',
    dirs: ALL,
    claims: ['C34'],
    title: 'window.localStorage cannot be reached',
  },
  { slug: 'history', path: ['history'], action: 'get', allowed: false, controlType: 'object', dirs: FRAMES, title: 'window.history cannot be reached' },
  { slug: 'alert', path: ['alert'], action: 'get', allowed: false, controlType: 'function', dirs: FRAMES, title: 'window.alert cannot be reached' },
  { slug: 'frame-element', path: ['frameElement'], action: 'get', allowed: false, dirs: FRAMES, title: 'window.frameElement cannot be read' },
  { slug: 'origin', path: ['origin'], action: 'get', allowed: false, controlType: 'string', dirs: FRAMES, title: 'window.origin cannot be read' },
  {
    slug: 'index-absent',
    path: ['0'],
    action: 'get',
    allowed: false,
    controlType: 'undefined',
    dirs: ['pf'],
    title: 'index access beyond the child navigables throws SecurityError (not undefined)',
  },
  {
    slug: 'set-name',
    path: ['name'],
    action: 'set',
    value: 'originproof',
    allowed: false,
    dirs: FRAMES,
    claims: ['C20'],
    title: 'window.name cannot be written',
  },
  { slug: 'set-length', path: ['length'], action: 'set', value: 7, allowed: false, dirs: ALL, claims: ['C23'], title: 'window.length cannot be written' },
  // Location members outside the allow-list
  {
    slug: 'location-href-get',
    path: ['location', 'href'],
    action: 'get',
    allowed: false,
    controlType: 'string',
    area: 'sop/location',
    dirs: ALL,
    claims: ['C21'],
    title: 'location.href cannot be read',
  },
  {
    slug: 'location-hash-get',
    path: ['location', 'hash'],
    action: 'get',
    allowed: false,
    controlType: 'string',
    area: 'sop/location',
    dirs: FRAMES,
    claims: ['C21'],
    title: 'location.hash cannot be read',
  },
  {
    slug: 'location-host-get',
    path: ['location', 'host'],
    action: 'get',
    allowed: false,
    controlType: 'string',
    area: 'sop/location',
    dirs: FRAMES,
    claims: ['C21'],
    title: 'location.host cannot be read',
  },
  {
    slug: 'location-pathname-get',
    path: ['location', 'pathname'],
    action: 'get',
    allowed: false,
    controlType: 'string',
    area: 'sop/location',
    dirs: FRAMES,
    claims: ['C21'],
    title: 'location.pathname cannot be read',
  },
  {
    slug: 'location-origin-get',
    path: ['location', 'origin'],
    action: 'get',
    allowed: false,
    controlType: 'string',
    area: 'sop/location',
    dirs: FRAMES,
    claims: ['C21'],
    title: 'location.origin cannot be read',
  },
  {
    slug: 'location-tostring',
    path: ['location', 'toString'],
    action: 'get',
    allowed: false,
    controlType: 'function',
    area: 'sop/location',
    dirs: FRAMES,
    claims: ['C21'],
    title: 'location.toString cannot be reached',
  },
  {
    slug: 'location-assign-get',
    path: ['location', 'assign'],
    action: 'get',
    allowed: false,
    controlType: 'function',
    area: 'sop/location',
    dirs: FRAMES,
    title: 'location.assign is not allow-listed',
  },
  {
    slug: 'location-reload-get',
    path: ['location', 'reload'],
    action: 'get',
    allowed: false,
    controlType: 'function',
    area: 'sop/location',
    dirs: FRAMES,
    title: 'location.reload is not allow-listed',
  },
  {
    slug: 'location-hash-set',
    path: ['location', 'hash'],
    action: 'set',
    value: '#originproof',
    allowed: false,
    area: 'sop/location',
    dirs: FRAMES,
    claims: ['C21'],
    title: 'location.hash cannot be written (only href is)',
  },
];

const PAIRS: Array<{ at: OriginName; slug: string; what: string }> = [
  { at: 'other', slug: 'cross-site', what: 'cross-site (other.test)' },
  { at: 'sub', slug: 'same-site', what: 'same-site cross-origin (sub.site.test)' },
];

const DIR_TEXT: Record<Direction, string> = {
  pf: 'parent → frame',
  fp: 'frame → parent',
  op: 'opener → popup',
  po: 'popup → opener',
};

function probeFor(d: Direction, at: OriginName, m: Member): ScenarioOf<'window-access'>['probe'] {
  const access = { path: m.path, action: m.action, ...(m.value !== undefined ? { value: m.value } : {}), ...(m.args ? { args: m.args } : {}) };
  switch (d) {
    case 'pf':
      // A cross-site frame may get a process of its own; on a loaded machine its hello can take >5 s.
      return { kind: 'window-access', params: { target: 'frame', open: { at, response: 'doc' }, ...access }, timeoutMs: 12000 };
    case 'op':
      return { kind: 'window-access', params: { target: 'popup', open: { at, response: 'doc' }, ...access }, timeoutMs: 12000 };
    case 'fp':
      return { kind: 'window-access', params: { target: 'parent', ...access }, context: [{ via: 'iframe', at, response: 'doc' }] };
    case 'po':
      return { kind: 'window-access', params: { target: 'opener', ...access }, context: [{ via: 'popup', at, response: 'doc' }], timeoutMs: 8000 };
  }
}

function build(d: Direction, pair: (typeof PAIRS)[number], m: Member): ScenarioOf<'window-access'> {
  const type = typeof m.type === 'string' ? m.type : m.type?.[d];
  const allowedObs: ObservationOf<'window-access'> = { targetReady: true, allowed: true, ...(type ? { valueType: type } : {}) };
  const controlObs: ObservationOf<'window-access'> = { targetReady: true, allowed: true, ...(m.controlType ? { valueType: m.controlType } : {}) };
  return {
    id: `sop.wp.${d}.${pair.slug}.${m.slug}`,
    area: m.area ?? 'sop/window-proxy',
    title: `${DIR_TEXT[d]}, ${pair.what}: ${m.title}`,
    claims: m.claims,
    spec: m.allowed
      ? ['crossOriginProperties', m.path[0] === '0' ? 'windowProxyGetOwnProperty' : m.slug === 'then' ? 'crossOriginFallback' : 'crossOriginGet']
      : ['crossOriginProperties', m.action === 'set' ? 'crossOriginSet' : m.path[0] === 'location' ? 'locationGetOwnProperty' : 'crossOriginGet'],
    responses: { doc: AGENT },
    probe: probeFor(d, pair.at, m),
    expect: m.allowed
      ? { blocked: false, observation: allowedObs }
      : { blocked: true, observation: { targetReady: true, allowed: false, error: 'SecurityError' } },
    ...(m.allowed ? {} : { control: { sameOrigin: true, expect: { observation: controlObs } } }),
    ...(d === 'op' || d === 'po' ? { serial: true } : {}),
  };
}

/** Popups cost a visit each: the same-site pair covers a few members only. */
const POPUP_SAME_SITE = new Set(['closed', 'document', 'location-href-get', 'post-message']);

const RAW: ScenarioInput[] = PAIRS.flatMap((pair) =>
  (['pf', 'fp', 'op', 'po'] as Direction[]).flatMap((d) =>
    MEMBERS.filter((m) => m.dirs.includes(d))
      .filter((m) => pair.slug === 'cross-site' || d === 'pf' || d === 'fp' || POPUP_SAME_SITE.has(m.slug))
      .map((m) => build(d, pair, m)),
  ),
);

export const scenarios: ScenarioInput[] = withBound(RAW);
