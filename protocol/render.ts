/**
 * The one function that turns a declared response into the message on the wire: status, header
 * lines in order (declared lines as written, templates expanded, then defaults, then framing) and
 * content bytes. The fixture server sends exactly this; the fetch model reasons over exactly this,
 * so the model cannot drift from what the browser receives.
 */
import { unsendableHeader } from './header-bytes.ts';
import { expandTemplate, NO_CONTENT_STATUSES, PNG_2x2, unservable, WAV_SILENCE, type BodyKind, type DeclaredResponse } from './declared-response.ts';
import { responseUrl } from './paths.ts';

export type HeaderLines = Array<[string, string]>;

export interface RenderRequest {
  method: string;
  /** The request's Origin header, if it had one (`{{origin}}` reflects it). */
  origin?: string;
  /** The visit and probe key the declaration belongs to: `{{url:NAME:RESPONSE}}` points into the same visit. */
  visitId: string;
  probeKey: string;
}

export interface RenderEnv {
  /** The agent document's HTML, from whoever knows the runtime's files. */
  agentDocument: string;
}

export interface WireMessage {
  status: number;
  /** Every header line, in the order it goes on the wire. */
  headers: HeaderLines;
  /** Content bytes (none for HEAD and for statuses without content). */
  body: Buffer;
}

export interface RenderedResponse extends WireMessage {
  /** Wait this long before answering. */
  delayMs: number;
}

/** The declaration cannot be served as written; the server answers 500 with this message. */
export class UnservableResponse extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnservableResponse';
  }
}

export const MAX_DELAY_MS = 15_000;

const DEFAULT_CONTENT_TYPE: Partial<Record<BodyKind, string>> = {
  agent: 'text/html; charset=utf-8',
  png: 'image/png',
  wav: 'audio/wav',
};

function hasHeader(headers: HeaderLines, name: string): boolean {
  return headers.some(([k]) => k.toLowerCase() === name);
}

/**
 * Adds the framing every fixture response gets: Content-Length for the content (what a GET would
 * carry, also on HEAD), none and no content for 204/304, and no content bytes for HEAD.
 */
export function frame(status: number, headers: HeaderLines, content: Buffer, method: string): WireMessage {
  if (status === 204 || status === 304) return { status, headers, body: Buffer.alloc(0) };
  const body = NO_CONTENT_STATUSES.includes(status) ? Buffer.alloc(0) : content;
  return { status, headers: [...headers, ['Content-Length', String(body.length)]], body: method === 'HEAD' ? Buffer.alloc(0) : body };
}

export function renderDeclared(declared: DeclaredResponse, request: RenderRequest, env: RenderEnv): RenderedResponse {
  const chosen = request.method === 'OPTIONS' && declared.preflight ? declared.preflight : declared;
  const why = unservable(chosen);
  if (why) throw new UnservableResponse(why);
  const ctx = {
    requestOrigin: request.origin,
    urlFor: (at: Parameters<typeof responseUrl>[0], response: string, mailbox?: string) =>
      responseUrl(at, request.probeKey, response, request.visitId, mailbox ? { mailbox } : {}),
  };
  const expand = (value: string) => {
    try {
      return expandTemplate(value, ctx);
    } catch (e) {
      throw new UnservableResponse((e as Error).message);
    }
  };
  const headers: HeaderLines = (chosen.headers ?? []).map(([name, value]) => [name, expand(value)]);
  // Lines Node's http layer refuses (control bytes, folding) are written raw (servers/raw-response.ts).
  for (const [name, value] of headers) {
    const why = unsendableHeader(name, value);
    if (why) throw new UnservableResponse(`header ${JSON.stringify(name)}: ${why}`);
  }
  const kind = chosen.kind ?? 'text';
  const type = DEFAULT_CONTENT_TYPE[kind];
  if (type && !hasHeader(headers, 'content-type')) headers.push(['Content-Type', type]);
  // Fixture URLs are unique per visit; nothing may come from a cache.
  if (!hasHeader(headers, 'cache-control')) headers.push(['Cache-Control', 'no-store']);
  const content =
    kind === 'agent'
      ? Buffer.from(env.agentDocument)
      : kind === 'png'
        ? PNG_2x2
        : kind === 'wav'
          ? WAV_SILENCE
          : kind === 'empty'
            ? Buffer.alloc(0)
            : Buffer.from(expand(chosen.body ?? ''));
  return { ...frame(chosen.status ?? 200, headers, content, request.method), delayMs: Math.min(chosen.delayMs ?? 0, MAX_DELAY_MS) };
}
