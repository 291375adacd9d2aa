/**
 * HTTPS upgrades as the engines ship them. Mixed Content upgrades an https page's http images,
 * audio and video to https (port unchanged) before they are fetched, so the server sees the
 * request on the https origin, with the Fetch Metadata of the upgraded URL. Top-level
 * navigations are not mixed content: the standard sends them to http as written. Chromium's
 * HTTPS Upgrades and Firefox's HTTPS-First (both on, as shipped: the engine record says so) try
 * https first for top-level navigations, but exempt hosts under an unknown suffix such as .test
 * (Chromium: non-unique host names; Firefox: dom.security.https_first_for_unknown_suffixes=false)
 * and non-default ports, so on this catalog every popup still reaches http.
 */
import { fetchMetadata } from '../../harness/model/fetch/metadata.ts';
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import { originUrl, type OriginName } from '../../protocol/origins.ts';
import { AGENT, PNG, WAV } from '../lib.ts';

const area = 'network/https-upgrades';

const MIXED: Array<{ slug: string; at: OriginName; https: OriginName }> = [
  { slug: 'same-host', at: 'httpSite', https: 'site' },
  { slug: 'same-site', at: 'httpSub', https: 'sub' },
  { slug: 'other-site', at: 'httpOther', https: 'other' },
];
const ELEMENTS = [
  { element: 'img', destination: 'image' },
  { element: 'audio', destination: 'audio' },
  { element: 'video', destination: 'video' },
] as const;

/** An upgraded element: reached over https, with the metadata of the https URL (the list never held the http one). */
function upgraded(e: (typeof ELEMENTS)[number], t: (typeof MIXED)[number]): ScenarioInput {
  const m = fetchMetadata({ origin: originUrl('site'), urlList: [originUrl(t.https)], mode: 'no-cors', destination: e.destination });
  return {
    id: `network.https-upgrades.${e.element}.${t.slug}`,
    area,
    title: `https://site.test's <${e.element}> from ${originUrl(t.at)} is upgraded before it is fetched: the server sees it on ${originUrl(t.https)}, Sec-Fetch-Site ${m.site}`,
    spec: ['mixedUpgradeable', 'mixedUpgrade', 'mixedContentFetch', 'fetchMetadataSite', 'fetchMetadataDest'],
    responses: { res: e.element === 'img' ? PNG : WAV },
    probe: { kind: 'embed', params: { element: e.element, target: { at: t.at, response: 'res' } } },
    expect: {
      blocked: false,
      observation: {},
      evidence: { res: { arrived: true, reached: t.https, secFetchSite: m.site, secFetchMode: m.mode, secFetchDest: m.dest } },
    },
  };
}

const NAVIGATIONS: Array<{ slug: string; at: OriginName }> = [
  { slug: 'same-host', at: 'httpSite' },
  { slug: 'same-site', at: 'httpSub' },
  { slug: 'other-port', at: 'httpSitePort' },
  { slug: 'other-site', at: 'httpOther' },
];

/** A top-level navigation to http: not mixed content, and not upgraded on .test hosts by any engine as shipped. */
function navigation(via: 'open' | 'anchor', t: (typeof NAVIGATIONS)[number]): ScenarioInput {
  return {
    id: `network.https-upgrades.popup-${via}.${t.slug}`,
    area,
    title: `a popup (${via === 'open' ? 'window.open' : 'a target=_blank link'}) from https://site.test to ${originUrl(t.at)} loads over http: a top-level navigation is not mixed content, and HTTPS-First/Upgrades exempt .test hosts`,
    spec: ['mixedShouldBlock', 'windowOpen'],
    responses: { doc: AGENT },
    probe: { kind: 'popup', params: { open: { at: t.at, response: 'doc', mailbox: 'popup' }, via } },
    expect: { blocked: false, observation: { opened: true, report: true, popupOrigin: originUrl(t.at) }, evidence: { doc: { arrived: true, reached: t.at } } },
    oneAtATime: true,
  };
}

export const scenarios: ScenarioInput[] = [
  ...ELEMENTS.flatMap((e) => MIXED.map((t) => upgraded(e, t))),
  ...(['open', 'anchor'] as const).flatMap((via) => NAVIGATIONS.map((t) => navigation(via, t))),
].map((s) => ({ ...s, probe: { ...s.probe, timeoutMs: 10_000 } }) as ScenarioInput);
