/**
 * One originproof scenario as a self-contained web-platform-tests test: a testharness.js page
 * (`<name>.https.html`, with a `.headers` file for the page's own headers) and a wptserve handler
 * serving the scenario's declared responses byte for byte (`resources/<name>.py`). Origins come
 * from WPT's get-host-info.sub.js, tokens from /common/utils.js; the expectation is the standard's
 * (the scenario's), asserted key by key with originproof's words, and the metadata cites the spec,
 * the scenario and every engine deviation originproof records for it. Pure: scenario in, files out.
 */
import type { Scenario } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { handlerSource } from './handler.ts';
import { exportedProbe } from './probes.ts';
import { CHECK_SOURCE } from './check.ts';
import { ORIGINS as CATALOG, originUrl, type OriginName } from '../../protocol/origins.ts';

/** Catalog origin → the same relation among WPT's hosts (get_host_info(), the page on HTTPS_ORIGIN). */
export const WPT_ORIGINS: Record<string, string> = {
  site: 'HOST.HTTPS_ORIGIN',
  sub: 'HOST.HTTPS_REMOTE_ORIGIN',
  www: 'HOST.AUTHENTICATED_ORIGIN',
  sitePort: "'https://' + HOST.ORIGINAL_HOST + ':' + HOST.HTTPS_PORT2",
  httpSite: 'HOST.HTTP_ORIGIN',
  httpSitePort: 'HOST.HTTP_ORIGIN_WITH_DIFFERENT_PORT',
  httpSub: 'HOST.HTTP_REMOTE_ORIGIN',
  other: 'HOST.HTTPS_NOTSAMESITE_ORIGIN',
  otherSub: "HOST.HTTPS_NOTSAMESITE_ORIGIN.replace('https://', 'https://www1.')",
  httpOther: 'HOST.HTTP_NOTSAMESITE_ORIGIN',
};

/** The same with the two sites swapped, for a page on \`other\` (it is then WPT's HTTPS_ORIGIN). */
const NOTSAMESITE_HOST = "HOST.HTTPS_NOTSAMESITE_ORIGIN.split('//')[1].split(':')[0]";
export const WPT_ORIGINS_SWAPPED: Record<string, string> = {
  other: 'HOST.HTTPS_ORIGIN',
  otherSub: 'HOST.HTTPS_REMOTE_ORIGIN',
  httpOther: 'HOST.HTTP_ORIGIN',
  site: 'HOST.HTTPS_NOTSAMESITE_ORIGIN',
  sub: "HOST.HTTPS_NOTSAMESITE_ORIGIN.replace('https://', 'https://www1.')",
  www: "HOST.HTTPS_NOTSAMESITE_ORIGIN.replace('https://', 'https://www2.')",
  sitePort: `'https://' + ${NOTSAMESITE_HOST} + ':' + HOST.HTTPS_PORT2`,
  httpSite: 'HOST.HTTP_NOTSAMESITE_ORIGIN',
  httpSitePort: `'http://' + ${NOTSAMESITE_HOST} + ':' + HOST.HTTP_PORT2`,
  httpSub: "HOST.HTTP_NOTSAMESITE_ORIGIN.replace('http://', 'http://www1.')",
};

/** The same with the site's two hosts swapped, for a page on \`sub\`. */
export const WPT_ORIGINS_SUB: Record<string, string> = {
  ...WPT_ORIGINS,
  sub: 'HOST.HTTPS_ORIGIN',
  site: 'HOST.HTTPS_REMOTE_ORIGIN',
  httpSub: 'HOST.HTTP_ORIGIN',
  httpSite: 'HOST.HTTP_REMOTE_ORIGIN',
  sitePort: "'https://' + HOST.REMOTE_HOST + ':' + HOST.HTTPS_PORT2",
  httpSitePort: 'HOST.HTTP_REMOTE_ORIGIN_WITH_DIFFERENT_PORT',
};

/**
 * The address-space hosts, as WPT places them (its RFC "address space overrides"): the test page's
 * own server is loopback, the `https-public` and `https-private` ports are overridden into the
 * public and local spaces by the runner (PORTS, as the server is configured).
 */
export const WPT_LNA_ORIGINS: Record<string, string> = {
  lnaPublic: "'https://' + HOST.ORIGINAL_HOST + ':' + PORTS['https-public']",
  lnaLocal: "'https://' + HOST.ORIGINAL_HOST + ':' + PORTS['https-private']",
  lnaLoopback: 'HOST.HTTPS_ORIGIN',
};

