/**
 * Served-as-declared: each declared response a probe's requests got must have gone out with the
 * status and header lines its declaration renders to (protocol/render.ts, the one renderer). The
 * server logs the head it really wrote (LoggedRequest.sent); a difference means the fixture
 * server, not the engine, misbehaved, and the row is an infrastructure error, never a verdict.
 * Framing lines (Content-Length, Date, Connection, Keep-Alive, Transfer-Encoding) are the
 * transport's and not compared.
 */
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { renderDeclared, UnservableResponse } from '../../protocol/render.ts';
import type { LoggedRequest } from '../../protocol/visit.ts';

const FRAMING = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

function fieldLines(lines: string[]): string[] {
  // A folded continuation (starting with SP or HT) belongs to the line before it and stays.
  return lines.filter((l) => /^[ \t]/.test(l) || !FRAMING.has(l.slice(0, l.indexOf(':') < 0 ? l.length : l.indexOf(':')).toLowerCase()));
}

/** How one logged response differs from its declaration; undefined when it went out as declared (or nothing is known). */
export function servedDifference(r: LoggedRequest, declared: DeclaredResponse | undefined): string | undefined {
  if (!r.sent || !declared || !r.probe || !r.response) return undefined;
  let expected;
  try {
    expected = renderDeclared(declared, { method: r.method, origin: r.origin, visitId: r.visitId, probeKey: r.probe }, { agentDocument: '' });
  } catch (e) {
    if (e instanceof UnservableResponse) return undefined; // answered 500 by the server's own error path
    throw e;
  }
  const want = fieldLines(expected.headers.flatMap(([n, v]) => `${n}: ${v}`.split('\r\n')));
  const got = fieldLines(r.sent.lines);
  const diffs: string[] = [];
  if (r.sent.status !== expected.status) diffs.push(`status ${r.sent.status} instead of ${expected.status}`);
  const missing = want.filter((l) => !got.includes(l));
  const extra = got.filter((l) => !want.includes(l));
  if (missing.length) diffs.push(`declared lines not sent: ${missing.map((l) => JSON.stringify(l)).join(', ')}`);
  if (extra.length) diffs.push(`lines sent but not declared: ${extra.map((l) => JSON.stringify(l)).join(', ')}`);
  if (!diffs.length && want.join('\r\n') !== got.join('\r\n')) diffs.push(`header lines reordered: sent ${JSON.stringify(got)}`);
  return diffs.length ? `${r.method} ${r.response} (${r.at ?? 'unknown origin'}) went out not as declared: ${diffs.join('; ')}` : undefined;
}

/** Every response among `requests` that did not go out as declared in `responses` (per probe key, as a visit plan holds them). */
export function servedMismatches(requests: LoggedRequest[], responses: Record<string, Record<string, DeclaredResponse>>): string[] {
  return requests.flatMap((r) => {
    const declared = r.probe && r.response && Object.hasOwn(responses, r.probe) ? responses[r.probe][r.response] : undefined;
    const d = servedDifference(r, declared);
    return d ? [d] : [];
  });
}
