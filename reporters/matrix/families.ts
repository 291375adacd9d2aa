/**
 * Generated families drawn as grids along their axes, the way a spec reader knows them from
 * web-platform-tests' COOP tables or wpt.fyi: one cell per combination of levels, three engines
 * per cell. A family says which scenarios belong to it and each one's level on every axis —
 * parsed from ids (COOP, COEP, CORP, cross-origin isolation, WindowProxy members) or read from
 * the generator's own record (CORS covering arrays, whose ids are numbered).
 *
 * Declarative: adding a family is adding an entry to FAMILIES.
 */
import { CORS_FAMILIES } from '../../scenarios/cors/generated.ts';
import { CORS_AXES, corsTitle } from '../../scenarios/cors/titles.ts';

export interface Axis {
  name: string;
  label: string;
  /** Preferred order of levels; levels met in the results but not listed here follow in first-seen order. */
  levels: string[];
  /** Display names of levels (default: the level itself). */
  names?: Record<string, string>;
  /** Request-side or response-side (CORS): the grid's axis pickers offer request axes for rows and response axes for columns first. */
  side?: 'request' | 'response';
}

export interface FamilyDef {
  id: string;
  title: string;
  area: string;
  /** One sentence under the title: what a cell is. */
  note: string;
  axes: Axis[];
  /** Axes down the side and across the top by default (the reader may pick others). */
  rows: string[];
  cols: string[];
  /** The scenario's level on every axis, or undefined when it is not in this family. */
  levelsOf(id: string, title: string): Record<string, string> | undefined;
}

/** Members by id pattern: every named group is an axis (an absent optional group takes `fallback`). */
function byId(re: RegExp, fallback: Record<string, string> = {}): FamilyDef['levelsOf'] {
  return (id) => {
    const m = re.exec(id);
    if (!m?.groups) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.groups)) out[k] = v ?? fallback[k] ?? '';
    return out;
  };
}

/** The Local Network Access permission states a visit runs in (network/local-network-access). */
const LNA_PERMISSION_STATES = ['none', 'granted', 'denied', 'local-network-only', 'loopback-network-only'];
const LNA_PERMISSION_NAMES = {
  none: 'not granted',
  granted: 'both granted',
  denied: 'both denied',
  'local-network-only': 'local-network only',
  'loopback-network-only': 'loopback-network only',
};

const COOP_NAMES: Record<string, string> = {
  absent: '(absent)',
  un: 'unsafe-none',
  soap: 'same-origin-allow-popups',
  so: 'same-origin',
  noap: 'noopener-allow-popups',
};
const COOP_LEVELS = ['absent', 'un', 'soap', 'so', 'noap'];
const RELATION = ['same-origin', 'same-site', 'other-site'];
const CORP = ['absent', 'same-origin', 'same-site', 'cross-origin'];
const CORP_NAMES = { absent: '(absent)' };
const LOADS = ['img', 'script', 'style', 'fetch-no-cors', 'img-cors', 'script-cors', 'style-cors', 'fetch-cors'];
const LOAD_NAMES: Record<string, string> = {
  'fetch-no-cors': 'fetch no-cors',
  'img-cors': 'img crossorigin',
  'script-cors': 'script crossorigin',
  'style-cors': 'style crossorigin',
  'fetch-cors': 'fetch cors',
};

