/**
 * Cookies set from a cross-site context: https://site.test makes a credentialed cross-site
 * fetch, or embeds a cross-site frame, whose response (https://other.test) sets a cookie —
 * SameSite=None; Secure with and without Partitioned, SameSite=Lax, SameSite=Strict. Then: is
 * it sent back on the next cross-site request from site.test, and first-party (from a
 * top-level other.test document)?
 *
 * The standard's model (RFC 6265bis + CHIPS): a None cookie is stored and sent both ways; a
 * Partitioned one only under the top-level site it was set under; Lax and Strict cookies from
 * a cross-site response that is not a top-level navigation are ignored entirely. Blocking or
 * partitioning third-party cookies is a cookie policy the RFC allows (§7.1), so each engine's
 * policy is a deviation recorded with its position in scenarios/deviations/.
 *
 * Every scenario has a control in the same visit: the same cookie (same name and attributes) set
 * by a top-level response on other.test, and the same request made from that top-level page,
 * must carry it — so a "no cookie" always means the cookie was refused, never that the probe or
 * the Set-Cookie line was broken. No Path attribute: the default path is the setting URL's
 * directory (/__op/r/<probe key>), so the probe's cookie and its control's (key~control) never
 * reach each other's requests, nor any other scenario's: so they share a one-at-a-time visit
 * instead of a visit each.
 */
import type { ObservationOf, ScenarioInput, ScenarioOf, SequenceStep } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { AGENT, agent, text } from '../lib.ts';
import { withBound } from './common.ts';

const area = 'sop/cookies-cross-site';

type Attr = 'none' | 'partitioned' | 'lax' | 'strict';
type Setter = 'fetch' | 'frame';
type Check = 'cross-site' | 'first-party';

const ATTRIBUTES: Record<Attr, string> = {
  none: 'SameSite=None; Secure',
  partitioned: 'SameSite=None; Secure; Partitioned',
  lax: 'SameSite=Lax; Secure',
  strict: 'SameSite=Strict; Secure',
};

/** The standard's answer: which checks carry the cookie set from a cross-site context. */
const SENT: Record<Attr, Record<Check, boolean>> = {
  none: { 'cross-site': true, 'first-party': true },
  partitioned: { 'cross-site': true, 'first-party': false },
  lax: { 'cross-site': false, 'first-party': false },
  strict: { 'cross-site': false, 'first-party': false },
};

/** A credentialed CORS response, readable by site.test (so the fetch itself succeeds). */
function credentialed(extra: Array<[string, string]> = []): DeclaredResponse {
  return text([['Access-Control-Allow-Origin', '{{origin}}'], ['Access-Control-Allow-Credentials', 'true'], ...extra]);
}

const CHECK_RESPONSE: Record<Check, string> = { 'cross-site': 'back', 'first-party': 'first' };
type SequenceObservation = ObservationOf<'sequence'>;

/** The credentialed request whose Cookie header answers the question; `in` runs it in a named context. */
function checkFetch(check: Check, inContext?: string): SequenceStep {
  return {
    kind: 'fetch',
    params: { target: { at: 'other', response: CHECK_RESPONSE[check] }, credentials: 'include' },
    ...(inContext ? { in: inContext } : {}),
  };
}

function scenario(setter: Setter, attr: Attr, check: Check): ScenarioOf<'sequence'> {
  const name = `xs_${attr}`;
  const sent = SENT[attr][check];
  const setCookie: [string, string] = ['Set-Cookie', `${name}=1; ${ATTRIBUTES[attr]}`];
  const setStep: SequenceStep =
    setter === 'fetch'
      ? { kind: 'fetch', params: { target: { at: 'other', response: 'set' }, credentials: 'include' } }
      : { kind: 'embed', params: { element: 'iframe', target: { at: 'other', response: 'set' } } };
  const setObserved = setter === 'fetch' ? { resolved: true } : { loaded: true };
  const checkName = CHECK_RESPONSE[check];
  // First-party: the request is made from a top-level other.test popup (a context the sequence opens first).
  const firstParty = check === 'first-party';
  const observed: SequenceObservation = {
    ...(firstParty ? { contexts: { top: true } } : {}),
    steps: [setObserved, { resolved: true }],
  };
  const verb = firstParty ? 'sent first-party (from a top-level other.test page)' : 'sent back on a credentialed cross-site fetch from site.test';
  const from = setter === 'fetch' ? 'a credentialed cross-site fetch response' : "a cross-site iframe's response";
  return {
    id: `sop.xs-cookies.${setter}.${attr}.${sent ? 'sent' : 'not-sent'}-${check}`,
    area,
    title: `a ${ATTRIBUTES[attr]} cookie set by ${from} (other.test in site.test) is ${sent ? '' : 'not '}${verb}`,
    spec: [
      'cookieStorageModel',
      'cookieRetrieval',
      'siteForCookies',
      ...(attr === 'partitioned' ? (['chipsPartitionKey', 'chipsAttach'] as const) : []),
      ...(attr === 'none' || attr === 'partitioned' ? (['thirdPartyCookies'] as const) : []),
      'fetchCookies',
    ],
    responses: {
      set: setter === 'fetch' ? credentialed([setCookie]) : agent([setCookie]),
      back: credentialed(),
      doc: AGENT,
      first: credentialed(),
      // The control's setter: a top-level navigation response, which may set a cookie of any SameSite (§5.7 step 18.3).
      setTop: agent([setCookie]),
    },
    probe: {
      kind: 'sequence',
      params: {
        ...(firstParty ? { contexts: { top: { via: 'popup', at: 'other', response: 'doc' } } } : {}),
        steps: [setStep, checkFetch(check, firstParty ? 'top' : undefined)],
      },
      timeoutMs: 15_000,
    },
    expect: {
      blocked: !sent,
      observation: observed,
      evidence: { set: { arrived: true }, [checkName]: { arrived: true, cookies: sent ? [name] : [] } },
    },
    // The same cookie set top-level on other.test, the same request made from there: it must carry the cookie.
    control: {
      patch: {
        probe: { params: { contexts: { top: { via: 'popup', at: 'other', response: 'setTop' } }, steps: [checkFetch(check, 'top')] } },
      },
      expect: {
        observation: { contexts: { top: true }, steps: [{ resolved: true }] },
        evidence: { setTop: { arrived: true }, [checkName]: { arrived: true, cookies: [name] } },
      },
    },
    oneAtATime: true,
  };
}

const SETTERS: Setter[] = ['fetch', 'frame'];
const ATTRS: Attr[] = ['none', 'partitioned', 'lax', 'strict'];
const CHECKS: Check[] = ['cross-site', 'first-party'];

const RAW: ScenarioInput[] = SETTERS.flatMap((setter) => ATTRS.flatMap((attr) => CHECKS.map((check) => scenario(setter, attr, check))));

export const scenarios: ScenarioInput[] = withBound(RAW);
