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
  /** What an OPTIONS (CORS preflight) request to the same URL gets; absent means the main response. */
  preflight?: Omit<DeclaredResponse, 'preflight'>;
}

/** Inputs a template can draw on. */
export interface TemplateContext {
  requestOrigin: string | undefined;
  /** URL of another declared response of the same probe on a named origin. */
  urlFor: (origin: OriginName, response: string) => string;
}

/**
 * Tokens: `{{origin}}` the request's Origin header (reflected, absent → empty);
 * `{{origin:NAME}}` a catalog origin; `{{url:NAME:RESPONSE}}` a sibling declared response.
 */
export function expandTemplate(value: string, ctx: TemplateContext): string {
  return value.replace(/\{\{([^}]+)\}\}/g, (token, inner: string) => {
    const parts = inner.split(':');
    if (parts[0] === 'origin' && parts.length === 1) return ctx.requestOrigin ?? '';
    if (parts[0] === 'origin' && parts.length === 2 && isOriginName(parts[1])) return originUrl(parts[1]);
    if (parts[0] === 'url' && parts.length === 3 && isOriginName(parts[1])) return ctx.urlFor(parts[1], parts[2]);
    throw new Error(
      `unknown template token ${token}; known: {{origin}}, {{origin:NAME}}, {{url:NAME:RESPONSE}} with NAME one of ${Object.keys(ORIGINS).join(', ')}`,
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
