/**
 * The cross-origin WindowProxy and Location exotic objects, internal method by internal method
 * (HTML's cross-origin objects section; modelled on web-platform-tests'
 * html/browsers/origin/cross-origin-objects/cross-origin-objects.html): [[GetPrototypeOf]],
 * [[SetPrototypeOf]], [[IsExtensible]], [[PreventExtensions]], [[GetOwnProperty]] (descriptor
 * shapes), [[DefineOwnProperty]], [[Get]] and its fallbacks, [[Set]] (javascript: URLs through
 * href and replace), [[Delete]], [[OwnPropertyKeys]] (which keys, in which runs, which are
 * enumerable), and this realm's own accessors and methods called with a cross-origin `this`.
 *
 * Each row states the answer across origins (a word, or "throws <Error>") and, in the control,
 * the answer the same operation gives on a same-origin window in the same visit. Targets: a
 * frame and a popup, cross-site (other.test) and same-site (sub.site.test), each with two child
 * frames (the second named "donotleakme"). Every probe of a visit shares one target per origin,
 * so a row costs a script call, not a document load.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { InspectOp } from '../../probes/window-access/index.ts';
import type { ObservationOf, ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { AGENT } from '../lib.ts';
import { withBound } from './common.ts';

type On = 'window' | 'location';
/** A word the operation returns, or "throws <Error name>". */
type Answer = string;

interface Row {
  slug: string;
  on: On;
  op: InspectOp;
  key?: string;
  value?: unknown;
  args?: unknown[];
  /** The JavaScript the row runs, W being the other window: the row's title. */
  code: string;
  expect: Answer;
  /** The same operation on a same-origin window; omitted where only "it runs" is stable. */
  control?: Answer;
  spec: CitationId[];
  /** Also probed on popups (the frames carry every row). */
  popup?: boolean;
  /**
   * The control runs this operation instead: where the row's own operation could change the
   * same-origin window the visit's other controls share (an engine that lets Location be made
   * non-extensible, for one).
   */
  controlOp?: InspectOp;
}

const SE = 'throws SecurityError';
const TE = 'throws TypeError';
const GETTER = 'accessor,configurable,!enumerable,get,!set';
const METHOD = 'data,configurable,!enumerable,!writable,value=function';
const FALLBACK = 'data,configurable,!enumerable,!writable,value=undefined';
const SYMBOLS = '@@toStringTag,@@hasInstance,@@isConcatSpreadable';
const W_NAMES = '0,1,blur,close,closed,focus,frames,length,location,opener,parent,postMessage,self,then,top,window';
const W_LAYOUT = `0,1 | blur,close,closed,focus,frames,length,location,opener,parent,postMessage,self,top,window | then last | ${SYMBOLS}`;
const L_LAYOUT = `(none) | href,replace | then last | ${SYMBOLS}`;

const OBJ: Record<On, { W: string; get: CitationId; set: CitationId; proto: CitationId; setProto: CitationId; ext: CitationId; prevent: CitationId }> = {
  window: {
    W: 'W',
    get: 'windowProxyGet',
    set: 'windowProxySet',
    proto: 'windowProxyGetPrototypeOf',
    setProto: 'windowProxySetPrototypeOf',
    ext: 'windowProxyIsExtensible',
    prevent: 'windowProxyPreventExtensions',
  },
  location: {
    W: 'W.location',
    get: 'locationGet',
    set: 'locationSet',
    proto: 'locationGetPrototypeOf',
    setProto: 'locationSetPrototypeOf',
    ext: 'locationIsExtensible',
    prevent: 'locationPreventExtensions',
  },
};
const PREFIX: Record<On, string> = { window: 'w', location: 'l' };