/** Pages an export runs in a popup it opens there (the test page itself is always HTTPS_ORIGIN). */
const POPUP_PAGES = ['lnaPublic'];

/** The WPT origin of each catalog origin, given where the page is; undefined when the page cannot be HTTPS_ORIGIN. */
export function wptOrigins(pageAt: string): Record<string, string> | undefined {
  if (POPUP_PAGES.includes(pageAt)) return WPT_LNA_ORIGINS;
  return ({ site: WPT_ORIGINS, other: WPT_ORIGINS_SWAPPED, sub: WPT_ORIGINS_SUB } as Record<string, Record<string, string>>)[pageAt];
}

/** The WPT helpers every export loads (each must be in the vendored index, helpers.json). */
export const EXPORT_HELPERS = ['/resources/testharness.js', '/resources/testharnessreport.js', '/common/get-host-info.sub.js', '/common/utils.js'];

export interface ExportNote {
  /** Why this scenario is exported: a recorded deviation, a parsing root cause. */
  heading: string;
  lines: string[];
}

export interface ExportedTest {
  name: string;
  /** Relative path → content. */
  files: Record<string, string>;
}

type Target = { at: string; response: string; query?: string; explicitPort?: boolean };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const comment = (s: string) => s.replace(/--/g, '- -');

/** Deep merge as the control patch means it: objects merge, arrays and values replace. */
function merge<T>(base: T, patch: unknown): T {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch) || !base || typeof base !== 'object' || Array.isArray(base)) return (patch ?? base) as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
  return out as T;
}

function originsUsed(s: Scenario, responses: Array<Record<string, DeclaredResponse>>): string[] {
  const names = new Set<string>([s.page?.at ?? 'site']);
  const text = JSON.stringify([s.probe, s.control ?? {}, responses]);
  for (const m of text.matchAll(/"at":"([A-Za-z]+)"/g)) names.add(m[1]);
  for (const m of text.matchAll(/\{\{(?:origin|url):([A-Za-z]+)/g)) names.add(m[1]);
  const expectations = JSON.stringify(tokenized([s.expect, s.control?.expect ?? {}]));
  for (const m of expectations.matchAll(/\{\{origin:([A-Za-z]+)\}\}/g)) names.add(m[1]);
  return [...names].sort();
}

/** Why a scenario cannot be exported as it stands, or undefined. */
export function notExportable(s: Scenario): string | undefined {
  const table = wptOrigins(s.page?.at ?? 'site');
  if (!table) return `its page is on ${s.page?.at}; an export's page is WPT's HTTPS_ORIGIN, which stands for site, sub or other (or lnaPublic, in a popup)`;
  if (POPUP_PAGES.includes(s.page?.at ?? '') && s.probe.kind !== 'fetch')
    return `its page is on ${s.page?.at}, where an export runs only a fetch probe (in a popup)`;
  if (Object.values(s.responses ?? {}).some((d) => d.websocket?.origins))
    return "its WebSocket endpoint accepts only some origins; WPT's echo handler accepts every origin";
  if (s.page?.cookies?.length && JSON.stringify([s.expect, s.control ?? {}, s.deviations ?? {}]).includes('"cookies"'))
    return 'its page sets cookies first and its expectation names the cookies sent';
  // The export grants nothing: a refusal that holds with a granted permission holds without it, nothing else does.
  if (s.page?.grants?.length && !(s.expect.blocked && s.page.grants.every((g) => g.state === 'granted')))
    return 'its page is granted or denied permissions first and its expectation depends on them (an export grants nothing)';
  const ctx = s.probe.context ?? [];
  if (ctx.length > 1 || ctx.some((c) => c.via !== 'iframe' || c.sandbox || c.credentialless)) return 'it runs inside a popup, a sandboxed or nested frame';
  const probe = exportedProbe(s.probe.kind, s.probe.params, ctx.length > 0);
  if (typeof probe === 'string') return probe;
  const expectations = [s.expect, ...(s.control ? [s.control.expect] : [])];
  for (const e of expectations) {
    const extra = Object.keys(e.observation).filter((k) => !probe.keys.includes(k));
    if (extra.length) return `its expectation names ${extra.join(', ')}, which the exported ${s.probe.kind} probe does not report`;
    for (const ev of Object.values(e.evidence ?? {})) if ('reached' in ev) return 'its evidence names the origin a request reached';
  }
  const targets = JSON.stringify(s.probe.params);
  if (/"explicitPort":true/.test(targets) || (/"mailbox"/.test(targets) && !['popup', 'sequence'].includes(s.probe.kind)))
    return 'its target spells the default port or posts to a mailbox';
  if (s.probe.kind === 'popup' && Object.keys(s.probe.params).some((k) => !['open', 'waitMs'].includes(k)))
    return 'its popup is opened otherwise than by window.open alone';
  // A redirect that hands its mailbox on ({{url:NAME:RESPONSE:MAILBOX}}): the document that reports is
  // not the one the popup opened, and the exported popup waits for the report of the URL it opened.
  if (/\{\{url:[^}:]+:[^}:]+:[^}:]+\}\}/.test(JSON.stringify(s.responses ?? {})))
    return 'its popup reaches its document through a redirect that names a mailbox (the exported popup waits for the report of the URL it opens)';
  const unknown = originsUsed(s, [s.responses ?? {}]).filter((o) => !(o in table));
  if (unknown.length) return `it uses origins with no WPT counterpart: ${unknown.join(', ')}`;
  return undefined;
}

