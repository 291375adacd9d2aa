/**
 * Field schemas the intent modules share, bounded so that what a config says can be sent as it is:
 * tokens for methods and header names, header values without the bytes that would end or split
 * a header line, and size caps (a header line past a few kilobytes is refused by servers and
 * proxies before the application sees it).
 */
import { z } from 'zod';
import { EMBED_AS } from '../probe.ts';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
export const HEADER_VALUE_MAX = 4096;
export const BODY_MAX = 65_536;

export const methodToken = z.string().max(32, 'an HTTP method of at most 32 characters').regex(TOKEN, 'not an HTTP method token');
export const headerName = z.string().max(256, 'a header name of at most 256 characters').regex(TOKEN, 'not a header name');
export const headerValue = z
  .string()
  .max(HEADER_VALUE_MAX, `a header value of at most ${HEADER_VALUE_MAX} characters`)
  .refine((v) => !/[\r\n\0]/.test(v), 'a header value must not contain CR, LF or NUL (it would end or split the header line)');
export const requestBody = z.string().max(BODY_MAX, `a request body of at most ${BODY_MAX} characters`);
export const absoluteUrl = z.string().max(2048, 'a URL of at most 2048 characters').describe('an absolute URL on an origin declared in `origins`');
export const embedAs = z.enum(EMBED_AS);
