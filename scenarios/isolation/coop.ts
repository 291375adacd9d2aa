/**
 * Cross-Origin-Opener-Policy (seed claim C80): which popups stay in the opener's browsing context
 * group, observed from both sides — the opener's WindowProxy (closed, postMessage answered) and
 * the popup's own window.opener, reported through the server mailbox because a severed popup
 * cannot postMessage its opener. Expectations are computed by transcribing HTML's
 * "check if popup COOP values require a browsing context group switch" (common.ts).
 * Popup scenarios share a visit per opener page, one popup at a time (serial).
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ObservationOf, ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { agent } from '../lib.ts';
import { COOP, COOP_RO, COOP_SLUG, navigationSwitch, originOf, popupSwitch, type CoopValue } from './common.ts';

const AREA = 'isolation/coop';
const TIMEOUT = 15_000;
// Every scenario here is `serial`: it shares a visit with others of the same opener page, one
// popup at a time; four popups at once on a loaded machine miss their bounds (measured: Chromium).

function kept(pageAt: OriginName): ObservationOf<'popup'> {
  return { opened: true, report: true, popupOpener: 'present', hello: true, closed: false, pong: true, pongOrigin: originOf(pageAt) };
}
const SEVERED = { opened: true, report: true, popupOpener: 'null', hello: false, closed: true, pong: false };

function coopHeaders(v: CoopValue | undefined): Array<[string, string]> {
  return v ? [[COOP, v]] : [];
}

/** A popup configuration HTML keeps in the group, to prove the probe works in the same visit. */
function keepingControl(opener: CoopValue): NonNullable<ScenarioOf<'popup'>['control']> {
  const popupCoop: CoopValue | undefined = opener === 'same-origin' || opener === 'same-origin-allow-popups' ? opener : undefined;
  return { sameOrigin: true, patch: { responses: { popup: { headers: coopHeaders(popupCoop) } } }, expect: { observation: kept('site') } };
}

// ---- window.open matrix: opener COOP × relation × popup COOP ----
const OPENER: Array<CoopValue | undefined> = [undefined, 'unsafe-none', 'same-origin-allow-popups', 'same-origin', 'noopener-allow-popups'];
const POPUP: Array<CoopValue | undefined> = [undefined, 'same-origin-allow-popups', 'same-origin', 'noopener-allow-popups'];
const RELATIONS: Array<{ slug: string; at: OriginName; what: string }> = [
  { slug: 'same-origin', at: 'site', what: 'same origin' },
  { slug: 'same-site', at: 'sub', what: 'same site (sub.site.test)' },
  { slug: 'other-site', at: 'other', what: 'other site (other.test)' },
];

function slug(v: CoopValue | undefined): string {
  return v ? COOP_SLUG[v] : 'absent';
}

function windowOpen(opener: CoopValue | undefined, rel: (typeof RELATIONS)[number], popup: CoopValue | undefined): ScenarioOf<'popup'> {
  const o: CoopValue = opener ?? 'unsafe-none';
  const p: CoopValue = popup ?? 'unsafe-none';
  const severed = popupSwitch(o, 'site', p, rel.at);
  const crossOrigin = rel.at !== 'site';
  const claims = (o === 'same-origin' || p === 'same-origin') && crossOrigin ? ['C80'] : undefined;
  return {
    id: `isolation.coop.open.${slug(opener)}.${rel.slug}.${slug(popup)}`,
    area: AREA,
    title: `window.open: opener COOP ${opener ?? '(absent)'}, ${rel.what} popup with COOP ${popup ?? '(absent)'} is ${severed ? 'severed' : 'kept'}`,
    ...(claims ? { claims } : {}),
    spec: ['coopPopupSwitch', 'matchingCoop', 'coopInherit', 'closed'],
    page: { at: 'site', headers: coopHeaders(opener) },
    responses: { popup: agent(coopHeaders(popup)) },
    probe: { kind: 'popup', params: { open: { at: rel.at, response: 'popup', mailbox: 'popup' } }, timeoutMs: TIMEOUT },
    expect: { blocked: severed, observation: severed ? { ...SEVERED, popupOrigin: originOf(rel.at) } : { ...kept('site'), popupOrigin: originOf(rel.at) } },
    ...(severed ? { control: keepingControl(o) } : {}),
    serial: true,
  };
}