/** [[GetPrototypeOf]], [[SetPrototypeOf]], [[IsExtensible]], [[PreventExtensions]]: the same on both objects. */
function prototypeRows(on: On): Row[] {
  const { W, proto, setProto, ext, prevent, get, set } = OBJ[on];
  const r = (slug: string, op: InspectOp, code: string, expect: Answer, control: Answer, spec: CitationId[], value?: string, popup = false): Row => ({
    slug,
    on,
    op,
    code,
    expect,
    control,
    spec,
    ...(value ? { value } : {}),
    popup,
  });
  return [
    r('get-prototype-of', 'getPrototypeOf', `Object.getPrototypeOf(${W})`, 'null', 'object', [proto], undefined, true),
    r('proto-getter', 'protoGetter', `Object.prototype.__proto__ getter on ${W}`, 'null', 'object', [proto]),
    r('proto-property', 'protoProperty', `${W}.__proto__`, SE, 'object', [get, 'crossOriginGet']),
    r('proto-assign', 'protoAssign', `${W}.__proto__ = {}`, SE, TE, [set, 'crossOriginSet'], 'object'),
    r('proto-setter-object', 'protoSetter', `Object.prototype.__proto__ setter on ${W} with {}`, TE, TE, [setProto], 'object'),
    r('proto-setter-null', 'protoSetter', `Object.prototype.__proto__ setter on ${W} with null`, 'ok', TE, [setProto], 'null'),
    r('set-prototype-of-object', 'setPrototypeOf', `Object.setPrototypeOf(${W}, {})`, TE, TE, [setProto], 'object', true),
    r('set-prototype-of-null', 'setPrototypeOf', `Object.setPrototypeOf(${W}, null)`, 'ok', TE, [setProto], 'null'),
    r('reflect-set-prototype-of-object', 'reflectSetPrototypeOf', `Reflect.setPrototypeOf(${W}, {})`, 'false', 'false', [setProto], 'object'),
    r('reflect-set-prototype-of-null', 'reflectSetPrototypeOf', `Reflect.setPrototypeOf(${W}, null)`, 'true', 'false', [setProto], 'null', true),
    r('is-extensible', 'isExtensible', `Object.isExtensible(${W})`, 'true', 'true', [ext], undefined, true),
    r('prevent-extensions', 'preventExtensions', `Object.preventExtensions(${W})`, TE, on === 'window' ? TE : 'true', [prevent], undefined, true),
    r('reflect-prevent-extensions', 'reflectPreventExtensions', `Reflect.preventExtensions(${W})`, 'false', on === 'window' ? 'false' : 'true', [prevent]),
  ].map((row) => (on === 'location' && row.op.endsWith('reventExtensions') ? { ...row, controlOp: 'isExtensible' } : row));
}

function descriptor(on: On, key: string, expect: Answer, extra: Partial<Row> = {}): Row {
  const spec: CitationId[] = [on === 'window' ? 'windowProxyGetOwnProperty' : 'locationGetOwnProperty', 'crossOriginGetOwnPropertyHelper'];
  if (expect === FALLBACK || expect === SE) spec.push('crossOriginFallback');
  return {
    slug: `descriptor-${key.replace(/^@@/, '').toLowerCase()}`,
    on,
    op: 'descriptor',
    key,
    code: `Object.getOwnPropertyDescriptor(${OBJ[on].W}, ${key.startsWith('@@') ? `Symbol.${key.slice(2)}` : JSON.stringify(key)})`,
    expect,
    spec,
    ...extra,
  };
}

function defineAndDelete(on: On, keys: Array<[string, Answer, Answer]>): Row[] {
  const { W } = OBJ[on];
  const define: CitationId = on === 'window' ? 'windowProxyDefineOwnProperty' : 'locationDefineOwnProperty';
  const del: CitationId = on === 'window' ? 'windowProxyDelete' : 'locationDelete';
  return keys.flatMap(([key, defineControl, deleteControl]): Row[] => [
    {
      slug: `define-value-${key}`,
      on,
      op: 'defineValue',
      key,
      code: `Object.defineProperty(${W}, "${key}", {value: 2, configurable: true})`,
      expect: SE,
      control: defineControl,
      spec: [define],
    },
    {
      slug: `define-accessor-${key}`,
      on,
      op: 'defineAccessor',
      key,
      code: `Object.defineProperty(${W}, "${key}", {get() {}, configurable: true})`,
      expect: SE,
      control: defineControl,
      spec: [define],
    },
    { slug: `delete-${key}`, on, op: 'delete', key, code: `delete ${W}[${JSON.stringify(key)}]`, expect: SE, control: deleteControl, spec: [del] },
  ]);
}

