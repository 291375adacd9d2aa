/**
 * Seed claims C01–C06: which URL pairs are the same origin, observed through behaviour —
 * whether a frame's document can be reached, and whether a same-origin-only fetch is let
 * through — never by comparing URL strings in script.
 */
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { AGENT, DATA } from '../lib.ts';

interface Relation {
  slug: string;
  page: OriginName;
  target: OriginName;
  explicitPort?: boolean;
  /** Use a second declared response (other path) on the same origin. */
  otherPath?: boolean;
  sameOrigin: boolean;
  claims: string[];
  what: string;
}

const RELATIONS: Relation[] = [
  { slug: 'same-origin', page: 'site', target: 'site', sameOrigin: true, claims: ['C01'], what: 'https://site.test vs itself' },
  { slug: 'other-path', page: 'site', target: 'site', otherPath: true, sameOrigin: true, claims: ['C02'], what: 'same origin, other path and query' },
  {
    slug: 'explicit-default-port',
    page: 'site',
    target: 'site',
    explicitPort: true,
    sameOrigin: true,
    claims: ['C06'],
    what: 'https://site.test:443 vs https://site.test',
  },
  { slug: 'other-scheme', page: 'httpSite', target: 'site', sameOrigin: false, claims: ['C01', 'C03'], what: 'http://site.test vs https://site.test' },
  { slug: 'other-port', page: 'site', target: 'sitePort', sameOrigin: false, claims: ['C01', 'C05'], what: 'https://site.test:8443 vs https://site.test' },
  {
    slug: 'http-other-port',
    page: 'httpSite',
    target: 'httpSitePort',
    sameOrigin: false,
    claims: ['C01', 'C05'],
    what: 'http://site.test:8080 vs http://site.test',
  },
  { slug: 'subdomain-sub', page: 'site', target: 'sub', sameOrigin: false, claims: ['C01', 'C04'], what: 'https://sub.site.test vs https://site.test' },
  { slug: 'subdomain-www', page: 'site', target: 'www', sameOrigin: false, claims: ['C01', 'C04'], what: 'https://www.site.test vs https://site.test' },
  { slug: 'parent-from-subdomain', page: 'sub', target: 'site', sameOrigin: false, claims: ['C04'], what: 'https://site.test vs https://sub.site.test' },
  { slug: 'other-site', page: 'site', target: 'other', sameOrigin: false, claims: ['C01'], what: 'https://other.test vs https://site.test' },
];

function frameDom(r: Relation): ScenarioInput {
  const response = r.otherPath ? 'doc2' : 'doc';
  return {
    id: `sop.origin.frame-dom.${r.slug}`,
    area: 'sop/origin',
    title: `Frame DOM reachable only when same origin: ${r.what}`,
    claims: [...r.claims, 'C20'],
    spec: ['sameOrigin', 'urlOrigin', 'crossOriginGet'],
    page: { at: r.page },
    responses: { doc: AGENT, doc2: AGENT },
    probe: {
      kind: 'window-access',
      params: {
        target: 'frame',
        open: { at: r.target, response, explicitPort: r.explicitPort, query: r.otherPath ? 'q=other#frag' : undefined },
        path: ['document', 'title'],
        action: 'get',
      },
    },
    expect: {
      blocked: !r.sameOrigin,
      observation: r.sameOrigin ? { targetReady: true, allowed: true, valueType: 'string' } : { targetReady: true, allowed: false, error: 'SecurityError' },
    },
    ...(r.sameOrigin ? {} : { control: { sameOrigin: true, expect: { observation: { targetReady: true, allowed: true, valueType: 'string' } } } }),
  };
}

function sameOriginFetch(r: Relation): ScenarioInput {
  const response = r.otherPath ? 'data2' : 'data';
  return {
    id: `sop.origin.same-origin-fetch.${r.slug}`,
    area: 'sop/origin',
    title: `fetch(mode: "same-origin") succeeds only when same origin: ${r.what}`,
    claims: r.claims,
    spec: ['sameOrigin', 'urlOrigin', 'fetchSameOriginMode'],
    page: { at: r.page },
    responses: { data: DATA, data2: DATA },
    probe: { kind: 'fetch', params: { target: { at: r.target, response, explicitPort: r.explicitPort }, mode: 'same-origin' } },
    expect: r.sameOrigin
      ? { blocked: false, observation: { resolved: true, status: 200, bodyReadable: true }, evidence: { [response]: { actual: true } } }
      : { blocked: true, observation: { resolved: false, error: 'TypeError' }, evidence: { [response]: { arrived: false } } },
    ...(r.sameOrigin
      ? {}
      : { control: { sameOrigin: true, expect: { observation: { resolved: true, status: 200 }, evidence: { [response]: { actual: true } } } } }),
  };
}

export const scenarios: ScenarioInput[] = RELATIONS.flatMap((r) => [frameDom(r), sameOriginFetch(r)]);
