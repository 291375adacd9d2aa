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

/** Where each engine stands on ORB, for its recorded deviations. */
const ORB_AT = {
  chromium: 'https://github.com/annevk/orb/issues/39',
  chromiumSniff: 'https://chromestatus.com/feature/5166834424217600',
  firefox: 'https://github.com/annevk/orb/issues/43',
  webkit: 'https://github.com/WebKit/standards-positions/issues/64',
} as const;

/** What fetch() gets where ORB says network error: every engine hands it an opaque response instead. */
const FETCH_NOT_ERRORED = {
  chromium: {
    observed: { resolved: true, type: 'opaque', error: null },
    reason: "Chromium's ORB (v0.1/v0.2) replaces a blocked response with an empty one instead of a network error, so fetch() resolves to an opaque response",
    link: ORB_AT.chromium,
  },
  firefox: {
    observed: { resolved: true, type: 'opaque', error: null },
    reason: "Firefox's ORB clears the blocked response's body but lets fetch() resolve to an opaque response (a network error broke sites)",
    link: ORB_AT.firefox,
  },
  webkit: {
    observed: { resolved: true, type: 'opaque', error: null },
    reason: 'WebKitGTK has no ORB (WebKit supports the proposal but has not shipped it): every no-cors response reaches the page as an opaque response',
    link: ORB_AT.webkit,
  },
} as const;

/** Scripts: Chromium and Firefox block as ORB says, with two Chromium exceptions; WebKitGTK runs everything. */
function scriptDeviations(r: Row, allowed: boolean) {
  const out: Record<string, { observed: { event: 'load' | 'error' }; reason: string; link: string }> = {};
  if (!allowed) {
    out.webkit = {
      observed: { event: 'load' },
      reason: 'WebKitGTK has no ORB: the cross-site response is handed to the script element, which fires load',
      link: ORB_AT.webkit,
    };
  }
  if (!allowed && r.body === 'xml') {
    out.chromium = {
      observed: { event: 'load' },
      reason:
        "Chromium's ORB blocks an XML-labelled response only when its body also sniffs as XML (`<?xml`), and has no JavaScript-parse step: this one loads",
      link: ORB_AT.chromiumSniff,
    };
  }
  if (allowed && r.slug === 'json-as-javascript') {
    out.chromium = {
      observed: { event: 'error' },
      reason: "Chromium's ORB sniffs a JavaScript-labelled response and blocks one whose body is JSON, which ORB allows on the MIME type alone (step 3.1)",
      link: ORB_AT.chromiumSniff,
    };
  }
  return out;
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
      ? { blocked: false, observation: { resolved: true, type: 'opaque' }, evidence: { res: { arrived: true } } }
      : { blocked: true, observation: { resolved: false, error: 'TypeError' }, evidence: { res: { arrived: true } } },
    ...(allowed ? {} : { control: { sameOrigin: true, expect: { observation: { resolved: true, type: 'basic' } } }, deviations: FETCH_NOT_ERRORED }),
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
    // Every script row has its control: Chromium's deviation below records an error where ORB allows.
    control: { sameOrigin: true, expect: { observation: { event: 'load' } } },
    deviations: scriptDeviations(r, allowed),
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