/** An expectation with every catalog origin it names as a token the test resolves (`{{origin:NAME}}`). */
function tokenized(value: unknown): unknown {
  if (typeof value === 'string') {
    const name = (Object.keys(CATALOG) as OriginName[]).find((n) => originUrl(n) === value);
    return name ? `{{origin:${name}}}` : value;
  }
  if (Array.isArray(value)) return value.map(tokenized);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tokenized(v)]));
  return value;
}

/** Catalog origins written out in declared header values, as tokens the handler fills with WPT's origins. */
function withOriginTokens(responses: Record<string, DeclaredResponse>): Record<string, DeclaredResponse> {
  const names = (Object.keys(CATALOG) as OriginName[]).sort((a, b) => originUrl(b).length - originUrl(a).length);
  const fill = (v: string) =>
    names.reduce((out, n) => out.replace(new RegExp(`${originUrl(n).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w.:-])`, 'g'), `{{origin:${n}}}`), v);
  const one = <T extends { headers?: Array<[string, string]> }>(d: T): T =>
    d.headers ? { ...d, headers: d.headers.map(([n, v]) => [n, fill(v)] as [string, string]) } : d;
  return Object.fromEntries(Object.entries(responses).map(([k, d]) => [k, { ...one(d), ...(d.preflight ? { preflight: one(d.preflight) } : {}) }]));
}

const urlIn = (set: string) => (t: Target) =>
  `responseUrl(id, ${JSON.stringify(set)}, ${JSON.stringify(t.at)}, ${JSON.stringify(t.response)}${t.query ? `, ${JSON.stringify(t.query)}` : ''})`;

/** A value as a JavaScript expression, every target in it (at any depth) an object with its \`url\`. */
function withTargetUrls(value: unknown, set: string): string {
  if (Array.isArray(value)) return `[${value.map((v) => withTargetUrls(v, set)).join(', ')}]`;
  if (!value || typeof value !== 'object') return JSON.stringify(value);
  const o = value as Record<string, unknown>;
  const isTarget = typeof o.at === 'string' && typeof o.response === 'string';
  const rest = Object.entries(o).filter(([k]) => !isTarget || !['at', 'response', 'query', 'mailbox'].includes(k));
  const parts = rest.map(([k, v]) => `${JSON.stringify(k)}: ${withTargetUrls(v, set)}`);
  if (isTarget) parts.push(`url: ${urlIn(set)(o as unknown as Target)}`);
  return `{ ${parts.join(', ')} }`;
}

/** The probe's params with each target replaced by the URL expression the test builds. */
function paramsAndUrl(params: Record<string, unknown>, context: Scenario['probe']['context'], set: string): { params: string; url: string } {
  const urlOf = urlIn(set);
  if (Array.isArray(params.steps)) return { params: withTargetUrls(params, set), url: "'about:blank'" };
  const rest = { ...params };
  // The probe's own target; a window-access probe names its frame in \`open\` (its \`target\` says which window), a popup probe its document.
  const ref = rest.target && typeof rest.target === 'object' ? 'target' : 'open';
  const target = (context?.[0] ?? rest[ref]) as Target | undefined;
  delete rest[ref];
  // The submission's arrival is the server's evidence: the exported form waits for its frame instead.
  delete rest.until;
  // A second document the probe goes through first (a local-scheme popup's same-origin page).
  const via = rest.via && typeof rest.via === 'object' ? (rest.via as Target) : undefined;
  delete rest.via;
  // The frame's permissions policy, when the context declares one.
  if (context?.[0]?.allow) rest.allow = context[0].allow;
  const json = rest.setCookies ? withTargetUrls(rest, set) : JSON.stringify(rest);
  return { params: via ? `Object.assign(${json}, { via: ${urlOf(via)} })` : json, url: target ? urlOf(target) : "'about:blank'" };
}

