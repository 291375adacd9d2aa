/**
 * Cross-Origin-Opener-Policy (seed claim C80): which popups stay in the opener's browsing context
 * group, observed from both sides — the opener's WindowProxy (closed, postMessage answered) and
 * the popup's own window.opener, reported through the server mailbox because a severed popup
 * cannot postMessage its opener. Expectations are computed by transcribing HTML's
 * "check if popup COOP values require a browsing context group switch" (common.ts).
 * Popup scenarios share a visit per opener page, one popup at a time (serial).
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import { checkStated, type ObservationOf, type ScenarioInput, type ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { agent } from '../lib.ts';
import { COOP, COOP_RO, COOP_SLUG, navigationDecision, originOf, popupDecision, type CoopValue } from './common.ts';

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

// ---- window.open: opener COOP × relation × popup COOP, answer on the line ----
const FILE = 'scenarios/isolation/coop.ts';
type Coop = CoopValue | 'absent';
type Relation = 'same-origin' | 'same-site' | 'other-site';
const RELATIONS: Record<Relation, { at: OriginName; what: string }> = {
  'same-origin': { at: 'site', what: 'same origin' },
  'same-site': { at: 'sub', what: 'same site (sub.site.test)' },
  'other-site': { at: 'other', what: 'other site (other.test)' },
};

/**
 * The opener (https://site.test) opens a popup: its COOP, where the popup is, the popup's COOP,
 * and whether the popup stays in the opener's browsing context group ('kept') or not
 * ('severed'), laid out like WPT's html/cross-origin-opener-policy/popup-*.https.html tables.
 * Written by hand; loading checks each row against HTML's algorithm (common.ts) and names the
 * step where they disagree.
 */
export const WINDOW_OPEN: Array<[opener: Coop, relation: Relation, popup: Coop, outcome: 'kept' | 'severed']> = [
  // opener (no COOP)
  ['absent', 'same-origin', 'absent', 'kept'],
  ['absent', 'same-origin', 'same-origin-allow-popups', 'severed'],
  ['absent', 'same-origin', 'same-origin', 'severed'],
  ['absent', 'same-origin', 'noopener-allow-popups', 'severed'],
  ['absent', 'same-site', 'absent', 'kept'],
  ['absent', 'same-site', 'same-origin-allow-popups', 'severed'],
  ['absent', 'same-site', 'same-origin', 'severed'],
  ['absent', 'same-site', 'noopener-allow-popups', 'severed'],
  ['absent', 'other-site', 'absent', 'kept'],
  ['absent', 'other-site', 'same-origin-allow-popups', 'severed'],
  ['absent', 'other-site', 'same-origin', 'severed'],
  ['absent', 'other-site', 'noopener-allow-popups', 'severed'],
  // opener unsafe-none
  ['unsafe-none', 'same-origin', 'absent', 'kept'],
  ['unsafe-none', 'same-origin', 'same-origin-allow-popups', 'severed'],
  ['unsafe-none', 'same-origin', 'same-origin', 'severed'],
  ['unsafe-none', 'same-origin', 'noopener-allow-popups', 'severed'],
  ['unsafe-none', 'same-site', 'absent', 'kept'],
  ['unsafe-none', 'same-site', 'same-origin-allow-popups', 'severed'],
  ['unsafe-none', 'same-site', 'same-origin', 'severed'],
  ['unsafe-none', 'same-site', 'noopener-allow-popups', 'severed'],
  ['unsafe-none', 'other-site', 'absent', 'kept'],
  ['unsafe-none', 'other-site', 'same-origin-allow-popups', 'severed'],
  ['unsafe-none', 'other-site', 'same-origin', 'severed'],
  ['unsafe-none', 'other-site', 'noopener-allow-popups', 'severed'],
  // opener same-origin-allow-popups
  ['same-origin-allow-popups', 'same-origin', 'absent', 'kept'],
  ['same-origin-allow-popups', 'same-origin', 'same-origin-allow-popups', 'kept'],
  ['same-origin-allow-popups', 'same-origin', 'same-origin', 'severed'],
  ['same-origin-allow-popups', 'same-origin', 'noopener-allow-popups', 'severed'],
  ['same-origin-allow-popups', 'same-site', 'absent', 'kept'],
  ['same-origin-allow-popups', 'same-site', 'same-origin-allow-popups', 'severed'],
  ['same-origin-allow-popups', 'same-site', 'same-origin', 'severed'],
  ['same-origin-allow-popups', 'same-site', 'noopener-allow-popups', 'severed'],
  ['same-origin-allow-popups', 'other-site', 'absent', 'kept'],
  ['same-origin-allow-popups', 'other-site', 'same-origin-allow-popups', 'severed'],
  ['same-origin-allow-popups', 'other-site', 'same-origin', 'severed'],
  ['same-origin-allow-popups', 'other-site', 'noopener-allow-popups', 'severed'],
  // opener same-origin
  ['same-origin', 'same-origin', 'absent', 'severed'],
  ['same-origin', 'same-origin', 'same-origin-allow-popups', 'severed'],
  ['same-origin', 'same-origin', 'same-origin', 'kept'],
  ['same-origin', 'same-origin', 'noopener-allow-popups', 'severed'],
  ['same-origin', 'same-site', 'absent', 'severed'],
  ['same-origin', 'same-site', 'same-origin-allow-popups', 'severed'],
  ['same-origin', 'same-site', 'same-origin', 'severed'],
  ['same-origin', 'same-site', 'noopener-allow-popups', 'severed'],
  ['same-origin', 'other-site', 'absent', 'severed'],
  ['same-origin', 'other-site', 'same-origin-allow-popups', 'severed'],
  ['same-origin', 'other-site', 'same-origin', 'severed'],
  ['same-origin', 'other-site', 'noopener-allow-popups', 'severed'],
  // opener noopener-allow-popups
  ['noopener-allow-popups', 'same-origin', 'absent', 'kept'],
  ['noopener-allow-popups', 'same-origin', 'same-origin-allow-popups', 'severed'],
  ['noopener-allow-popups', 'same-origin', 'same-origin', 'severed'],
  ['noopener-allow-popups', 'same-origin', 'noopener-allow-popups', 'severed'],
  ['noopener-allow-popups', 'same-site', 'absent', 'kept'],
  ['noopener-allow-popups', 'same-site', 'same-origin-allow-popups', 'severed'],
  ['noopener-allow-popups', 'same-site', 'same-origin', 'severed'],
  ['noopener-allow-popups', 'same-site', 'noopener-allow-popups', 'severed'],
  ['noopener-allow-popups', 'other-site', 'absent', 'kept'],
  ['noopener-allow-popups', 'other-site', 'same-origin-allow-popups', 'severed'],
  ['noopener-allow-popups', 'other-site', 'same-origin', 'severed'],
  ['noopener-allow-popups', 'other-site', 'noopener-allow-popups', 'severed'],
  // an explicit unsafe-none on the popup behaves like no header
  ['same-origin-allow-popups', 'other-site', 'unsafe-none', 'kept'],
  ['same-origin', 'other-site', 'unsafe-none', 'severed'],
  ['noopener-allow-popups', 'other-site', 'unsafe-none', 'kept'],
];