const matrix: ScenarioInput[] = [];
for (const opener of OPENER) for (const rel of RELATIONS) for (const popup of POPUP) matrix.push(windowOpen(opener, rel, popup));
// An explicit `unsafe-none` on the popup behaves like no header.
for (const opener of ['same-origin-allow-popups', 'same-origin', 'noopener-allow-popups'] as CoopValue[]) {
  const s = windowOpen(opener, RELATIONS[2], 'unsafe-none');
  matrix.push(s);
}

// ---- <a target=_blank>: noopener by default; rel=opener restores the opener unless COOP severs ----
function anchor(opener: CoopValue | undefined, at: OriginName, rel: string | undefined): ScenarioInput {
  const o: CoopValue = opener ?? 'unsafe-none';
  const noopener = rel !== 'opener';
  const severed = !noopener && popupSwitch(o, 'site', 'unsafe-none', at);
  const lost = noopener || severed;
  const observation = lost
    ? { opened: true, report: true, popupOpener: 'null', hello: false, pong: false }
    : { opened: true, report: true, popupOpener: 'present', hello: true, pong: true, pongOrigin: originOf('site') };
  return {
    id: `isolation.coop.anchor.${slug(opener)}.${at === 'site' ? 'same-origin' : 'other-site'}.${rel ?? 'default-rel'}`,
    area: AREA,
    title: `<a target=_blank${rel ? ` rel=${rel}` : ''}> from a page with COOP ${opener ?? '(absent)'} to a ${at === 'site' ? 'same-origin' : 'other-site'} page: opener ${lost ? 'lost' : 'kept'}`,
    ...(opener === 'same-origin' && at !== 'site' ? { claims: ['C80'] } : {}),
    spec: ['elementNoopener', 'coopPopupSwitch', 'matchingCoop'],
    page: { at: 'site', headers: coopHeaders(opener) },
    responses: { popup: agent() },
    probe: { kind: 'popup', params: { via: 'anchor', ...(rel ? { rel } : {}), open: { at, response: 'popup', mailbox: 'popup' } }, timeoutMs: TIMEOUT },
    expect: { blocked: lost, observation },
    ...(lost
      ? {
          control: {
            sameOrigin: true,
            patch: { probe: { params: { rel: 'opener' } }, responses: { popup: { headers: coopHeaders(o === 'same-origin' ? 'same-origin' : undefined) } } },
            expect: { observation: { opened: true, report: true, popupOpener: 'present', hello: true, pong: true } },
          },
        }
      : {}),
    serial: true,
  };
}
const anchors: ScenarioInput[] = [];
for (const opener of [undefined, 'same-origin'] as Array<CoopValue | undefined>) {
  for (const at of ['site', 'other'] as OriginName[]) for (const rel of [undefined, 'opener']) anchors.push(anchor(opener, at, rel));
}