function keyRows(on: On, names: string, layout: string): Row[] {
  const { W } = OBJ[on];
  const keys: CitationId[] = [on === 'window' ? 'windowProxyOwnPropertyKeys' : 'locationOwnPropertyKeys', 'crossOriginOwnPropertyKeys'];
  return [
    { slug: 'own-names', on, op: 'ownNames', code: `Object.getOwnPropertyNames(${W}).sort()`, expect: names, spec: keys, popup: true },
    { slug: 'keys', on, op: 'keys', code: `Object.keys(${W}) (the enumerable own keys)`, expect: on === 'window' ? '0,1' : '(none)', spec: keys, popup: true },
    { slug: 'for-in', on, op: 'forIn', code: `for (k in ${W})`, expect: on === 'window' ? '0,1' : '(none)', spec: keys },
    { slug: 'symbols', on, op: 'symbols', code: `Object.getOwnPropertySymbols(${W})`, expect: SYMBOLS, spec: keys },
    { slug: 'own-keys-layout', on, op: 'ownKeysLayout', code: `Reflect.ownKeys(${W}): indices | names | "then" | symbols`, expect: layout, spec: keys },
  ];
}

/** Identity and realm of the functions a cross-origin object hands out, and promise/concat fallbacks. */
function realmRows(on: On, method: string, accessor: string): Row[] {
  const { W } = OBJ[on];
  const helper: CitationId[] = ['crossOriginGetOwnPropertyHelper'];
  return [
    {
      slug: `function-realm-${method}`,
      on,
      op: 'functionRealm',
      key: method,
      code: `Object.getPrototypeOf(${W}.${method}) === Function.prototype`,
      expect: 'local',
      control: 'other',
      spec: helper,
    },
    {
      slug: `function-identity-${method}`,
      on,
      op: 'functionIdentity',
      key: method,
      code: `${W}.${method} === ${W}.${method}`,
      expect: 'true',
      control: 'true',
      spec: helper,
    },
    {
      slug: `accessor-realm-${accessor}`,
      on,
      op: 'accessorRealm',
      key: accessor,
      code: `the ${accessor} accessor of ${W} is of this realm`,
      expect: 'local',
      control: 'other',
      spec: helper,
    },
    {
      slug: `accessor-identity-${accessor}`,
      on,
      op: 'accessorIdentity',
      key: accessor,
      code: `the ${accessor} accessor of ${W}, asked twice, is one function`,
      expect: 'true',
      control: 'true',
      spec: helper,
    },
    {
      slug: 'to-string',
      on,
      op: 'toString',
      code: `Object.prototype.toString.call(${W})`,
      expect: '[object Object]',
      control: on === 'window' ? '[object Window]' : '[object Location]',
      spec: ['crossOriginFallback'],
    },
    {
      slug: 'promise-resolve',
      on,
      op: 'promiseResolve',
      code: `Promise.resolve(${W}) resolves with ${W} ("then" is undefined)`,
      expect: 'same',
      control: 'same',
      spec: ['crossOriginFallback'],
    },
    {
      slug: 'concat',
      on,
      op: 'concat',
      code: `[].concat(${W}).length (@@isConcatSpreadable is undefined)`,
      expect: '1',
      control: '1',
      spec: ['crossOriginFallback'],
    },
  ];
}

