/**
 * A config is data read as it is written: own properties only (nothing inherited counts, e.g. an
 * `allowRemoteUpstreams` on a prototype), header values that can be sent as one header line
 * (no CR, LF or NUL, a size cap), and a webServer URL on loopback unless remote upstreams are
 * allowed; every refusal names its field.
 */
import { test, expect } from '@playwright/test';
import { AuditConfigError, validateConfig, type AuditConfigInput } from '../../audit/config.ts';
import { HEADER_VALUE_MAX } from '../../audit/intents/fields.ts';
import { clearExtraOrigins } from '../../protocol/origins.ts';

const UP = 'http://127.0.0.1:4999';
const REMOTE = 'http://10.0.0.5:3000';
const BASE: AuditConfigInput = {
  origins: { 'https://app.test': UP, 'https://api.test': UP },
  reads: [{ endpoint: 'https://api.test/api/me', by: ['https://app.test'], headers: { 'X-CSRF-Token': 'ok' } }],
};

function refusal(config: unknown): AuditConfigError {
  try {
    validateConfig(config, 'originproof.config.ts');
  } catch (e) {
    expect(e).toBeInstanceOf(AuditConfigError);
    return e as AuditConfigError;
  }
  throw new Error('the config was accepted');
}

test.afterEach(() => clearExtraOrigins());

test('an inherited allowRemoteUpstreams does not count; an own one does', () => {
  const inherited = Object.assign(Object.create({ allowRemoteUpstreams: true }) as object, {
    ...BASE,
    origins: { 'https://app.test': REMOTE, 'https://api.test': UP },
  });
  const e = refusal(inherited);
  expect(e.field).toBe('origins["https://app.test"]');
  expect(e.message).toMatch(/set allowRemoteUpstreams: true/);
  // Nested objects too: an inherited `credentials` or field is not read.
  const read = Object.assign(Object.create({ credentials: true, by: '*' }) as object, { endpoint: 'https://api.test/api/me', by: ['https://app.test'] });
  const plan = validateConfig({ ...BASE, reads: [read] }, 'x');
  expect(plan.reads?.[0]).toEqual({ endpoint: 'https://api.test/api/me', by: ['https://app.test'] });
  expect(() => validateConfig({ ...BASE, allowRemoteUpstreams: true, origins: { 'https://app.test': REMOTE, 'https://api.test': UP } }, 'x')).not.toThrow();
});

test('header values: no CR, LF or NUL, and at most the cap; the field is named', () => {
  const withHeader = (value: string) => ({ ...BASE, reads: [{ ...BASE.reads![0], headers: { 'X-CSRF-Token': value } }] });
  for (const bad of ['a\r\nSet-Cookie: x=1', 'a\nb', 'a\0b', 'x'.repeat(HEADER_VALUE_MAX + 1)]) {
    const e = refusal(withHeader(bad));
    expect(e.field).toBe('reads[0].headers.X-CSRF-Token');
    expect(e.message).toMatch(/CR, LF or NUL|at most 4096 characters/);
  }
  expect(() => validateConfig(withHeader('x'.repeat(HEADER_VALUE_MAX)), 'x')).not.toThrow();
  const e = refusal({ ...BASE, reads: [{ ...BASE.reads![0], methods: ['G'.repeat(40)] }] });
  expect(e.field).toBe('reads[0].methods[0]');
});

test('webServer.url: loopback http(s) only, unless remote upstreams are allowed', () => {
  const withUrl = (url: string, allow = false) => ({ ...BASE, ...(allow ? { allowRemoteUpstreams: true } : {}), webServer: { command: 'npm start', url } });
  for (const [url, message] of [
    ['http://10.0.0.5:3000/health', /not on this machine's loopback/],
    ['https://example.com/', /not on this machine's loopback/],
    ['file:///etc/passwd', /over http: or https:, not file:/],
    ['http://user:pw@127.0.0.1:3000/', /no user or password/],
    ['not a url', /is not a URL/],
  ] as const) {
    const e = refusal(withUrl(url));
    expect(e.field, url).toBe('webServer.url');
    expect(e.message).toMatch(message);
  }
  for (const ok of ['http://127.0.0.1:3000/health', 'https://localhost:8443/', 'http://[::1]:3000/'])
    expect(() => validateConfig(withUrl(ok), 'x')).not.toThrow();
  expect(() => validateConfig(withUrl('http://10.0.0.5:3000/health', true), 'x')).not.toThrow();
});