// ---- popups opened from inside an iframe of a COOP page ----
function fromFrame(pageCoop: CoopValue, frameAt: OriginName, popupAt: OriginName, popupCoop: CoopValue | undefined): ScenarioInput {
  const frameSameOrigin = frameAt === 'site';
  // Rules for choosing a navigable: a document not same origin with a COOP same-origin top level opens with noopener.
  const forcedNoopener = pageCoop === 'same-origin' && !frameSameOrigin;
  // The popup's initial about:blank inherits the top-level COOP only when its creator is same origin with the top level.
  const inherited: CoopValue = frameSameOrigin ? pageCoop : 'unsafe-none';
  const severed = !forcedNoopener && popupSwitch(inherited, frameAt, popupCoop ?? 'unsafe-none', popupAt);
  const observation = forcedNoopener
    ? { opened: false, report: true, popupOpener: 'null', hello: false, pong: false }
    : severed
      ? { ...SEVERED }
      : { ...kept(frameAt) };
  const blocked = forcedNoopener || severed;
  return {
    id: `isolation.coop.from-frame.${COOP_SLUG[pageCoop]}.frame-${frameAt === 'site' ? 'same-origin' : frameAt === 'sub' ? 'same-site' : 'other-site'}.popup-${popupAt === 'site' ? 'same-origin' : 'other-site'}-${slug(popupCoop)}`,
    area: AREA,
    title: `window.open from a ${frameSameOrigin ? 'same-origin' : 'cross-origin'} iframe of a COOP ${pageCoop} page, popup at ${popupAt} with COOP ${popupCoop ?? '(absent)'}: ${forcedNoopener ? 'noopener' : severed ? 'severed' : 'kept'}`,
    spec: ['choosingNavigable', 'coopInherit', 'coopPopupSwitch', 'windowOpen'],
    page: { at: 'site', headers: [[COOP, pageCoop]] },
    responses: { frame: agent(), popup: agent(coopHeaders(popupCoop)) },
    probe: {
      kind: 'popup',
      params: { open: { at: popupAt, response: 'popup', mailbox: 'popup' } },
      context: [{ via: 'iframe', at: frameAt, response: 'frame' }],
      timeoutMs: TIMEOUT,
    },
    expect: { blocked, observation },
    ...(blocked
      ? {
          control: {
            sameOrigin: true,
            patch: { responses: { popup: { headers: coopHeaders(pageCoop === 'same-origin' ? 'same-origin' : undefined) } } },
            expect: { observation: kept('site') },
          },
        }
      : {}),
    serial: true,
  };
}
const frames: ScenarioInput[] = [
  fromFrame('same-origin', 'site', 'site', 'same-origin'),
  fromFrame('same-origin', 'sub', 'site', 'same-origin'),
  fromFrame('same-origin', 'other', 'site', 'same-origin'),
  fromFrame('same-origin', 'site', 'other', undefined),
  fromFrame('same-origin', 'other', 'other', undefined),
  fromFrame('same-origin-allow-popups', 'other', 'other', undefined),
  fromFrame('same-origin-allow-popups', 'site', 'other', undefined),
];

// ---- the opener navigates its popup afterwards ----
function navigate(
  slugName: string,
  title: string,
  opener: CoopValue | undefined,
  popupAt: OriginName,
  popupCoop: CoopValue | undefined,
  navAt: OriginName,
  navCoop: CoopValue | undefined,
): ScenarioInput {
  const o: CoopValue = opener ?? 'unsafe-none';
  const severedFirst = popupSwitch(o, 'site', popupCoop ?? 'unsafe-none', popupAt);
  const severedByNav = !severedFirst && navigationSwitch(popupCoop ?? 'unsafe-none', popupAt, navCoop ?? 'unsafe-none', navAt);
  const navigateObs = severedFirst
    ? { report: false }
    : { report: true, opener: severedByNav ? 'null' : 'present', origin: originOf(navAt), closed: severedByNav };
  const blocked = severedFirst || severedByNav;
  return {
    id: `isolation.coop.navigate.${slugName}`,
    area: AREA,
    title,
    spec: ['coopPopupSwitch', 'coopSwitch', 'matchingCoop', 'locationSetter'],
    page: { at: 'site', headers: coopHeaders(opener) },
    responses: { popup: agent(coopHeaders(popupCoop)), next: agent(coopHeaders(navCoop)) },
    probe: {
      kind: 'popup',
      params: {
        open: { at: popupAt, response: 'popup', mailbox: 'popup' },
        navigate: { at: navAt, response: 'next', mailbox: 'nav' },
        ...(severedFirst ? { navWaitMs: 2500 } : {}),
      },
      timeoutMs: TIMEOUT,
    },
    expect: { blocked, observation: { report: true, navigate: navigateObs } },
    ...(blocked
      ? {
          control: {
            sameOrigin: true,
            patch: {
              responses: {
                popup: { headers: coopHeaders(opener === 'same-origin' ? 'same-origin' : undefined) },
                next: { headers: coopHeaders(opener === 'same-origin' ? 'same-origin' : undefined) },
              },
            },
            expect: { observation: { report: true, popupOpener: 'present', navigate: { report: true, opener: 'present', closed: false } } },
          },
        }
      : {}),
    serial: true,
  };
}
const navigations: ScenarioInput[] = [
  navigate(
    'severed-popup',
    'The opener cannot navigate a popup COOP already severed (its WindowProxy is closed)',
    'same-origin',
    'other',
    undefined,
    'other',
    undefined,
  ),
  navigate('severed-popup-same-site', 'The opener cannot navigate a same-site popup COOP already severed', 'same-origin', 'sub', undefined, 'sub', undefined),
  navigate(
    'kept-popup-to-plain',
    'A kept popup navigated by its opener to another plain page keeps its opener',
    undefined,
    'other',
    undefined,
    'other',
    undefined,
  ),
  navigate(
    'kept-popup-into-coop',
    'A kept popup navigated by its opener into a COOP same-origin page is severed by that navigation',
    undefined,
    'other',
    undefined,
    'other',
    'same-origin',
  ),
  navigate(
    'coop-popup-out-of-coop',
    'A same-origin COOP popup navigated to a same-origin page without COOP is severed (non-matching values)',
    'same-origin',
    'site',
    'same-origin',
    'site',
    undefined,
  ),
  navigate(
    'coop-popup-within-coop',
    'A same-origin COOP popup navigated to another same-origin COOP page stays in the group',
    'same-origin',
    'site',
    'same-origin',
    'site',
    'same-origin',
  ),
];