const ISOLATION: FamilyDef[] = [
  {
    id: 'coop-open',
    title: 'window.open: opener policy × relation × popup policy',
    area: 'isolation/coop',
    note: 'Each cell: a page on https://site.test with the row’s COOP opens a popup with the column’s COOP; opener kept or severed, per engine.',
    axes: [
      { name: 'opener', label: 'opener COOP', levels: COOP_LEVELS, names: COOP_NAMES },
      { name: 'relation', label: 'popup is', levels: RELATION },
      { name: 'popup', label: 'popup COOP', levels: COOP_LEVELS, names: COOP_NAMES },
    ],
    rows: ['opener'],
    cols: ['relation', 'popup'],
    levelsOf: byId(/^isolation\.coop\.open\.(?<opener>[^.]+)\.(?<relation>[^.]+)\.(?<popup>[^.]+)$/),
  },
  {
    id: 'coop-anchor',
    title: '<a target=_blank>: opener policy × target × rel',
    area: 'isolation/coop',
    note: 'Each cell: a link from a page with the row’s COOP, to a same-origin or other-site page, with or without rel=opener.',
    axes: [
      { name: 'opener', label: 'opener COOP', levels: COOP_LEVELS, names: COOP_NAMES },
      { name: 'target', label: 'link target', levels: ['same-origin', 'other-site'] },
      { name: 'rel', label: 'rel', levels: ['default-rel', 'opener'], names: { 'default-rel': '(none)', opener: 'rel=opener' } },
    ],
    rows: ['opener'],
    cols: ['target', 'rel'],
    levelsOf: byId(/^isolation\.coop\.anchor\.(?<opener>[^.]+)\.(?<target>[^.]+)\.(?<rel>[^.]+)$/),
  },
  {
    id: 'coep-subresource',
    title: 'COEP: subresource × relation × CORP × embedder policy',
    area: 'isolation/coep',
    note: 'Each cell: a page with the column’s COEP loads the row’s subresource from the row’s origin, served with the column’s CORP.',
    axes: [
      { name: 'load', label: 'load', levels: LOADS, names: LOAD_NAMES },
      { name: 'relation', label: 'from', levels: RELATION },
      { name: 'coep', label: 'page COEP', levels: ['require-corp', 'credentialless', 'unsafe-none'] },
      { name: 'corp', label: 'CORP', levels: CORP, names: CORP_NAMES },
    ],
    rows: ['load', 'relation'],
    cols: ['coep', 'corp'],
    levelsOf: byId(/^isolation\.coep\.(?<coep>require-corp|credentialless|unsafe-none)\.(?<load>[a-z-]+)\.(?<relation>[a-z-]+)\.corp-(?<corp>[a-z-]+)$/),
  },
  {
    id: 'coep-iframe',
    title: 'COEP: iframe headers × relation × embedder policy',
    area: 'isolation/coep',
    note: 'Each cell: a page with the column’s COEP frames a document from the column’s origin that sends the row’s headers.',
    axes: [
      {
        name: 'frame',
        label: 'frame sends',
        levels: ['plain', 'coep', 'coep-corp', 'corp-same-origin', 'coep-credentialless-corp', 'coep-corp-same-site'],
        names: {
          plain: 'no COEP, no CORP',
          coep: 'COEP require-corp',
          'coep-corp': 'COEP require-corp + CORP cross-origin',
          'corp-same-origin': 'CORP same-origin',
          'coep-credentialless-corp': 'COEP credentialless + CORP cross-origin',
          'coep-corp-same-site': 'COEP require-corp + CORP same-site',
        },
      },
      { name: 'coep', label: 'page COEP', levels: ['require-corp', 'credentialless', 'unsafe-none'] },
      { name: 'relation', label: 'frame is', levels: RELATION },
    ],
    rows: ['frame'],
    cols: ['coep', 'relation'],
    levelsOf: byId(/^isolation\.coep\.(?<coep>[a-z-]+)\.iframe\.(?<relation>[a-z-]+)\.(?<frame>[a-z-]+)$/),
  },
  {
    id: 'corp',
    title: 'CORP without COEP: subresource × relation × CORP',
    area: 'isolation/corp',
    note: 'Each cell: a page without COEP (https://site.test, or http://site.test) loads the row’s subresource from the column’s origin with the column’s CORP.',
    axes: [
      { name: 'page', label: 'page', levels: ['https', 'from-http'], names: { https: 'https://site.test', 'from-http': 'http://site.test' } },
      { name: 'load', label: 'load', levels: LOADS, names: LOAD_NAMES },
      {
        name: 'relation',
        label: 'from',
        levels: [...RELATION, 'https-same-host', 'https-same-site', 'same-host-other-port'],
        names: { 'https-same-host': 'https, same host', 'https-same-site': 'https, same site', 'same-host-other-port': 'same host, other port' },
      },
      { name: 'corp', label: 'CORP', levels: CORP, names: CORP_NAMES },
    ],
    rows: ['page', 'load'],
    cols: ['relation', 'corp'],
    levelsOf: byId(/^isolation\.corp\.(?:(?<page>from-http)\.|port\.)?absent\.(?<load>[a-z-]+)\.(?<relation>[a-z-]+)\.corp-(?<corp>[a-z-]+)$/, {
      page: 'https',
    }),
  },
  {
    id: 'coi',
    title: 'Cross-origin isolation: COOP × COEP',
    area: 'isolation/coi',
    note: 'Each cell: a page sending the row’s COOP and the column’s COEP; is it cross-origin isolated, and are the gated APIs exposed.',
    axes: [
      { name: 'probe', label: 'observes', levels: ['isolation', 'gated'], names: { isolation: 'crossOriginIsolated', gated: 'gated APIs' } },
      { name: 'coop', label: 'COOP', levels: COOP_LEVELS, names: COOP_NAMES },
      { name: 'coep', label: 'COEP', levels: ['absent', 'unsafe-none', 'require-corp', 'credentialless'], names: { absent: '(absent)' } },
    ],
    rows: ['probe', 'coop'],
    cols: ['coep'],
    levelsOf: byId(/^isolation\.coi\.(?:(?<probe>gated)\.)?coop-(?<coop>[a-z]+)\.coep-(?<coep>[a-z-]+)$/, { probe: 'isolation' }),
  },
];

