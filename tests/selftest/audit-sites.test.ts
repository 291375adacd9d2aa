/**
 * A user's real host names as virtual origins: the site of each comes from the Public Suffix List
 * (protocol/origins.ts siteOfHost), so the attackers are derived from the registrable domain, the
 * certificate of the run names the user's hosts, and the catalog's own .test names keep their sites.
 */
import { test, expect } from '@playwright/test';
import { validateConfig } from '../../audit/config.ts';
import { deriveAudit } from '../../audit/derive.ts';
import { allHosts, clearExtraOrigins, extraOrigins, ORIGINS, originEntry, parseExtraOrigin, siteOfHost } from '../../protocol/origins.ts';
import { corpInternalCheck } from '../../harness/model/fetch/corp.ts';
import { createCertificate } from '../../servers/certificate.ts';

const UP = 'http://127.0.0.1:4999';

test.afterEach(() => clearExtraOrigins());

test('the site of a host is its registrable domain by the Public Suffix List', () => {
  const cases: Array<[string, string]> = [
    ['app.example.co.uk', 'example.co.uk'],
    ['example.co.uk', 'example.co.uk'],
    ['a.b.example.com', 'example.com'],
    ['user.github.io', 'user.github.io'], // github.io is a public suffix (the list's private section, as browsers use it)
    ['app.example.co.uk.evil.test', 'evil.test'],
    ['sub.site.test', 'site.test'], // .test is under the implicit "*" rule
    ['co.uk', 'co.uk'], // a public suffix has no registrable domain: the site is the host
  ];
  for (const [host, site] of cases) expect(siteOfHost(host), host).toBe(site);
  // The catalog's names keep the sites they are declared with.
  for (const o of Object.values(ORIGINS)) expect(siteOfHost(o.host), o.host).toBe(o.site);
  const parsed = parseExtraOrigin('https://api.example.co.uk', 'x');
  expect('entry' in parsed && parsed.entry.site).toBe('example.co.uk');
});

test('https://app.example.co.uk and https://api.example.co.uk get the attackers of example.co.uk', () => {
  const plan = deriveAudit(
    validateConfig(
      {
        origins: { 'https://app.example.co.uk': UP, 'https://api.example.co.uk': UP },
        reads: [{ endpoint: 'https://api.example.co.uk/api/me', by: ['https://app.example.co.uk'], credentials: true }],
        notFramed: [{ page: 'https://app.example.co.uk/account' }],
      },
      'originproof.config.ts',
    ),
  );
  const attackers = new Set([...plan.probes.values()].filter((p) => p.requester.attacker).map((p) => p.requester.origin));
  expect([...attackers].sort()).toEqual([
    'http://app.example.co.uk',
    'https://app.example.co.uk.evil.test',
    'https://evilexample.co.uk',
    'https://other.test',
    'https://sibling.example.co.uk',
    'null',
  ]);
  // Nothing is derived from the public suffix.
  for (const a of attackers) expect(a).not.toMatch(/sibling\.co\.uk|evilco\.uk/);
  // The sibling is same site with the app; the look-alikes are not.
  expect(originEntry('https://sibling.example.co.uk').site).toBe('example.co.uk');
  expect(originEntry('https://evilexample.co.uk').site).toBe('evilexample.co.uk');
  expect(originEntry('https://app.example.co.uk.evil.test').site).toBe('evil.test');
  // The framing intent's same-site top is the sibling of the registrable domain.
  expect([...plan.probes.values()].filter((p) => p.kind === 'framing').map((p) => p.requester.origin)).toEqual([
    'https://other.test',
    'https://sibling.example.co.uk',
  ]);
  // Every origin the run uses is registered, so the proxy maps it; nothing else is.
  expect(
    extraOrigins()
      .map((o) => o.name)
      .sort(),
  ).toEqual([
    'http://app.example.co.uk',
    'https://api.example.co.uk',
    'https://app.example.co.uk',
    'https://app.example.co.uk.evil.test',
    'https://evilexample.co.uk',
    'https://sibling.example.co.uk',
  ]);
});

test("the run's certificate names the user's hosts beside the catalog's", async () => {
  deriveAudit(validateConfig({ origins: { 'https://app.example.co.uk': UP }, notFramed: [{ page: 'https://app.example.co.uk/' }] }, 'x'));
  const cert = await createCertificate(allHosts());
  const { X509Certificate } = await import('node:crypto');
  const san = new X509Certificate(cert.cert).subjectAltName ?? '';
  for (const host of ['app.example.co.uk', 'sibling.example.co.uk', 'site.test', 'other.test', 'sub.site.test']) expect(san).toContain(`DNS:${host}`);
});

test('CORP same-site is judged on registrable domains: example.co.uk hosts are one site, co.uk is not', () => {
  const check = (origin: string, url: string) =>
    corpInternalCheck({
      origin,
      embedderPolicy: 'unsafe-none',
      responseUrl: url,
      headers: [['Cross-Origin-Resource-Policy', 'same-site']],
      requestIncludesCredentials: true,
    }).ok;
  expect(check('https://app.example.co.uk', 'https://api.example.co.uk/x')).toBe(true);
  expect(check('https://evil.co.uk', 'https://api.example.co.uk/x')).toBe(false);
  expect(check('https://site.test', 'https://sub.site.test/x')).toBe(true);
});