// ---- Report-Only never enforces; COOP on a non-secure context is ignored ----
function keptScenario(
  slugName: string,
  title: string,
  page: { at: OriginName; headers: Array<[string, string]> },
  popupAt: OriginName,
  popupHeaders: Array<[string, string]>,
  spec: CitationId[] = ['obtainCoop', 'coopPopupSwitch'],
): ScenarioOf<'popup'> {
  return {
    id: `isolation.coop.${slugName}`,
    area: AREA,
    title,
    spec,
    page,
    responses: { popup: agent(popupHeaders) },
    probe: { kind: 'popup', params: { open: { at: popupAt, response: 'popup', mailbox: 'popup' } }, timeoutMs: TIMEOUT },
    expect: { blocked: false, observation: { ...kept(page.at), popupOrigin: originOf(popupAt) } },
    serial: true,
  };
}
const reportOnly: ScenarioInput[] = [
  keptScenario(
    'report-only.opener',
    'Cross-Origin-Opener-Policy-Report-Only: same-origin on the opener does not sever an other-site popup',
    { at: 'site', headers: [[COOP_RO, 'same-origin']] },
    'other',
    [],
  ),
  keptScenario(
    'report-only.popup',
    'Cross-Origin-Opener-Policy-Report-Only: same-origin on the popup does not sever it from its other-site opener',
    { at: 'site', headers: [] },
    'other',
    [[COOP_RO, 'same-origin']],
  ),
  keptScenario(
    'report-only.both',
    'Report-Only same-origin on both opener and other-site popup: still kept',
    { at: 'site', headers: [[COOP_RO, 'same-origin']] },
    'other',
    [[COOP_RO, 'same-origin']],
  ),
  keptScenario(
    'report-only.allow-popups',
    'Report-Only same-origin-allow-popups opener, popup with Report-Only same-origin: kept',
    { at: 'site', headers: [[COOP_RO, 'same-origin-allow-popups']] },
    'sub',
    [[COOP_RO, 'same-origin']],
  ),
  keptScenario(
    'non-secure.both',
    'COOP same-origin on non-secure http pages is ignored: http://site.test opening http://site.test:8080 keeps the popup',
    { at: 'httpSite', headers: [[COOP, 'same-origin']] },
    'httpSitePort',
    [[COOP, 'same-origin']],
  ),
  keptScenario('non-secure.popup', 'COOP same-origin on a non-secure popup is ignored', { at: 'httpSite', headers: [] }, 'httpSitePort', [
    [COOP, 'same-origin'],
  ]),
];

/** Every generated COOP scenario. */
export const scenarios: ScenarioInput[] = [...matrix, ...anchors, ...frames, ...navigations, ...reportOnly];