const DIRECTIONS: Axis = {
  name: 'direction',
  label: 'who reaches whom',
  levels: ['pf', 'fp', 'op', 'po'],
  names: { pf: 'parent → frame', fp: 'frame → parent', op: 'opener → popup', po: 'popup → opener' },
};

const WINDOW_PROXY: FamilyDef[] = ['sop/window-proxy', 'sop/location'].map((area) => ({
  id: area === 'sop/location' ? 'location-members' : 'window-members',
  title: area === 'sop/location' ? 'Location members across origins' : 'WindowProxy members across origins',
  area,
  note: 'Each cell: script in one browsing context touches the row’s member of another context of the column’s relation.',
  axes: [
    { name: 'member', label: 'member', levels: [] },
    DIRECTIONS,
    { name: 'relation', label: 'relation', levels: ['cross-site', 'same-site'], names: { 'same-site': 'same-site (cross-origin)' } },
  ],
  rows: ['member'],
  cols: ['direction', 'relation'],
  levelsOf: byId(/^sop\.wp\.(?<direction>pf|fp|op|po)\.(?<relation>[a-z-]+)\.(?<member>.+)$/),
}));

// CORS covering arrays: request axes and response axes, levels in the generator's own order.
const REQUEST_AXES = new Set(['requester', 'method', 'headers', 'credentials']);
const CORS_DEFAULTS: Record<keyof typeof CORS_FAMILIES, { title: string; rows: string[]; cols: string[] }> = {
  matrix: { title: 'CORS matrix: request × response', rows: ['requester', 'credentials'], cols: ['acao'] },
  preflight: { title: 'CORS preflight: request × preflight answer', rows: ['method'], cols: ['allowMethods'] },
  expose: { title: 'CORS expose headers', rows: ['credentials'], cols: ['acao', 'expose'] },
  redirect: { title: 'CORS redirects', rows: ['shape'], cols: ['acao'] },
  'no-cors': { title: 'fetch mode no-cors', rows: ['method'], cols: ['headers'] },
};

