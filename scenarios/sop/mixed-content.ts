/**
 * Mixed content: an https page (https://site.test) loading http:// resources on the same host,
 * on a same-site host and on another site. Per Mixed Content Level 2, images and audio are
 * upgradeable (the request's scheme becomes https, port unchanged) and everything else a page
 * embeds or fetches is blockable (a network error before anything is sent). Frames are
 * blockable too; the page must then see an error document with an opaque origin, never a
 * document it can read. Popups are top-level navigations, which are not mixed content.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ObservationOf, ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { AGENT, PNG, TEXT, WAV, script, stylesheet } from '../lib.ts';
import { withBound } from './common.ts';

const area = 'sop/mixed-content';

/** The http origins an https page reaches for, by how far they are from https://site.test. */
const HTTP_TARGETS: Array<{ slug: string; at: OriginName; https: OriginName; what: string }> = [
  { slug: 'same-host', at: 'httpSite', https: 'site', what: 'http://site.test (same host)' },
  { slug: 'other-site', at: 'httpOther', https: 'other', what: 'http://other.test (another site)' },
];

/** Upgradeable: the request goes out over https to the same host and path, and loads. */
function upgraded(element: 'img' | 'audio', at: OriginName, https: OriginName, slug: string, what: string): ScenarioOf<'embed'> {
  return {
    id: `sop.mixed.${element}.${slug}-upgraded`,
    area,
    title: `an https page's <${element}> from ${what} is upgraded: fetched over https (${https}) and loads`,
    spec: ['mixedUpgradeable', 'mixedUpgrade', 'mixedContentFetch'],
    responses: { res: element === 'img' ? PNG : WAV },
    probe: { kind: 'embed', params: { element, target: { at, response: 'res' } } },
    expect: { blocked: false, observation: { loaded: true }, evidence: { res: { arrived: true, count: 1, reached: https } } },
  };
}

/** Blockable: a network error before anything is sent; the control is the same load from https://site.test. */
function blocked<K extends 'embed' | 'fetch' | 'xhr'>(
  noun: string,
  slug: string,
  what: string,
  o: { response: DeclaredResponse; spec: CitationId[]; probe: ScenarioOf<K>['probe']; blocked: ObservationOf<K>; loads: ObservationOf<K> },
): ScenarioOf<K> {
  return {
    id: `sop.mixed.${noun}.${slug}-blocked`,
    area,
    title: `an https page's ${noun === 'style' ? 'style sheet' : noun} from ${what} is blocked: never sent, fails as a network error`,
    spec: ['mixedBlockable', 'mixedShouldBlock', 'mixedContentFetch', ...o.spec],
    responses: { res: o.response },
    probe: o.probe,
    expect: { blocked: true, observation: o.blocked, evidence: { res: { arrived: false } } },
    control: { sameOrigin: true, expect: { observation: o.loads, evidence: { res: { arrived: true, reached: 'site' } } } },
  };
}

function blockables(at: OriginName, slug: string, what: string): ScenarioInput[] {
  const target = { at, response: 'res' };
  const notLoaded = { loaded: false, event: 'error' } as const;
  return [
    blocked<'embed'>('script', slug, what, {
      response: script('/* originproof */'),
      spec: ['scriptFetch'],
      probe: { kind: 'embed', params: { element: 'script', target } },
      blocked: notLoaded,
      loads: { loaded: true },
    }),
    blocked<'embed'>('style', slug, what, {
      response: stylesheet('#op-none { color: red }'),
      spec: ['stylesheetFetch'],
      probe: { kind: 'embed', params: { element: 'style', target } },
      blocked: notLoaded,
      loads: { loaded: true },
    }),
    blocked<'fetch'>('fetch', slug, what, {
      response: TEXT,
      spec: [],
      probe: { kind: 'fetch', params: { target, mode: 'no-cors' } },
      blocked: { resolved: false, error: 'TypeError' },
      loads: { resolved: true },
    }),
    blocked<'xhr'>('xhr', slug, what, {
      response: TEXT,
      spec: [],
      probe: { kind: 'xhr', params: { target } },
      blocked: { loaded: false, error: 'error-event' },
      loads: { loaded: true },
    }),
  ];
}

/**
 * A blocked frame: its http document never runs, and what the page can see of the frame is an
 * error document with an opaque origin — readable by no one, never "same origin" with the page.
 */
