/**
 * Opaque Response Blocking: what a cross-site no-cors response may reach https://site.test as —
 * fetch(…, { mode: 'no-cors' }) resolving to an opaque response or rejecting, a classic <script>
 * firing load or error — by MIME type, X-Content-Type-Options: nosniff, the bytes, and the
 * status. Expectations come from the ORB model (harness/model/fetch/orb.ts); ORB is still a pull
 * request against Fetch (whatwg/fetch#1442), so this area is tentative. Every row's request
 * reaches the server either way (ORB judges the response), and every blocked row has the same
 * request to the page's own origin as its control (a same-origin response is never opaque).
 */
import { orbAllows, type OrbResponse } from '../../harness/model/fetch/orb.ts';
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { DATA_BODY } from '../lib.ts';

const area = 'network/orb';
const JS = 'var originproofOrb = 1;';
const JS_ISH = 'originproof';
const HTML = '<!doctype html><title>secret</title><p>originproof';

interface Row {
  slug: string;
  what: string;
  status?: number;
  contentType: string | null;
  nosniff?: boolean;
  body: 'json' | 'html' | 'xml' | 'js' | 'js-ish' | 'png' | 'wav' | 'csv' | 'css' | 'svg';
}

const ROWS: Row[] = [
  { slug: 'json', what: 'JSON as application/json', contentType: 'application/json', body: 'json' },
  { slug: 'json-nosniff', what: 'JSON as application/json, nosniff', contentType: 'application/json', nosniff: true, body: 'json' },
  { slug: 'json-charset', what: 'JSON as application/json; charset=utf-8', contentType: 'application/json; charset=utf-8', body: 'json' },
  { slug: 'ld-json', what: 'JSON as application/ld+json', contentType: 'application/ld+json', body: 'json' },
  { slug: 'html', what: 'HTML as text/html', contentType: 'text/html', body: 'html' },
  { slug: 'html-nosniff', what: 'HTML as text/html, nosniff', contentType: 'text/html', nosniff: true, body: 'html' },
  { slug: 'xml', what: 'XML as application/xml', contentType: 'application/xml', body: 'xml' },
  { slug: 'text-js-ish', what: 'text/plain whose body parses as JavaScript', contentType: 'text/plain', body: 'js-ish' },
  { slug: 'text-nosniff', what: 'text/plain, nosniff', contentType: 'text/plain', nosniff: true, body: 'js-ish' },
  { slug: 'text-json', what: 'JSON as text/plain', contentType: 'text/plain', body: 'json' },
  { slug: 'javascript', what: 'JavaScript as text/javascript', contentType: 'text/javascript', body: 'js' },
  { slug: 'javascript-nosniff', what: 'JavaScript as text/javascript, nosniff', contentType: 'text/javascript', nosniff: true, body: 'js' },
  { slug: 'json-as-javascript', what: 'JSON labelled text/javascript', contentType: 'text/javascript', body: 'json' },
  { slug: 'css', what: 'a style sheet as text/css', contentType: 'text/css', body: 'css' },
  { slug: 'svg', what: 'SVG as image/svg+xml', contentType: 'image/svg+xml', body: 'svg' },
  { slug: 'png', what: 'a PNG as image/png', contentType: 'image/png', body: 'png' },
  { slug: 'png-nosniff', what: 'a PNG as image/png, nosniff', contentType: 'image/png', nosniff: true, body: 'png' },
  { slug: 'png-as-json', what: 'a PNG labelled application/json', contentType: 'application/json', body: 'png' },
  { slug: 'png-as-json-nosniff', what: 'a PNG labelled application/json, nosniff', contentType: 'application/json', nosniff: true, body: 'png' },
  { slug: 'json-as-png', what: 'JSON labelled image/png', contentType: 'image/png', body: 'json' },
  { slug: 'wav', what: 'a WAV as audio/wav', contentType: 'audio/wav', body: 'wav' },
  { slug: 'json-as-video', what: 'JSON labelled video/mp4', contentType: 'video/mp4', body: 'json' },
  { slug: 'no-type-json', what: 'JSON with no Content-Type', contentType: null, body: 'json' },
  { slug: 'no-type-json-nosniff', what: 'JSON with no Content-Type, nosniff', contentType: null, nosniff: true, body: 'json' },
  { slug: 'octet-js', what: 'JavaScript as application/octet-stream', contentType: 'application/octet-stream', body: 'js' },
  { slug: 'octet-json', what: 'JSON as application/octet-stream', contentType: 'application/octet-stream', body: 'json' },
  { slug: 'csv', what: 'text/csv', contentType: 'text/csv', body: 'csv' },
  { slug: '404-javascript', what: 'a 404 as text/javascript', status: 404, contentType: 'text/javascript', body: 'js' },
  { slug: '404-text-js-ish', what: 'a 404 as text/plain whose body parses as JavaScript', status: 404, contentType: 'text/plain', body: 'js-ish' },
  { slug: '206-json', what: 'a 206 range of application/json', status: 206, contentType: 'application/json', body: 'json' },
];