/** Results written before the titles became sentences carry the levels as `name=level` words. */
function axisStringLevels(title: string): Record<string, string> {
  return Object.fromEntries([...title.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
}
function sameLevels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}

const CORS: FamilyDef[] = (Object.keys(CORS_FAMILIES) as Array<keyof typeof CORS_FAMILIES>).map((family) => {
  const levels = CORS_FAMILIES[family] as Record<string, readonly string[]>;
  const d = CORS_DEFAULTS[family];
  return {
    id: `cors-${family}`,
    title: d.title,
    area: `cors/generated/${family}`,
    note: 'A covering array: every pair of levels occurs, not every combination, so a cell holds every scenario with those two levels (pick other axes to slice it differently).',
    axes: Object.entries(levels).map(([name, ls]) => ({
      name,
      label: name,
      levels: [...ls],
      side: REQUEST_AXES.has(name) ? ('request' as const) : ('response' as const),
    })),
    rows: d.rows,
    cols: d.cols,
    // Ids are numbered, so the levels come from the generator's record; a results file from an
    // older catalog (other levels under the same id) is recognised by its title and not drawn.
    levelsOf: (id, title) => {
      const row = CORS_AXES.get(id);
      return row && (corsTitle(family, row) === title || sameLevels(axisStringLevels(title), row)) ? row : undefined;
    },
  };
});

const FETCH_KINDS = [
  'fetch-cors',
  'fetch-no-cors',
  'fetch-same-origin',
  'xhr',
  'img',
  'img-cors',
  'script',
  'script-cors',
  'style',
  'style-cors',
  'audio',
  'video',
  'iframe',
  'form-frame',
  'worker',
  'module-worker',
];
const NETWORK: FamilyDef[] = [
  {
    id: 'fetch-metadata',
    title: 'Fetch Metadata: request kind × target, from an https and an http page',
    area: 'network/fetch-metadata',
    note: 'Each cell: the Sec-Fetch-Site / -Mode / -Dest / -User the server logged for the row’s request from the page to the column’s origin, against the Fetch Metadata model.',
    axes: [
      {
        name: 'page',
        label: 'page',
        levels: ['site', 'sub', 'http-site'],
        names: { site: 'https://site.test', sub: 'https://sub.site.test', 'http-site': 'http://site.test' },
      },
      { name: 'kind', label: 'request', levels: FETCH_KINDS },
      { name: 'target', label: 'target', levels: ['site', 'site-port', 'sub', 'www', 'other', 'other-sub', 'http-site', 'http-sub'] },
    ],
    rows: ['kind'],
    cols: ['page', 'target'],
    levelsOf: byId(/^network\.fetch-metadata\.(?<page>site|sub|http-site)\.(?<kind>[a-z-]+)\.(?<target>[a-z-]+)$/),
  },
  {
    id: 'fetch-metadata-redirect',
    title: 'Fetch Metadata across redirects: request kind × chain',
    area: 'network/fetch-metadata',
    note: 'Each cell: a request from https://site.test to the first origin, redirected to the second; the headers on both hops (a cross-site hop taints the rest of the chain).',
    axes: [
      { name: 'kind', label: 'request', levels: FETCH_KINDS },
      { name: 'chain', label: 'redirect via → to', levels: ['other-site', 'sub-site', 'site-port-site', 'site-other', 'site-sub', 'sub-other'] },
    ],
    rows: ['kind'],
    cols: ['chain'],
    levelsOf: byId(/^network\.fetch-metadata\.redirect\.(?<kind>[a-z-]+)\.(?<chain>[a-z-]+)$/),
  },
  {
    id: 'fetch-metadata-frame',
    title: 'Fetch Metadata from a frame: frame × request kind × target',
    area: 'network/fetch-metadata',
    note: 'Each cell: the request made by a frame in https://site.test (another site, or sandboxed with an opaque origin): Sec-Fetch-Site is the frame’s relation, not the page’s.',
    axes: [
      { name: 'frame', label: 'frame', levels: ['cross-site', 'sandboxed'] },
      { name: 'kind', label: 'request', levels: FETCH_KINDS },
      { name: 'target', label: 'target', levels: ['site', 'sub', 'other'] },
    ],
    rows: ['kind'],
    cols: ['frame', 'target'],
    levelsOf: byId(/^network\.fetch-metadata\.frame\.(?<frame>[a-z-]+)\.(?<kind>[a-z-]+)\.(?<target>[a-z-]+)$/),
  },
  {
    id: 'orb',
    title: 'Opaque Response Blocking (tentative): response × request',
    area: 'network/orb',
    note: 'Each cell: a no-cors request from https://site.test to https://other.test for the row’s response; blocked (a network error) or handed to the page, against the ORB model (whatwg/fetch#1442, not merged).',
    axes: [
      { name: 'response', label: 'response', levels: [] },
      { name: 'request', label: 'request', levels: ['fetch', 'script'] },
    ],
    rows: ['response'],
    cols: ['request'],
    levelsOf: byId(/^network\.orb\.(?<request>fetch|script)\.(?<response>[a-z0-9-]+)$/),
  },
  {
    id: 'local-network-access',
    title: 'Local Network Access: permission × page address space × target address space × request kind',
    area: 'network/local-network-access',
    note: 'Each cell: a request from a page in the row’s address space to a host in the column’s, with the page origin’s local-network and loopback-network permissions as the row says (set through the automation protocol); reaches the server, or never sent (a local network request without its permission, or from a page that is not a secure context).',
    axes: [
      { name: 'permission', label: 'permission', levels: LNA_PERMISSION_STATES, names: LNA_PERMISSION_NAMES },
      {
        name: 'page',
        label: 'page',
        levels: ['public', 'local', 'loopback', 'public-http'],
        names: { 'public-http': 'public (http)' },
      },
      { name: 'target', label: 'target', levels: ['public', 'local', 'loopback'] },
      {
        name: 'kind',
        label: 'request',
        levels: ['fetch-cors', 'fetch-no-cors', 'img', 'script', 'iframe', 'websocket', 'worker-websocket', 'worker-fetch', 'window-open', 'popup-location'],
        names: { ...LOAD_NAMES, 'worker-fetch': 'worker fetch', 'window-open': 'window.open', 'popup-location': 'popup location' },
      },
    ],
    rows: ['permission', 'page'],
    cols: ['target', 'kind'],
    levelsOf: byId(
      /^network\.lna\.(?:(?<permission>granted|denied|local-network-only|loopback-network-only)\.)?(?<page>public|local|loopback|public-http)\.(?<kind>fetch-cors|fetch-no-cors|img|script|iframe|websocket|worker-websocket|worker-fetch|window-open|popup-location)\.(?<target>public|local|loopback)$/,
      { permission: 'none' },
    ),
  },
  {
    id: 'local-network-access-target',
    title: 'Local Network Access: fetch() with targetAddressSpace',
    area: 'network/local-network-access',
    note: 'Each cell: fetch() from a page in the row’s address space naming the column’s targetAddressSpace for the target host, with the permissions as the row says; in that space the check passes (then the permission decides), in another it is a network error.',
    axes: [
      { name: 'permission', label: 'permission', levels: ['none', 'granted'], names: LNA_PERMISSION_NAMES },
      { name: 'page', label: 'page', levels: ['public', 'local', 'loopback'] },
      { name: 'named', label: 'targetAddressSpace', levels: ['local', 'loopback'] },
      { name: 'target', label: 'target', levels: ['lna-local', 'lna-loopback', 'site'] },
    ],
    rows: ['permission', 'page'],
    cols: ['named', 'target'],
    levelsOf: byId(/^network\.lna\.(?:(?<permission>granted)\.)?(?<page>public|local|loopback)\.fetch-target-(?<named>local|loopback)\.(?<target>[a-z-]+)$/, {
      permission: 'none',
    }),
  },
];

const PARTITION_CONTEXTS = [
  'page',
  'page-frame',
  'a-in-b-in-a',
  'a-in-b',
  'page-credentialless',
  'page-credentialless-sibling',
  'b-first-party',
  'b-first-party-frame',
  'b-in-b-sub',
  'b-in-a',
  'b-in-a-port',
  'b-credentialless-in-a',
  'b-credentialless-in-a-sibling',
];
const DOCUMENT_SIDE: FamilyDef[] = [
  {
    id: 'storage-partition',
    title: 'Storage partitioning: writer × reader × storage API',
    area: 'storage/partitioning',
    note: 'Each cell: a value written (posted, registered, held, created) in the row’s context and looked for in the column’s, per storage API; a = site.test, b = other.test; visible or not, per engine.',
    axes: [
      { name: 'writer', label: 'written in', levels: PARTITION_CONTEXTS },
      { name: 'reader', label: 'read in', levels: PARTITION_CONTEXTS },
      {
        name: 'api',
        label: 'storage API',
        levels: ['local', 'session', 'idb', 'cache', 'broadcast', 'shared-worker', 'service-worker', 'locks', 'blob-url'],
      },
    ],
    rows: ['writer', 'reader'],
    cols: ['api'],
    levelsOf: byId(/^storage\.partition\.(?<api>[a-z-]+)\.(?<writer>[a-z-]+)\.to\.(?<reader>[a-z-]+)$/),
  },
  {
    id: 'dip-frames',
    title: 'Document-Isolation-Policy: policy × where the document is',
    area: 'isolation/dip',
    note: 'Each cell: a frame or popup on https://site.test’s page that sends the column’s policy; crossOriginIsolated, per engine.',
    axes: [
      { name: 'via', label: 'as', levels: ['frame', 'popup'] },
      { name: 'relation', label: 'document is', levels: RELATION.map((r) => (r === 'other-site' ? 'cross-site' : r)) },
      { name: 'policy', label: 'Document-Isolation-Policy', levels: ['require-corp', 'credentialless', 'none', 'unknown', 'report-only'] },
    ],
    rows: ['via', 'relation'],
    cols: ['policy'],
    levelsOf: byId(/^isolation\.dip\.(?<via>frame|popup)\.(?<relation>[a-z-]+)\.(?<policy>[a-z-]+)$/),
  },
  {
    id: 'coi-allow',
    title: 'allow="cross-origin-isolated": frame × allow attribute, in an isolated page',
    area: 'isolation/allow',
    note: 'Each cell: a frame (COEP require-corp, CORP cross-origin) of a COOP+COEP page, with the column’s allow attribute; crossOriginIsolated, per engine.',
    axes: [
      { name: 'relation', label: 'frame is', levels: ['same-origin', 'same-site', 'other-port', 'cross-site'] },
      {
        name: 'allow',
        label: 'allow=',
        levels: ['absent', 'src', 'none', 'star'],
        names: { absent: '(absent)', src: 'cross-origin-isolated', none: "cross-origin-isolated 'none'", star: 'cross-origin-isolated *' },
      },
    ],
    rows: ['relation'],
    cols: ['allow'],
    levelsOf: byId(/^isolation\.allow\.(?<relation>[a-z-]+)\.(?<allow>absent|src|none|star)$/),
  },
];

export const FAMILIES: FamilyDef[] = [...WINDOW_PROXY, ...ISOLATION, ...DOCUMENT_SIDE, ...CORS, ...NETWORK];

/** The family a scenario belongs to (the first whose area and pattern match) and its levels. */
export function familyOf(area: string, id: string, title: string): { family: FamilyDef; levels: Record<string, string> } | undefined {
  for (const family of FAMILIES) {
    if (family.area !== area) continue;
    const levels = family.levelsOf(id, title);
    if (levels) return { family, levels };
  }
  return undefined;
}