const WINDOW_ROWS: Row[] = [
  ...prototypeRows('window'),
  ...['window', 'self', 'frames', 'top', 'parent', 'opener', 'closed', 'length'].map((k) =>
    descriptor('window', k, GETTER, k === 'top' ? { popup: true } : {}),
  ),
  descriptor('window', 'location', 'accessor,configurable,!enumerable,get,set', { popup: true }),
  ...['close', 'focus', 'blur', 'postMessage'].map((k) => descriptor('window', k, METHOD, k === 'close' ? { popup: true } : {})),
  ...['then', '@@toStringTag', '@@hasInstance', '@@isConcatSpreadable'].map((k) => descriptor('window', k, FALLBACK, k === 'then' ? { popup: true } : {})),
  descriptor('window', '0', 'data,configurable,enumerable,!writable,value=window', { spec: ['windowProxyGetOwnProperty'], popup: true }),
  descriptor('window', '2', SE, { control: 'undefined', spec: ['windowProxyGetOwnProperty'] }),
  descriptor('window', 'donotleakme', 'data,configurable,!enumerable,!writable,value=window', { spec: ['windowProxyGetOwnProperty'] }),
  descriptor('window', 'document', SE, { popup: true }),
  {
    slug: 'has-own-close',
    on: 'window',
    op: 'hasOwn',
    key: 'close',
    code: 'Object.prototype.hasOwnProperty.call(W, "close")',
    expect: 'true',
    control: 'true',
    spec: ['crossOriginGetOwnPropertyHelper'],
  },
  {
    slug: 'has-own-document',
    on: 'window',
    op: 'hasOwn',
    key: 'document',
    code: 'Object.prototype.hasOwnProperty.call(W, "document")',
    expect: SE,
    control: 'true',
    spec: ['crossOriginFallback'],
  },
  ...['then', '@@toStringTag', '@@hasInstance', '@@isConcatSpreadable'].map((k): Row => ({
    slug: `get-${k.replace(/^@@/, '').toLowerCase()}`,
    on: 'window',
    op: 'get',
    key: k,
    code: `W[${k}]`,
    expect: 'undefined',
    spec: ['windowProxyGet', 'crossOriginFallback'],
    popup: k === '@@toStringTag',
  })),
  {
    slug: 'get-named-child',
    on: 'window',
    op: 'get',
    key: 'donotleakme',
    code: 'W.donotleakme (a named child frame)',
    expect: 'window',
    control: 'window',
    spec: ['windowProxyGetOwnProperty'],
  },
  {
    slug: 'get-index-2',
    on: 'window',
    op: 'get',
    key: '2',
    code: 'W[2] (past the child frames)',
    expect: SE,
    control: 'undefined',
    spec: ['windowProxyGetOwnProperty'],
  },
  {
    slug: 'get-foopy',
    on: 'window',
    op: 'get',
    key: 'foopy',
    code: 'W.foopy (not on the allow-list)',
    expect: SE,
    control: 'undefined',
    spec: ['windowProxyGet', 'crossOriginFallback'],
  },
  {
    slug: 'set-foopy',
    on: 'window',
    op: 'set',
    key: 'foopy',
    value: 1,
    code: 'W.foopy = 1',
    expect: SE,
    control: 'ok',
    spec: ['windowProxySet', 'crossOriginSet'],
  },
  ...defineAndDelete('window', [
    ['length', 'ok', 'true'],
    ['parent', 'ok', 'true'],
    ['location', TE, TE],
    ['document', TE, TE],
    ['foopy', 'ok', 'true'],
  ]),
  {
    slug: 'delete-0',
    on: 'window',
    op: 'delete',
    key: '0',
    code: 'delete W[0] (an existing child frame)',
    expect: SE,
    control: TE,
    spec: ['windowProxyDelete'],
  },
  { slug: 'delete-100', on: 'window', op: 'delete', key: '100', code: 'delete W[100]', expect: SE, control: 'true', spec: ['windowProxyDelete'] },
  ...keyRows('window', W_NAMES, W_LAYOUT),
  ...realmRows('window', 'close', 'top'),
  // This realm's own members with the other window as `this` (WebIDL's security check).
  {
    slug: 'this-name-getter',
    on: 'window',
    op: 'thisGetter',
    key: 'name',
    code: 'name getter of this window, called on W',
    expect: SE,
    control: 'string',
    spec: ['crossOriginProperties'],
  },
  {
    slug: 'this-name-setter',
    on: 'window',
    op: 'thisSetter',
    key: 'name',
    value: 'x',
    code: 'name setter of this window, called on W',
    expect: SE,
    control: 'ok',
    spec: ['crossOriginProperties'],
  },
  {
    slug: 'this-onmouseenter-getter',
    on: 'window',
    op: 'thisGetter',
    key: 'onmouseenter',
    code: '[LegacyLenientThis] onmouseenter getter of this window, called on W (throws, not undefined)',
    expect: SE,
    control: 'null',
    spec: ['crossOriginProperties'],
  },
  {
    slug: 'this-focus',
    on: 'window',
    op: 'thisMethod',
    key: 'focus',
    code: 'focus() of this window, called on W',
    expect: 'undefined',
    control: 'undefined',
    spec: ['crossOriginProperties'],
  },
  {
    slug: 'this-post-message',
    on: 'window',
    op: 'thisMethod',
    key: 'postMessage',
    args: ['originproof', 'https://does-not.exist'],
    code: 'postMessage() of this window, called on W',
    expect: 'undefined',
    control: 'undefined',
    spec: ['crossOriginProperties'],
  },
  {
    slug: 'this-fetch',
    on: 'window',
    op: 'thisMethod',
    key: 'fetch',
    code: 'fetch() of this window, called on W (a rejected promise)',
    expect: SE,
    control: TE,
    spec: ['crossOriginProperties'],
  },
];

