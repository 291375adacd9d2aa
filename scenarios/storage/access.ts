/**
 * The Storage Access API as a document sees it with nothing granted and no user activation:
 * hasStorageAccess() is true where the document is top-level or same origin with the top level
 * through same-site ancestors, false in a cross-site frame and in A→B→A; requestStorageAccess()
 * resolves at once where the embedded site is the top-level site (A→B→A too, after which
 * hasStorageAccess() is true), and in a cross-site frame without activation it is refused with
 * NotAllowedError.
 * Each refusal has a control in the same visit: the same call in a same-origin frame resolves.
 */
import type { ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { CatalogOriginName } from '../../protocol/origins.ts';
import { AGENT } from '../lib.ts';

const area = 'storage/access';
type Hop = { via: 'iframe'; at: CatalogOriginName; response: 'doc' };
const frame = (at: CatalogOriginName): Hop => ({ via: 'iframe', at, response: 'doc' });

/**
 * `access`: hasStorageAccess() before any request (an A→B→A frame is not "same authority" with the
 * top level: false until it requests); `granted`: requestStorageAccess() resolves without activation
 * (the embedded site is same site with the top-level site, which covers A→B→A).
 */
const WHERE: Array<{ slug: string; context: Hop[]; says: string; access: boolean; granted: boolean }> = [
  { slug: 'top-level', context: [], says: 'the top-level page', access: true, granted: true },
  { slug: 'same-origin-frame', context: [frame('site')], says: 'a same-origin frame', access: true, granted: true },
  { slug: 'cross-site-frame', context: [frame('other')], says: 'a cross-site frame', access: false, granted: false },
  { slug: 'a-in-b-in-a', context: [frame('other'), frame('site')], says: 'a site.test frame inside an other.test frame (A→B→A)', access: false, granted: true },
];

function has(w: (typeof WHERE)[number]): ScenarioOf<'storage-access'> {
  const s: ScenarioOf<'storage-access'> = {
    id: `storage.access.has.${w.slug}`,
    area,
    title: `hasStorageAccess() in ${w.says}, nothing granted: ${w.access}`,
    spec: ['hasStorageAccess'],
    responses: { doc: AGENT },
    probe: { kind: 'storage-access', params: {}, context: w.context, timeoutMs: 10_000 },
    expect: { blocked: !w.access, observation: { has: w.access } },
  };
  if (!w.access) s.control = { patch: { probe: { context: [frame('site')] } }, expect: { observation: { has: true } } };
  return s;
}

function request(w: (typeof WHERE)[number]): ScenarioOf<'storage-access'> {
  const s: ScenarioOf<'storage-access'> = {
    id: `storage.access.request.${w.slug}`,
    area,
    title: `requestStorageAccess() in ${w.says} without user activation: ${w.granted ? 'resolves (same site as the top level: no permission needed), then has access' : 'refused with NotAllowedError, still no access'}`,
    spec: ['requestStorageAccess'],
    responses: { doc: AGENT },
    probe: { kind: 'storage-access', params: { request: true }, context: w.context, timeoutMs: 10_000 },
    expect: {
      blocked: !w.granted,
      observation: w.granted
        ? { activation: false, requested: 'granted', hasAfter: true }
        : { activation: false, requested: 'NotAllowedError', hasAfter: false },
    },
  };
  if (!w.granted) {
    s.control = { patch: { probe: { context: [frame('site')] } }, expect: { observation: { activation: false, requested: 'granted', hasAfter: true } } };
  }
  return s;
}

export const scenarios: ScenarioInput[] = [...WHERE.map(has), ...WHERE.map(request)];