const BODIES: Record<Row['body'], { body?: string; kind?: 'png' | 'wav'; media: boolean; js: boolean }> = {
  json: { body: DATA_BODY, media: false, js: false },
  html: { body: HTML, media: false, js: false },
  xml: { body: '<secret>originproof</secret>', media: false, js: false },
  js: { body: JS, media: false, js: true },
  'js-ish': { body: JS_ISH, media: false, js: true },
  csv: { body: 'secret,originproof\n', media: false, js: false },
  css: { body: '#op-none { color: red }', media: false, js: false },
  svg: { body: '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>', media: false, js: false },
  png: { kind: 'png', media: true, js: false },
  wav: { kind: 'wav', media: true, js: false },
};

function response(r: Row): DeclaredResponse {
  const b = BODIES[r.body];
  const headers: Array<[string, string]> = [];
  if (r.contentType !== null) headers.push(['Content-Type', r.contentType]);
  if (r.nosniff) headers.push(['X-Content-Type-Options', 'nosniff']);
  if (r.status === 206) headers.push(['Content-Range', `bytes 0-${DATA_BODY.length - 1}/${DATA_BODY.length}`]);
  // A png or wav body keeps the declared Content-Type; the renderer adds its own only when none is declared.
  return { ...(r.status ? { status: r.status } : {}), ...(b.kind ? { kind: b.kind } : { body: b.body }), headers };
}

function model(r: Row) {
  const b = BODIES[r.body];
  const input: OrbResponse = {
    status: r.status ?? 200,
    contentType: r.contentType,
    nosniff: !!r.nosniff,
    sniffsAsMedia: b.media,
    parsesAsJavaScriptNotJson: b.js,
  };
  return orbAllows(input);
}

function fetchRow(r: Row): ScenarioInput {
  const { allowed, step } = model(r);
  return {
    id: `network.orb.fetch.${r.slug}`,
    area,
    title: `fetch(no-cors) of ${r.what} from https://other.test: ${allowed ? 'an opaque response' : 'blocked, a network error'} (ORB step ${step})`,
    spec: ['orb', 'mainFetch'],
    responses: { res: response(r) },
    probe: { kind: 'fetch', params: { target: { at: 'other', response: 'res' }, mode: 'no-cors' } },
    expect: allowed
      ? { blocked: false, observation: { resolved: true, type: 'opaque', bodyReadable: false }, evidence: { res: { arrived: true } } }
      : { blocked: true, observation: { resolved: false, error: 'TypeError' }, evidence: { res: { arrived: true } } },
    ...(allowed ? {} : { control: { sameOrigin: true, expect: { observation: { resolved: true, type: 'basic' } } } }),
  };
}

/** A classic script: ORB's network error fires error; an allowed response runs (or fails to parse) and fires load. */
function scriptRow(r: Row): ScenarioInput {
  const { allowed, step } = model(r);
  return {
    id: `network.orb.script.${r.slug}`,
    area,
    title: `<script> of ${r.what} from https://other.test: ${allowed ? 'load' : 'blocked, error'} (ORB step ${step})`,
    spec: ['orb', 'scriptFetch'],
    responses: { res: response(r) },
    probe: { kind: 'embed', params: { element: 'script', target: { at: 'other', response: 'res' } } },
    expect: allowed
      ? { blocked: false, observation: { event: 'load' }, evidence: { res: { arrived: true } } }
      : { blocked: true, observation: { event: 'error' }, evidence: { res: { arrived: true } } },
    // Every script row has its control: Chromium's recorded deviation has an error where ORB allows.
    control: { sameOrigin: true, expect: { observation: { event: 'load' } } },
  };
}

/** Script rows only where HTML's own script checks do not decide first (nosniff, media and CSV types block any script). */
const SCRIPT_ROWS = [
  'json',
  'json-charset',
  'ld-json',
  'html',
  'xml',
  'text-js-ish',
  'text-json',
  'json-as-javascript',
  'no-type-json',
  'octet-js',
  'octet-json',
];

export const scenarios: ScenarioInput[] = [...ROWS.map(fetchRow), ...ROWS.filter((r) => SCRIPT_ROWS.includes(r.slug)).map(scriptRow)];

/** The rows where ORB says network error, for the engines' recorded deviations (scenarios/deviations/). */
export const ORB_BLOCKED = {
  fetch: ROWS.filter((r) => !model(r).allowed).map((r) => `network.orb.fetch.${r.slug}`),
  script: ROWS.filter((r) => SCRIPT_ROWS.includes(r.slug) && !model(r).allowed).map((r) => `network.orb.script.${r.slug}`),
};