const JS_URL = 'javascript:undefined';
const LOCATION_ROWS: Row[] = [
  ...prototypeRows('location'),
  descriptor('location', 'href', 'accessor,configurable,!enumerable,!get,set', { popup: true }),
  descriptor('location', 'replace', METHOD, { popup: true }),
  ...['then', '@@toStringTag', '@@hasInstance', '@@isConcatSpreadable'].map((k) => descriptor('location', k, FALLBACK)),
  descriptor('location', 'port', SE),
  {
    slug: 'has-own-href',
    on: 'location',
    op: 'hasOwn',
    key: 'href',
    code: 'Object.prototype.hasOwnProperty.call(W.location, "href")',
    expect: 'true',
    control: 'true',
    spec: ['crossOriginGetOwnPropertyHelper'],
  },
  { slug: 'get-then', on: 'location', op: 'get', key: 'then', code: 'W.location.then', expect: 'undefined', spec: ['locationGet', 'crossOriginFallback'] },
  {
    slug: 'get-tostringtag',
    on: 'location',
    op: 'get',
    key: '@@toStringTag',
    code: 'W.location[Symbol.toStringTag]',
    expect: 'undefined',
    spec: ['locationGet', 'crossOriginFallback'],
  },
  {
    slug: 'get-replace',
    on: 'location',
    op: 'get',
    key: 'replace',
    code: 'W.location.replace',
    expect: 'function',
    control: 'function',
    spec: ['locationGet', 'crossOriginGet'],
  },
  {
    slug: 'set-href-javascript',
    on: 'location',
    op: 'set',
    key: 'href',
    value: JS_URL,
    code: `W.location.href = "${JS_URL}" (does not throw; the navigation does nothing)`,
    expect: 'ok',
    control: 'ok',
    spec: ['locationSet', 'locationHref', 'javascriptUrlNavigation'],
    popup: true,
  },
  {
    slug: 'replace-javascript',
    on: 'location',
    op: 'call',
    key: 'replace',
    args: [JS_URL],
    code: `W.location.replace("${JS_URL}") (does not throw; the navigation does nothing)`,
    expect: 'undefined',
    control: 'undefined',
    spec: ['locationReplace', 'javascriptUrlNavigation'],
    popup: true,
  },
  {
    slug: 'href-setter-javascript',
    on: 'location',
    op: 'thisSetter',
    key: 'href',
    value: JS_URL,
    code: `this Location's href setter called on W.location with "${JS_URL}"`,
    expect: 'ok',
    control: 'ok',
    spec: ['crossOriginProperties', 'javascriptUrlNavigation'],
  },
  {
    slug: 'replace-this-javascript',
    on: 'location',
    op: 'thisMethod',
    key: 'replace',
    args: [JS_URL],
    code: `this Location's replace() called on W.location with "${JS_URL}"`,
    expect: 'undefined',
    control: 'undefined',
    spec: ['crossOriginProperties', 'javascriptUrlNavigation'],
  },
  {
    slug: 'assign-this-javascript',
    on: 'location',
    op: 'thisMethod',
    key: 'assign',
    args: [JS_URL],
    code: `this Location's assign() called on W.location with "${JS_URL}" (not allow-listed)`,
    expect: SE,
    control: 'undefined',
    spec: ['crossOriginProperties'],
  },
  {
    slug: 'href-getter-this',
    on: 'location',
    op: 'thisGetter',
    key: 'href',
    code: "this Location's href getter called on W.location",
    expect: SE,
    control: 'string',
    spec: ['crossOriginProperties'],
  },
  {
    slug: 'set-foopy',
    on: 'location',
    op: 'set',
    key: 'foopy',
    value: 1,
    code: 'W.location.foopy = 1',
    expect: SE,
    control: 'ok',
    spec: ['locationSet', 'crossOriginSet'],
  },
  ...defineAndDelete('location', [
    ['href', TE, TE],
    ['replace', TE, TE],
    ['port', TE, TE],
    ['foopy', 'ok', 'true'],
  ]),
  ...keyRows('location', 'href,replace,then', L_LAYOUT),
  ...realmRows('location', 'replace', 'href'),
];