function testBlock(title: string, params: { params: string; url: string }, expected: Scenario['expect'], withEvidence: boolean): string {
  const evidence = withEvidence && expected.evidence && Object.keys(expected.evidence).length ? expected.evidence : undefined;
  return `promise_test(async (t) => {
  const id = token();
  const observed = await probe(${params.params}, ${params.url});
  check(observed, ${JSON.stringify(tokenized(expected.observation))}, 'observation');${
    evidence
      ? `
  check(await evidence(id), ${JSON.stringify(tokenized(evidence))}, 'evidence');`
      : ''
  }
}, ${JSON.stringify(title)});`;
}

const PORTS_SOURCE = `
// WPT's address-space (https-public, https-private) and WebSocket (ws, wss) ports, as this server is configured.
const PORTS = (() => {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', HANDLER + '?ports=1', false);
  xhr.send();
  return JSON.parse(xhr.responseText);
})();`;

/** The probe, run in a top-level document of the scenario's page origin that the test page opens (an address-space page). */
const IN_PAGE_POPUP = `// The scenario's page is in another address space than the test page: the probe runs in a
// top-level document there (a popup the test page opens) and posts its observation back.
async function probe(p, url) {
  const w = window.open(responseUrl(token(), 'page', PAGE, 'page'), '_blank');
  const answer = (ready) =>
    new Promise((resolve) => {
      const on = (e) => {
        if (e.source !== w || (e.data === 'ready') !== ready) return;
        removeEventListener('message', on);
        resolve(e.data);
      };
      addEventListener('message', on);
    });
  await answer(true);
  const observed = answer(false);
  w.postMessage({ p, url }, '*');
  // A request the engine holds (a permission prompt nobody answers) never settles.
  const result = await Promise.race([observed, new Promise((r) => step_timeout(() => r({ resolved: false, error: 'no answer within 8 s' }), 8000))]);
  w.close();
  return result;
}`;

/** The page document IN_PAGE_POPUP opens: the probe itself, answering the opener. */
function pageDocument(source: string): DeclaredResponse {
  const body = `<!doctype html><meta charset="utf-8"><script>
${source}
addEventListener('message', async (e) => e.source.postMessage(await probe(e.data.p, e.data.url), '*'));
opener.postMessage('ready', '*');
</script>`;
  return { headers: [['Content-Type', 'text/html; charset=utf-8']], body };
}

/**
 * A storage-access probe's page cookies, set first-party first by a document of each origin (the
 * scenario's agent; Domain left out, WPT's hosts are not the catalog's).
 */
function cookiesFirst(s: Scenario): Record<string, unknown> {
  if (s.probe.kind !== 'storage-access' || !s.page?.cookies?.length) return {};
  const agent = Object.entries(s.responses ?? {}).find(([, d]) => d.kind === 'agent')?.[0];
  if (!agent) return {};
  return { setCookies: s.page.cookies.map((c) => ({ at: c.at, response: agent, setCookie: c.setCookie.replace(/;\s*Domain=[^;]*/i, '') })) };
}

function metadata(s: Scenario, notes: ExportNote[], evidenceNotCarried?: string): string {
  const deviations = Object.entries(s.deviations ?? {}).map(([engine, d]) => `    ${engine}: ${d!.reason} (${d!.link})`);
  const lines = [
    `Exported by originproof export-wpt from scenario ${s.id} (area ${s.area}).`,
    `Expectation: the standard's (${s.spec.map((c) => c.section).join('; ')}).`,
    ...notes.flatMap((n) => [n.heading, ...n.lines.map((l) => `    ${l}`)]),
    ...(s.page?.grants?.length
      ? [
          `originproof grants ${s.page.grants.map((g) => `${g.name} (${g.state})`).join(', ')} first through the automation protocol; this test grants nothing, so it holds only where the standard's answer does not depend on the grant.`,
        ]
      : []),
    ...(evidenceNotCarried ? [`Checked here: what the page observes; ${evidenceNotCarried}.`] : []),
    ...(deviations.length ? ["originproof's recorded engine deviations for this scenario:", ...deviations] : []),
    'Drop this directory into a web-platform-tests checkout and open the .https.html file (./wpt serve).',
  ];
  return lines.map((l) => `  ${comment(l)}`).join('\n');
}

