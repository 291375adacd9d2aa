/**
 * Cross-Origin-Resource-Policy without COEP: `same-origin` and `same-site` block no-cors loads
 * from other origins and sites on their own (Fetch's CORP check runs with "unsafe-none" first).
 * Full product of kind {img, script, style, fetch no-cors} × relation {same origin, same site,
 * other site} × CORP {absent, same-origin, same-site, cross-origin}; plus the scheme rule of
 * `same-site` (an https response never matches an http initiator, even on the same host —
 * Fetch "cross-origin resource policy internal check") and a same-host other-port case.
 */
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import type { OriginName } from '../../protocol/origins.ts';
import type { CorpValue } from './common.ts';
import { subresourceScenario, type Kind } from './subresource.ts';

const AREA = 'isolation/corp';
const KINDS: Kind[] = ['img', 'script', 'style', 'fetch-no-cors'];
const CORPS: Array<CorpValue | undefined> = [undefined, 'same-origin', 'same-site', 'cross-origin'];

const matrix: ScenarioInput[] = [];
for (const kind of KINDS) {
  for (const at of ['site', 'sub', 'other'] as OriginName[]) {
    for (const corp of CORPS)
      matrix.push(subresourceScenario({ area: AREA, idPrefix: 'isolation.corp', page: 'site', coep: undefined, kind, at, corp, cors: false }));
  }
}

const schemes: ScenarioInput[] = [];
for (const kind of ['img', 'fetch-no-cors'] as Kind[]) {
  // http://site.test initiator: https://site.test and https://sub.site.test are schemelessly same site, but HTTPS.
  for (const at of ['site', 'sub', 'httpSitePort'] as OriginName[]) {
    for (const corp of ['same-site', 'same-origin'] as CorpValue[]) {
      schemes.push(subresourceScenario({ area: AREA, idPrefix: 'isolation.corp.from-http', page: 'httpSite', coep: undefined, kind, at, corp, cors: false }));
    }
  }
  for (const corp of ['same-site', 'same-origin'] as CorpValue[]) {
    schemes.push(subresourceScenario({ area: AREA, idPrefix: 'isolation.corp.port', page: 'site', coep: undefined, kind, at: 'sitePort', corp, cors: false }));
  }
}

export const scenarios: ScenarioInput[] = [...matrix, ...schemes];