type Via = 'frame' | 'popup';
const TARGETS: Array<{ via: Via; at: OriginName; slug: string; what: string }> = [
  { via: 'frame', at: 'other', slug: 'frame.cross-site', what: 'a cross-site frame (other.test)' },
  { via: 'frame', at: 'sub', slug: 'frame.same-site', what: 'a same-site cross-origin frame (sub.site.test)' },
  { via: 'popup', at: 'other', slug: 'popup.cross-site', what: 'a cross-site popup (other.test)' },
  { via: 'popup', at: 'sub', slug: 'popup.same-site', what: 'a same-site cross-origin popup (sub.site.test)' },
];

function observationOf(answer: Answer): ObservationOf<'window-access'> {
  const thrown = /^throws (\w+)$/.exec(answer);
  return thrown ? { targetReady: true, allowed: false, error: thrown[1] } : { targetReady: true, allowed: true, value: answer };
}

function build(t: (typeof TARGETS)[number], row: Row): ScenarioOf<'window-access'> {
  const { slug, on, op, key, value, args, code, expect, control, spec, controlOp } = row;
  const expected = observationOf(expect);
  return {
    id: `sop.wp.x.${t.slug}.${PREFIX[on]}.${slug}`,
    area: on === 'window' ? 'sop/window-proxy' : 'sop/location',
    title: `${code} on ${t.what} → ${expect}`,
    spec,
    responses: { doc: AGENT },
    probe: {
      kind: 'window-access',
      params: {
        target: t.via,
        open: { at: t.at, response: 'doc', query: 'op-children=2' },
        path: on === 'window' ? [] : ['location'],
        action: 'inspect',
        op,
        ...(key !== undefined ? { key } : {}),
        ...(value !== undefined ? { value } : {}),
        ...(args ? { args } : {}),
        share: 'exotic',
      },
      timeoutMs: 12000,
    },
    expect: { blocked: expected.allowed === false, observation: expected },
    control: {
      sameOrigin: true,
      ...(controlOp ? { patch: { probe: { params: { op: controlOp } } } } : {}),
      expect: { observation: control ? observationOf(control) : { targetReady: true } },
    },
  };
}

const RAW: ScenarioInput[] = TARGETS.flatMap((t) =>
  [...WINDOW_ROWS, ...LOCATION_ROWS].filter((row) => t.via === 'frame' || (row.popup && (t.at === 'other' || row.on === 'window'))).map((row) => build(t, row)),
);

export const scenarios: ScenarioInput[] = withBound(RAW);
