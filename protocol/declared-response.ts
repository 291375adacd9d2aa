/**
 * Responses declared as data (in the spirit of wpt's `.headers` files and pipes):
 * status, header lines exactly as written (repeats, odd casing and odd values kept),
 * and a body. A few template tokens let a declaration refer to the request or the catalog.
 */
import { ORIGINS, originUrl, isOriginName, type OriginName } from './origins.ts';

export type BodyKind = 'text' | 'agent' | 'png' | 'wav' | 'empty';

export interface DeclaredResponse {
  status?: number;
  /** Header lines in order; a name may repeat. Template tokens allowed in values. */
  headers?: Array<[string, string]>;
  /** Literal body (templated), unless `kind` says otherwise. */
  body?: string;
  /** `agent`: an HTML document that loads the probe runtime and obeys the runner. `png`: a 2×2 image. `wav`: 0.1 s of silence. */
  kind?: BodyKind;
  /** Wait this long before answering (like wpt's trickle pipe): for time bounds and races. */
  delayMs?: number;
  /**
   * A WebSocket endpoint: a handshake to this URL is accepted (101) when its Origin is one of
   * `origins` (catalog names, or 'null' for an opaque origin), or any Origin when `origins` is
   * absent; otherwise refused with 403. The server then sends what it saw (the handshake's Origin
   * and cookie names) and echoes each message. A plain request gets the rest of the declaration.
   */
  websocket?: { origins?: Array<OriginName | 'null'> };
  /** What an OPTIONS (CORS preflight) request to the same URL gets; absent means the main response. */
  preflight?: Omit<DeclaredResponse, 'preflight'>;
}

/**
 * Header fields that frame the message on the wire (RFC 9112 §6, RFC 9110 §7.6.1). The network
 * writes them itself; a declared one would disagree with the bytes actually sent (a short
 * Content-Length makes the server write past the message) or describe a connection it is not.
 */
export const FRAMING_HEADERS = ['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'proxy-connection'];

/** Final statuses whose responses carry no content (RFC 9110 §15.3.5 204, §15.3.6 205, §15.4.5 304). */
export const NO_CONTENT_STATUSES = [204, 205, 304];

/**
 * Why the fixture network cannot serve this declaration honestly, or undefined. One rule for the
 * scenario schema (refused on load) and the renderer (refused on serve, for plans built by hand).
 */
export function unservable(d: Omit<DeclaredResponse, 'preflight'>): string | undefined {
  const status = d.status ?? 200;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    return `status ${status} cannot be declared: 1xx responses are interim (101 switches protocols) and the fixture network serves one final response (200–599) per request`;
  }
  for (const [name] of d.headers ?? []) {
    if (FRAMING_HEADERS.includes(name.toLowerCase())) {
      return `header "${name}" cannot be declared: it frames the message on the wire, so the network writes it itself (a declared value could disagree with the bytes sent)`;
    }
  }
  const hasContent = (d.body ?? '') !== '' || (d.kind !== undefined && d.kind !== 'text' && d.kind !== 'empty');
  if (NO_CONTENT_STATUSES.includes(status) && hasContent) return `status ${status} carries no content, but a body is declared`;
  return undefined;
}

/** Inputs a template can draw on. */
export interface TemplateContext {
  requestOrigin: string | undefined;
  /** URL of another declared response of the same probe on a named origin (with a mailbox its document reports to). */
  urlFor: (origin: OriginName, response: string, mailbox?: string) => string;
}

/**
 * Tokens: `{{origin}}` the request's Origin header (reflected, absent → empty);
 * `{{origin:NAME}}` a catalog origin; `{{url:NAME:RESPONSE}}` a sibling declared response;
 * `{{url:NAME:RESPONSE:MAILBOX}}` the same, its agent document reporting to that mailbox of the
 * probe (a redirect keeps the popup's report: the Location names the mailbox the first URL named).
 */
export function expandTemplate(value: string, ctx: TemplateContext): string {
  return value.replace(/\{\{([^}]+)\}\}/g, (token, inner: string) => {
    const parts = inner.split(':');
    if (parts[0] === 'origin' && parts.length === 1) return ctx.requestOrigin ?? '';
    if (parts[0] === 'origin' && parts.length === 2 && isOriginName(parts[1])) return originUrl(parts[1]);
    if (parts[0] === 'url' && parts.length === 3 && isOriginName(parts[1])) return ctx.urlFor(parts[1], parts[2]);
    if (parts[0] === 'url' && parts.length === 4 && isOriginName(parts[1]) && /^[A-Za-z0-9_-]+$/.test(parts[3]))
      return ctx.urlFor(parts[1], parts[2], parts[3]);
    throw new Error(
      `unknown template token ${token}; known: {{origin}}, {{origin:NAME}}, {{url:NAME:RESPONSE}}, {{url:NAME:RESPONSE:MAILBOX}} with NAME one of ${Object.keys(ORIGINS).join(', ')}`,
    );
  });
}

export function templateTokensValid(value: string): string | undefined {
  try {
    expandTemplate(value, { requestOrigin: '', urlFor: () => '' });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

// A 2×2 opaque red PNG: small, decodable everywhere, and readable on a canvas when allowed.
export const PNG_2x2 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR42mP4z8AARAwQCgAf7gP9Y167WwAAAABJRU5ErkJggg==', 'base64');

/** 0.1 s of 8 kHz 8-bit mono PCM silence: the smallest media every engine decodes. */
export const WAV_SILENCE = (() => {
  const samples = 800;
  const b = Buffer.alloc(44 + samples, 0x80);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(8000, 28);
  b.writeUInt16LE(1, 32);
  b.writeUInt16LE(8, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples, 40);
  return b;
})();
