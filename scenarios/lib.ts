/**
 * The response kit: the declared responses scenarios are built from, spelled once. Each takes
 * extra header lines (CORS, CORP, COEP, X-Frame-Options…), appended after its own.
 * Citations live in harness/citations/registry.ts; scenarios cite them by id.
 */
import type { DeclaredResponse } from '../protocol/declared-response.ts';

type Lines = Array<[string, string]>;

function withHeaders(base: DeclaredResponse, extra: Lines): DeclaredResponse {
  return extra.length ? { ...base, headers: [...(base.headers ?? []), ...extra] } : base;
}

/** An agent document: loads the probe runtime and obeys the runner (frames, popups, contexts). */
export function agent(extra: Lines = []): DeclaredResponse {
  return withHeaders({ kind: 'agent' }, extra);
}
export const AGENT: DeclaredResponse = agent();

/** The secret JSON a cross-origin read tries to get. */
export const DATA_BODY = '{"secret":"originproof"}';
export function data(extra: Lines = [], body = DATA_BODY): DeclaredResponse {
  return withHeaders({ headers: [['Content-Type', 'application/json']], body }, extra);
}
export const DATA: DeclaredResponse = data();
/** The same data, readable by the origins `Access-Control-Allow-Origin` names (controls of blocked reads). */
export function readableBy(allowOrigin: string): DeclaredResponse {
  return data([['Access-Control-Allow-Origin', allowOrigin]]);
}

/** A plain-text sink for requests whose arrival (and cookies) the server log proves. */
export function text(extra: Lines = [], body = 'originproof'): DeclaredResponse {
  return withHeaders({ headers: [['Content-Type', 'text/plain']], body }, extra);
}
export const TEXT: DeclaredResponse = text();

/** An HTML document with no runtime (navigation and form targets). */
export function htmlDoc(extra: Lines = []): DeclaredResponse {
  return withHeaders({ headers: [['Content-Type', 'text/html; charset=utf-8']], body: '<!doctype html><title>originproof target</title><p>target' }, extra);
}
export const HTML_DOC: DeclaredResponse = htmlDoc();

/** A valid 2×2 PNG. */
export function image(extra: Lines = []): DeclaredResponse {
  return withHeaders({ kind: 'png' }, extra);
}
export const PNG: DeclaredResponse = image();

/** 0.1 s of silence (audio/video elements). */
export const WAV: DeclaredResponse = { kind: 'wav' };

/** A classic or module script. */
export function script(body: string, extra: Lines = []): DeclaredResponse {
  return withHeaders({ headers: [['Content-Type', 'text/javascript']], body }, extra);
}

/** A style sheet. */
export function stylesheet(body: string, extra: Lines = []): DeclaredResponse {
  return withHeaders({ headers: [['Content-Type', 'text/css']], body }, extra);
}

/**
 * What a no-cors fetch of another origin's response resolves to: an opaque response, status 0,
 * nothing of the body readable. Scenarios about cookies on such a fetch expect it too, so a
 * switched-off boundary (a readable "basic" response) cannot pass them.
 */
export const OPAQUE = { resolved: true, type: 'opaque', status: 0, bodyReadable: false, body: '' } as const;
