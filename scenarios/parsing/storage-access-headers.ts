/**
 * `Activate-Storage-Access` as a Structured Field Item (RFC 9651), read by Storage Access Headers'
 * retry check: the page (https://site.test, the storage-access permission granted for
 * https://other.test under it through the automation protocol) fetches an other.test response with
 * credentials; its request goes out with `Sec-Fetch-Storage-Access: inactive`, and the variant
 * under test either makes the browser retry it with storage access active (two requests, the
 * second `active`) or not (one). The expectation comes from harness/model/parsing/policies.ts
 * (storageAccessRetry) over the header list a conforming HTTP parser builds.
 */
import type { DeclaredLine } from '../../harness/model/parsing/http-fields.ts';
import { storageAccessRetry } from '../../harness/model/parsing/policies.ts';
import { originUrl } from '../../protocol/origins.ts';
import { full, reduced } from './mutations.ts';
import type { Expected, HeaderCase } from './build.ts';
import { SPEC } from './spec.ts';

const PAGE_ORIGIN = originUrl('site');
const FETCH_BOUND_MS = 5000;
/** What lets the credentialed CORS fetch through, so only the retry differs between variants. */
const FIXED: DeclaredLine[] = [
  ['Access-Control-Allow-Origin', PAGE_ORIGIN],
  ['Access-Control-Allow-Credentials', 'true'],
  ['Content-Type', 'text/plain'],
];
const SETUP_WHY =
  'the credentialed request goes out with Sec-Fetch-Storage-Access: inactive (storage-access granted for other.test under site.test), the only status for which Activate-Storage-Access is consulted';
const RETRIED = { count: 2, storageAccessSent: ['inactive', 'active'] };
const ONCE = { count: 1, storageAccessSent: ['inactive'] };

export const activateStorageAccess: HeaderCase = {
  header: 'Activate-Storage-Access',
  slug: 'asa',
  spec: SPEC.activateStorageAccess,
  contexts: [{ slug: 'granted-include', label: 'credentialed fetch from https://site.test to https://other.test, storage-access granted (status inactive)' }],
  bases: [
    full('retry-origin', `retry; allowed-origin="${PAGE_ORIGIN}"`),
    full('retry-star', 'retry; allowed-origin=*'),
    reduced('retry-other-origin', `retry; allowed-origin="${originUrl('other')}"`),
    reduced('retry-origin-slash', `retry; allowed-origin="${PAGE_ORIGIN}/"`),
    reduced('retry-bare', 'retry'),
    reduced('retry-string', `"retry"; allowed-origin="${PAGE_ORIGIN}"`),
    reduced('retry-star-string', 'retry; allowed-origin="*"'),
    reduced('load', 'load'),
    reduced('retry-upper', `RETRY; allowed-origin="${PAGE_ORIGIN}"`),
    reduced('retry-two-params', `retry; allowed-origin="https://x.test"; allowed-origin="${PAGE_ORIGIN}"`),
  ],
  extra: [
    { family: 'empty', slug: 'empty', lines: [['Activate-Storage-Access', '']] },
    {
      family: 'lines',
      slug: 'retry-then-load',
      lines: [
        ['Activate-Storage-Access', `retry; allowed-origin="${PAGE_ORIGIN}"`],
        ['Activate-Storage-Access', 'load'],
      ],
    },
    { family: 'list-in-line', slug: 'retry-list', lines: [['Activate-Storage-Access', `retry; allowed-origin="${PAGE_ORIGIN}", load`]] },
  ],
  fixed: () => FIXED,
  expect(r): Expected {
    if (!r.ok) return { blocked: true, observation: { resolved: false, error: 'TypeError' }, why: r.why };
    const d = storageAccessRetry(r.headers, PAGE_ORIGIN);
    return { blocked: !d.allowed, observation: { resolved: true }, evidence: { r: d.allowed ? RETRIED : ONCE }, why: d.step };
  },
  scenario: (v) => ({
    page: { at: 'site', grants: [{ name: 'storage-access', state: 'granted', origin: 'site', embeddedOrigin: 'other' }] },
    responses: { r: { headers: [...v.lines, ...FIXED], body: 'parsing' } },
    probe: { kind: 'fetch', params: { target: { at: 'other', response: 'r' }, credentials: 'include', cache: 'no-store' }, timeoutMs: FETCH_BOUND_MS },
    // The header is consulted only for a request whose storage-access status is inactive: where the
    // engine sends another status (none, or no header at all) no variant can say anything about parsing.
    setup: { evidence: { r: { secFetchStorageAccess: 'inactive' } }, why: SETUP_WHY },
    control: {
      patch: { responses: { r: { headers: [['Activate-Storage-Access', 'retry; allowed-origin=*'], ...FIXED], body: 'parsing' } } },
      expect: { observation: { resolved: true }, evidence: { r: RETRIED } },
    },
  }),
};