function blockedFrame(at: OriginName, slug: string, what: string): ScenarioOf<'frame-view'> {
  return {
    id: `sop.mixed.iframe.${slug}-blocked`,
    area,
    title: `an https page's iframe of ${what} is blocked: never sent, and the page sees an opaque error document (not its own origin)`,
    spec: ['mixedBlockable', 'mixedShouldBlock', 'errorDocument', 'inlineContentDocument', 'iframeContentDocument'],
    responses: { doc: AGENT },
    probe: { kind: 'frame-view', params: { target: { at, response: 'doc' } } },
    expect: {
      blocked: true,
      observation: {
        hello: false,
        loadEvent: true,
        contentDocument: 'null',
        href: { allowed: false, error: 'SecurityError' },
        origin: { allowed: false, error: 'SecurityError' },
        url: { allowed: false, error: 'SecurityError' },
      },
      evidence: { doc: { arrived: false } },
    },
    control: {
      sameOrigin: true,
      expect: {
        observation: { hello: true, loadEvent: true, contentDocument: 'document', origin: { allowed: true, value: 'https://site.test' } },
        evidence: { doc: { arrived: true, reached: 'site' } },
      },
    },
  };
}

/** Popups are top-level navigations: not mixed content; the http page loads and reports its own origin. */
function popup(at: OriginName, slug: string, what: string, origin: string): ScenarioOf<'popup'> {
  return {
    id: `sop.mixed.popup.${slug}-loads`,
    area,
    title: `a popup from an https page to ${what} is a top-level navigation, not mixed content: it loads over http`,
    spec: ['mixedShouldBlock', 'windowOpen'],
    responses: { doc: AGENT },
    probe: { kind: 'popup', params: { open: { at, response: 'doc', mailbox: 'popup' } } },
    expect: {
      blocked: false,
      observation: { opened: true, report: true, popupOrigin: origin, popupOpener: 'present' },
      evidence: { doc: { arrived: true, reached: at } },
    },
    oneAtATime: true,
  };
}

const RAW: ScenarioInput[] = [
  ...HTTP_TARGETS.map((t) => upgraded('img', t.at, t.https, t.slug, t.what)),
  upgraded('img', 'httpSub', 'sub', 'same-site', 'http://sub.site.test (same site, other host)'),
  ...HTTP_TARGETS.map((t) => upgraded('audio', t.at, t.https, t.slug, t.what)),
  {
    id: 'sop.mixed.img.other-port-never-http',
    area,
    title: "an https page's <img> from http://site.test:8080 is never fetched over http: the upgrade keeps port 8080 (https://site.test:8080 does not answer)",
    spec: ['mixedUpgrade', 'mixedContentFetch'],
    responses: { res: PNG },
    probe: { kind: 'embed', params: { element: 'img', target: { at: 'httpSitePort', response: 'res' } } },
    expect: { blocked: true, observation: { loaded: false, event: 'error' }, evidence: { res: { arrived: false } } },
    control: { sameOrigin: true, expect: { observation: { loaded: true }, evidence: { res: { arrived: true, reached: 'site' } } } },
  },
  {
    id: 'sop.mixed.img.same-host-upgraded-canvas-clean',
    area,
    title: 'an upgraded image from http://site.test is same origin with https://site.test: the canvas stays readable',
    spec: ['mixedUpgrade', 'mainFetch', 'canvasTaint'],
    responses: { res: PNG },
    probe: { kind: 'embed', params: { element: 'img', target: { at: 'httpSite', response: 'res' }, read: 'canvas' } },
    expect: { blocked: false, observation: { loaded: true, read: { allowed: true } }, evidence: { res: { reached: 'site' } } },
    control: { sameOrigin: true, expect: { observation: { loaded: true, read: { allowed: true } } } },
  },
  ...HTTP_TARGETS.flatMap((t) => blockables(t.at, t.slug, t.what)),
  ...HTTP_TARGETS.map((t) => blockedFrame(t.at, t.slug, t.what)),
  popup('httpSite', 'same-host', 'http://site.test (same host)', 'http://site.test'),
  popup('httpOther', 'other-site', 'http://other.test (another site)', 'http://other.test'),
];

export const scenarios: ScenarioInput[] = withBound(RAW);