const value = (c: Coop): CoopValue | undefined => (c === 'absent' ? undefined : c);
function slug(v: CoopValue | undefined): string {
  return v ? COOP_SLUG[v] : 'absent';
}

export function windowOpen([openerCoop, relation, popupCoop, stated]: (typeof WINDOW_OPEN)[number]): ScenarioOf<'popup'> {
  const opener = value(openerCoop);
  const popup = value(popupCoop);
  const rel = RELATIONS[relation];
  const o: CoopValue = opener ?? 'unsafe-none';
  const p: CoopValue = popup ?? 'unsafe-none';
  const id = `isolation.coop.open.${slug(opener)}.${relation}.${slug(popup)}`;
  const decision = popupDecision(o, 'site', p, rel.at);
  checkStated(FILE, id, 'outcome', stated, { outcome: decision.switched ? 'severed' : 'kept', step: decision.step });
  const severed = stated === 'severed';
  const crossOrigin = rel.at !== 'site';
  const claims = (o === 'same-origin' || p === 'same-origin') && crossOrigin ? ['C80'] : undefined;
  return {
    id,
    area: AREA,
    title: `window.open: opener COOP ${opener ?? '(absent)'}, ${rel.what} popup with COOP ${popup ?? '(absent)'} is ${stated}`,
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

const matrix: ScenarioInput[] = WINDOW_OPEN.map(windowOpen);

// ---- <a target=_blank>: noopener by default; rel=opener restores the opener unless COOP severs ----
/** Opener COOP, where the link goes, its rel, and whether the new page keeps its opener. */
const ANCHORS: Array<[opener: Coop, target: 'same-origin' | 'other-site', rel: 'default-rel' | 'opener', outcome: 'kept' | 'lost']> = [
  ['absent', 'same-origin', 'default-rel', 'lost'],
  ['absent', 'same-origin', 'opener', 'kept'],
  ['absent', 'other-site', 'default-rel', 'lost'],
  ['absent', 'other-site', 'opener', 'kept'],
  ['same-origin', 'same-origin', 'default-rel', 'lost'],
  ['same-origin', 'same-origin', 'opener', 'lost'],
  ['same-origin', 'other-site', 'default-rel', 'lost'],
  ['same-origin', 'other-site', 'opener', 'lost'],
];

function anchorDecision(o: CoopValue, at: OriginName, noopener: boolean): { outcome: string; step: string } {
  if (noopener) return { outcome: 'lost', step: 'HTML "get an element\'s noopener": target=_blank without rel=opener means noopener' };
  const d = popupDecision(o, 'site', 'unsafe-none', at);
  return { outcome: d.switched ? 'lost' : 'kept', step: d.step };
}

function anchor([openerCoop, target, relSlug, stated]: (typeof ANCHORS)[number]): ScenarioInput {
  const opener = value(openerCoop);
  const at: OriginName = target === 'same-origin' ? 'site' : 'other';
  const rel = relSlug === 'opener' ? 'opener' : undefined;
  const o: CoopValue = opener ?? 'unsafe-none';
  const noopener = rel !== 'opener';
  checkStated(FILE, `isolation.coop.anchor.${slug(opener)}.${target}.${relSlug}`, 'outcome', stated, anchorDecision(o, at, noopener));
  const lost = stated === 'lost';
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
const anchors: ScenarioInput[] = ANCHORS.map(anchor);

// ---- popups opened from inside an iframe of a COOP page ----
function fromFrame(
  pageCoop: CoopValue,
  frameAt: OriginName,
  popupAt: OriginName,
  popupCoop: CoopValue | undefined,
  stated: 'kept' | 'severed' | 'noopener',
): ScenarioInput {
  const frameSameOrigin = frameAt === 'site';
  // Rules for choosing a navigable: a document not same origin with a COOP same-origin top level opens with noopener.
  const noopenerRule = pageCoop === 'same-origin' && !frameSameOrigin;
  // The popup's initial about:blank inherits the top-level COOP only when its creator is same origin with the top level.
  const inherited: CoopValue = frameSameOrigin ? pageCoop : 'unsafe-none';
  const d = popupDecision(inherited, frameAt, popupCoop ?? 'unsafe-none', popupAt);
  const model = noopenerRule
    ? {
        outcome: 'noopener',
        step: 'HTML "the rules for choosing a navigable": a document not same origin with its COOP same-origin top-level document opens with noopener',
      }
    : { outcome: d.switched ? 'severed' : 'kept', step: d.step };
  const id = `isolation.coop.from-frame.${COOP_SLUG[pageCoop]}.frame-${frameAt === 'site' ? 'same-origin' : frameAt === 'sub' ? 'same-site' : 'other-site'}.popup-${popupAt === 'site' ? 'same-origin' : 'other-site'}-${slug(popupCoop)}`;
  checkStated(FILE, id, 'outcome', stated, model);
  const forcedNoopener = stated === 'noopener';
  const severed = stated === 'severed';
  const observation = forcedNoopener
    ? { opened: false, report: true, popupOpener: 'null', hello: false, pong: false }
    : severed
      ? { ...SEVERED }
      : { ...kept(frameAt) };
  const blocked = forcedNoopener || severed;
  return {
    id,
    area: AREA,
    title: `window.open from a ${frameSameOrigin ? 'same-origin' : 'cross-origin'} iframe of a COOP ${pageCoop} page, popup at ${popupAt} with COOP ${popupCoop ?? '(absent)'}: ${stated}`,
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
  fromFrame('same-origin', 'site', 'site', 'same-origin', 'kept'),
  fromFrame('same-origin', 'sub', 'site', 'same-origin', 'noopener'),
  fromFrame('same-origin', 'other', 'site', 'same-origin', 'noopener'),
  fromFrame('same-origin', 'site', 'other', undefined, 'severed'),
  fromFrame('same-origin', 'other', 'other', undefined, 'noopener'),
  fromFrame('same-origin-allow-popups', 'other', 'other', undefined, 'kept'),
  fromFrame('same-origin-allow-popups', 'site', 'other', undefined, 'kept'),
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
  stated: 'kept' | 'severed' | 'severed-by-navigation',
): ScenarioInput {
  const o: CoopValue = opener ?? 'unsafe-none';
  const first = popupDecision(o, 'site', popupCoop ?? 'unsafe-none', popupAt);
  const nav = navigationDecision(popupCoop ?? 'unsafe-none', popupAt, navCoop ?? 'unsafe-none', navAt);
  const model = first.switched
    ? { outcome: 'severed', step: first.step }
    : { outcome: nav.switched ? 'severed-by-navigation' : 'kept', step: `${first.step}; then ${nav.step}` };
  checkStated(FILE, `isolation.coop.navigate.${slugName}`, 'outcome', stated, model);
  const severedFirst = stated === 'severed';
  const severedByNav = stated === 'severed-by-navigation';
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
    'severed',
  ),
  navigate(
    'severed-popup-same-site',
    'The opener cannot navigate a same-site popup COOP already severed',
    'same-origin',
    'sub',
    undefined,
    'sub',
    undefined,
    'severed',
  ),
  navigate(
    'kept-popup-to-plain',
    'A kept popup navigated by its opener to another plain page keeps its opener',
    undefined,
    'other',
    undefined,
    'other',
    undefined,
    'kept',
  ),
  navigate(
    'kept-popup-into-coop',
    'A kept popup navigated by its opener into a COOP same-origin page is severed by that navigation',
    undefined,
    'other',
    undefined,
    'other',
    'same-origin',
    'severed-by-navigation',
  ),
  navigate(
    'coop-popup-out-of-coop',
    'A same-origin COOP popup navigated to a same-origin page without COOP is severed (non-matching values)',
    'same-origin',
    'site',
    'same-origin',
    'site',
    undefined,
    'severed-by-navigation',
  ),
  navigate(
    'coop-popup-within-coop',
    'A same-origin COOP popup navigated to another same-origin COOP page stays in the group',
    'same-origin',
    'site',
    'same-origin',
    'site',
    'same-origin',
    'kept',
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
