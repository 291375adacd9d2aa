/**
 * Titles of the generated CORS scenarios as sentences, from their axis levels (generated.ts),
 * and the record of those levels per scenario id, which the report uses to draw each family as
 * a grid along its axes (reporters/matrix/families.ts).
 */

type Row = Record<string, string>;

/** Axis levels of every generated CORS scenario, by id (filled as generated.ts builds them). */
export const CORS_AXES = new Map<string, Row>();

const REQUESTER: Record<string, string> = {
  'cross-site': 'A cross-site page',
  'same-site': 'A same-site page',
  null: 'A sandboxed (null-origin) frame',
};
const HEADERS: Record<string, string> = {
  none: '',
  safelisted: ' with Accept-Language',
  'ct-plain': ' with Content-Type text/plain',
  'ct-json': ' with Content-Type application/json',
  authorization: ' with Authorization',
  custom: ' with X-Op-Token',
};
const ACAO: Record<string, string> = {
  absent: 'no Access-Control-Allow-Origin',
  star: 'ACAO *',
  exact: 'ACAO naming its origin',
  other: 'ACAO naming another origin',
  null: 'ACAO null',
  slash: 'ACAO = its origin plus "/"',
  upper: 'ACAO = its origin upper-cased',
  'two-lines': 'two ACAO lines (its origin, another)',
  joined: 'ACAO "its origin, another" on one line',
  reflect: 'ACAO reflecting Origin',
  'hop1-missing': 'no ACAO on the first hop',
};
const ACAC: Record<string, string> = { absent: 'no ACAC', true: 'ACAC true', TRUE: 'ACAC TRUE', false: 'ACAC false' };
const ALLOW_METHODS: Record<string, string> = {
  absent: 'no Allow-Methods',
  listed: 'Allow-Methods naming the method',
  star: 'Allow-Methods *',
  lower: 'Allow-Methods lower-cased',
  other: 'Allow-Methods "GET, POST"',
};
const ALLOW_HEADERS: Record<string, string> = {
  absent: 'no Allow-Headers',
  listed: 'Allow-Headers naming them',
  star: 'Allow-Headers *',
  upper: 'Allow-Headers upper-cased',
  'star-listed': 'Allow-Headers "*" plus the names',
};
const EXPOSE: Record<string, string> = {
  absent: 'no Expose-Headers',
  listed: 'Expose-Headers X-Op-A',
  star: 'Expose-Headers *',
  'star-listed': 'Expose-Headers "*, X-Op-B"',
  'set-cookie': 'Expose-Headers "Set-Cookie, X-Op-A"',
  lower: 'Expose-Headers "x-op-a, x-op-b"',
};
const SHAPE: Record<string, string> = {
  'same-cross': 'redirected from its own origin to a cross-origin URL',
  'cross-cross': 'redirected from one cross-origin URL to another origin',
  'cross-same': 'redirected within one cross-origin server',
  'cross-back': 'redirected from a cross-origin URL back to its own origin',
};

const maxAge = (v: string) => (v === 'absent' ? 'no Max-Age' : `Max-Age ${v}`);
const preflight = (status: string) => `preflight answered ${status}`;

/** "A cross-site page sends PUT with X-Op-Token, credentials include" */
function request(r: Row, mode = ''): string {
  return `${REQUESTER[r.requester] ?? r.requester} sends ${r.method ?? 'GET'}${mode}${HEADERS[r.headers ?? 'none'] ?? ` with ${r.headers}`}, credentials ${r.credentials}`;
}

const SENTENCES: Record<string, (r: Row) => string> = {
  matrix: (r) =>
    `${request(r)}; the response has ${ACAO[r.acao]}, ${ACAC[r.acac]}, ${EXPOSE[r.expose]}; ${preflight(r.preflightStatus)} with ${ALLOW_METHODS[r.allowMethods]}, ${ALLOW_HEADERS[r.allowHeaders]}, ${maxAge(r.maxAge)}`,
  preflight: (r) =>
    `${request(r)}; ${preflight(r.preflightStatus)} with ${r.preflightAcao === 'absent' ? 'no ACAO' : ACAO[r.preflightAcao]}, ${ALLOW_METHODS[r.allowMethods]}, ${ALLOW_HEADERS[r.allowHeaders]}, ${maxAge(r.maxAge)}; the response itself allows the origin`,
  expose: (r) => `${request(r)}; the response has ${ACAO[r.acao]}, ACAC true and ${EXPOSE[r.expose]}`,
  redirect: (r) => `${request(r)}, ${SHAPE[r.shape] ?? r.shape} by a ${r.status}; each hop has ${ACAO[r.acao]}`,
  'no-cors': (r) => `${request(r, ' in no-cors mode')}; the response has ${r.acao === 'absent' ? 'no ACAO' : ACAO[r.acao]}`,
};

/** The sentence title of one generated scenario, from its axis levels. */
export function corsTitle(family: keyof typeof SENTENCES, row: Row): string {
  return SENTENCES[family](row);
}
