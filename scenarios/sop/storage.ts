/**
 * Web storage and IndexedDB are per origin: what the page writes, a frame of another origin
 * (other site, same site, other port) cannot read, and the reverse; a same-origin frame can
 * (the control). Third-party frames get storage partitioned by top-level site.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { AGENT } from '../lib.ts';
import { withBound } from './common.ts';

const area = 'sop/storage';
type Api = 'localStorage' | 'sessionStorage' | 'indexedDB';
const API_SLUG: Record<Api, string> = { localStorage: 'local', sessionStorage: 'session', indexedDB: 'idb' };
const API_SPEC: Record<Api, CitationId> = { localStorage: 'localStorage', sessionStorage: 'sessionStorage', indexedDB: 'indexedDB' };
const TARGETS: Array<{ at: OriginName; slug: string; claims: string[] }> = [
  { at: 'other', slug: 'cross-site', claims: ['C34'] },
  { at: 'sub', slug: 'same-site', claims: ['C34', 'C04'] },
  { at: 'sitePort', slug: 'other-port', claims: ['C34', 'C05'] },
];

function pageToFrame(api: Api, t: (typeof TARGETS)[number]): ScenarioInput {
  const key = `sop-${API_SLUG[api]}-${t.slug}-p2f`;
  return {
    id: `sop.storage.${API_SLUG[api]}.page-to-frame.${t.slug}`,
    area,
    title: `${api}: written by the page, invisible to a ${t.slug} frame`,
    claims: t.claims,
    spec: [API_SPEC[api], 'storageKey'],
    responses: { doc: AGENT },
    probe: {
      kind: 'sequence',
      params: {
        contexts: { f: { via: 'iframe', at: t.at, response: 'doc' } },
        steps: [
          { kind: 'storage', params: { api, op: 'write', key, value: 'from-page' } },
          { kind: 'storage', params: { api, op: 'read', key }, in: 'f' },
        ],
      },
    },
    expect: { blocked: true, observation: { contexts: { f: true }, steps: [{ allowed: true }, { allowed: true, value: null }] } },
    // The control runs concurrently in the same page: a key of its own, a same-origin frame.
    control: {
      patch: {
        probe: {
          params: {
            contexts: { f: { at: 'site' } },
            steps: [
              { kind: 'storage', params: { api, op: 'write', key: `${key}-c`, value: 'from-page' } },
              { kind: 'storage', params: { api, op: 'read', key: `${key}-c` }, in: 'f' },
            ],
          },
        },
      },
      expect: { observation: { contexts: { f: true }, steps: [{ allowed: true }, { allowed: true, value: 'from-page' }] } },
    },
  };
}

function frameToPage(api: Api, t: (typeof TARGETS)[number]): ScenarioInput {
  const key = `sop-${API_SLUG[api]}-${t.slug}-f2p`;
  return {
    id: `sop.storage.${API_SLUG[api]}.frame-to-page.${t.slug}`,
    area,
    title: `${api}: written by a ${t.slug} frame, invisible to the page`,
    claims: t.claims,
    spec: [API_SPEC[api], 'storageKey'],
    responses: { doc: AGENT },
    probe: {
      kind: 'sequence',
      params: {
        contexts: { f: { via: 'iframe', at: t.at, response: 'doc' } },
        steps: [
          { kind: 'storage', params: { api, op: 'write', key, value: 'from-frame' }, in: 'f' },
          { kind: 'storage', params: { api, op: 'read', key } },
        ],
      },
    },
    expect: { blocked: true, observation: { contexts: { f: true }, steps: [{ allowed: true }, { allowed: true, value: null }] } },
    control: {
      patch: {
        probe: {
          params: {
            contexts: { f: { at: 'site' } },
            steps: [
              { kind: 'storage', params: { api, op: 'write', key: `${key}-c`, value: 'from-frame' }, in: 'f' },
              { kind: 'storage', params: { api, op: 'read', key: `${key}-c` } },
            ],
          },
        },
      },
      expect: { observation: { contexts: { f: true }, steps: [{ allowed: true }, { allowed: true, value: 'from-frame' }] } },
    },
  };
}

function partitioned(api: 'localStorage' | 'indexedDB'): ScenarioInput {
  const key = `sop-${API_SLUG[api]}-partition`;
  return {
    id: `sop.storage.${API_SLUG[api]}.third-party-partitioned`,
    area,
    title: `${api}: other.test first-party (popup) data is not visible to an other.test frame embedded by site.test (partitioned by top-level site)`,
    claims: ['C34'],
    spec: ['storagePartitioning', API_SPEC[api], 'storageKey'],
    responses: { doc: AGENT, pop: AGENT },
    probe: {
      kind: 'sequence',
      params: {
        contexts: { p: { via: 'popup', at: 'other', response: 'pop' }, f: { via: 'iframe', at: 'other', response: 'doc' } },
        steps: [
          { kind: 'storage', params: { api, op: 'write', key, value: 'first-party' }, in: 'p' },
          { kind: 'storage', params: { api, op: 'read', key }, in: 'f' },
        ],
      },
      timeoutMs: 12000,
    },
    expect: { blocked: true, observation: { contexts: { p: true, f: true }, steps: [{ allowed: true }, { allowed: true, value: null }] } },
    control: {
      patch: { probe: { params: { contexts: { p: { via: 'popup', at: 'other', response: 'pop' }, f: { via: 'popup', at: 'other', response: 'doc' } } } } },
      expect: { observation: { contexts: { p: true, f: true }, steps: [{ allowed: true }, { allowed: true, value: 'first-party' }] } },
    },
    solo: true,
  };
}

const APIS: Api[] = ['localStorage', 'sessionStorage', 'indexedDB'];
const RAW: ScenarioInput[] = [
  ...APIS.flatMap((api) => TARGETS.flatMap((t) => [pageToFrame(api, t), frameToPage(api, t)])),
  partitioned('localStorage'),
  partitioned('indexedDB'),
];

export const scenarios: ScenarioInput[] = withBound(RAW);