/** The exported test for a scenario; throws naming the cause when it cannot be exported. */
export function exportScenario(s: Scenario, name: string, notes: ExportNote[] = []): ExportedTest {
  const why = notExportable(s);
  if (why) throw new Error(`originproof export-wpt: scenario ${s.id} cannot be exported: ${why}`);
  const ctx = s.probe.context;
  const probe = exportedProbe(s.probe.kind, s.probe.params, !!ctx?.length) as Exclude<ReturnType<typeof exportedProbe>, string>;
  const control = s.control;
  // A copy: moving the control's target home must not move the scenario's.
  const controlParams = control ? ({ ...merge(s.probe.params, control.patch?.probe?.params) } as Record<string, unknown>) : undefined;
  const pageAt = s.page?.at ?? 'site';
  const table = wptOrigins(pageAt)!;
  if (control?.sameOrigin && controlParams) {
    const ref = typeof controlParams.target === 'string' ? 'open' : 'target';
    if (controlParams[ref]) controlParams[ref] = { ...(controlParams[ref] as Target), at: pageAt };
  }
  const controlContext = control?.sameOrigin ? ctx?.map((c) => ({ ...c, at: pageAt })) : (control?.patch?.probe?.context ?? ctx);
  const inPopup = POPUP_PAGES.includes(pageAt);
  const responses = {
    test: withOriginTokens(s.responses ?? {}),
    ...(control ? { control: withOriginTokens(merge(s.responses ?? {}, control.patch?.responses)) } : {}),
    ...(inPopup ? { page: { page: pageDocument(probe.source) } } : {}),
  };
  const origins = originsUsed(s, Object.values(responses));
  const helpers = EXPORT_HELPERS.map((h) => `<script src="${h}"></script>`).join('\n');
  const html = `<!doctype html>
<meta charset="utf-8">
<title>${esc(s.title)}</title>
${s.spec.map((c) => `<link rel="help" href="${esc(c.url)}">`).join('\n')}
<meta name="assert" content="${esc(s.title)}">${probe.long || inPopup ? '\n<meta name="timeout" content="long">' : ''}
<!--
${metadata(s, notes, probe.evidenceNotCarried)}
-->
${helpers}
<body>
<script>
'use strict';
${probe.setup ? `setup(${probe.setup});\n` : ''}const HOST = get_host_info();
const HANDLER = new URL('resources/${name}.py', location.href).pathname;${inPopup || probe.webSocketPorts ? PORTS_SOURCE : ''}
// originproof's catalog origins, as WPT's hosts stand in the same relation to the page.
const ORIGINS = { ${origins.map((o) => `${o}: ${table[o]}`).join(', ')} };
const PAGE = ${JSON.stringify(pageAt)};

function responseUrl(id, set, at, response, query) {
  const o = encodeURIComponent(JSON.stringify(ORIGINS));
  return ORIGINS[at] + HANDLER + '?token=' + id + '&set=' + set + '&r=' + response + '&o=' + o + (query ? '&' + query : '');
}

${inPopup ? IN_PAGE_POPUP : probe.source}

${CHECK_SOURCE}

${testBlock(`${s.title} (the standard's expectation)`, paramsAndUrl({ ...s.probe.params, ...cookiesFirst(s) }, ctx, 'test'), s.expect, !probe.evidenceNotCarried)}
${control && controlParams ? `\n${testBlock(`control: the same probe where it must succeed`, paramsAndUrl({ ...controlParams, ...cookiesFirst(s) }, controlContext, 'control'), { ...control.expect, blocked: false }, !probe.evidenceNotCarried)}\n` : ''}</script>
`;
  const files: Record<string, string> = {
    [`${name}.https.html`]: html,
    [`resources/${name}.py`]: handlerSource(s.id, responses, probe.agentBody ?? ''),
  };
  if (s.page?.headers?.length) files[`${name}.https.html.headers`] = s.page.headers.map(([n, v]) => `${n}: ${v}`).join('\n') + '\n';
  return { name, files };
}
