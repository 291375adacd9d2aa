/**
 * One derived probe on one engine → whether the intent holds there, and why.
 *
 *   holds         the engine did what the intent needs, and the standard (its model, run on the
 *                 headers the server actually sent) agrees it must
 *   broken        the engine did otherwise; or it did what the intent needs only because it
 *                 deviates from the standard, so engines that follow the standard break it
 *   inconclusive  the probe proves nothing: its control failed, it ran out of time, the page did
 *                 not run where planned, or an expected refusal never reached the server
 *   unsupported   the probe does not hold in an engine that does not implement the feature it
 *                 needs (the catalog records the engine's deviation, with its reason and link): the
 *                 intent cannot hold there, whatever the server sends
 *   error         the user's server is down, answered something that is not HTTP, or hung
 *
 * The row's own verdict (harness/judge/verdict.ts: observation vs the intent's expectation, control
 * checked) decides what the engine did; the explanation (explain.ts) decides what the standard says.
 */
import type { ResultRow } from '../harness/judge/results.ts';
import type { Observation } from '../protocol/visit.ts';
import { ENGINE_NAMES, type EngineFamily } from '../engines/engine.ts';
import { recordedDeviations } from '../scenarios/deviations/index.ts';
import { probeKindOf } from './intents/index.ts';
import { explain } from './explain.ts';
import { targetRequests, type AuditProbe, type Explanation } from './probe.ts';

export type AuditVerdict = 'holds' | 'broken' | 'unsupported' | 'inconclusive' | 'error';

export interface AuditOutcome {
  probe: AuditProbe;
  engine: string;
  verdict: AuditVerdict;
  /** One paragraph a person can act on. */
  message: string;
  /** What the engine did, in the probe's words. */
  observed: string;
  /** The standard's model on the server's actual headers. */
  standard: Explanation;
  /** Whether this engine did what the standard says (undefined when either side is unknown). */
  followsStandard?: boolean;
  /** The row, its verdict and reason replaced by the audit's (for the matrix and the results file). */
  row: ResultRow;
}

/** What the engine did, in the probe kind's words. */
function observedWords(p: AuditProbe, o: Observation | null): { words: string; good?: boolean } {
  return o ? probeKindOf(p.intentId, p.kind).observed(p, o) : { words: 'nothing was reported' };
}

function headerLines(e: Explanation, p: AuditProbe): string {
  const relevant = probeKindOf(p.intentId, p.kind).relevantHeaders;
  return e.exchanges
    .map((x) => {
      const lines = (x.headers ?? []).filter(([n]) => relevant.test(n)).map(([n, v]) => `${n}: ${v}`);
      return `  ${x.request.replace(/[?&]__op[vp]=[^&]*/g, '')}${x.origin ? ` (Origin: ${x.origin})` : ''} → ${x.error ?? `${x.status} ${lines.length ? lines.join(' | ') : '(none of the headers that decide this)'}`}`;
    })
    .join('\n');
}

/** The recorded engine deviation that explains what this engine did, if the probe kind knows one. */
function recordedDeviation(p: AuditProbe, row: ResultRow): string {
  return probeKindOf(p.intentId, p.kind).deviation?.(p, row) ?? '';
}

/** The engine's recorded lack of the feature the probe needs (the catalog's deviation for the scenario that shows it), if any. */
export function missingSupport(p: AuditProbe, engine: string): { feature: string; reason: string; link: string } | undefined {
  const needs = probeKindOf(p.intentId, p.kind).needs;
  if (!needs || !(ENGINE_NAMES as string[]).includes(engine)) return undefined;
  const d = recordedDeviations(needs.scenario)?.[engine as EngineFamily];
  return d ? { feature: needs.feature, reason: d.reason, link: d.link } : undefined;
}

const AUDIT_ROW_VERDICT: Record<AuditVerdict, ResultRow['verdict']> = {
  holds: 'pass',
  broken: 'fail',
  // The engine's recorded deviation: the row reads as one in the matrix, the audit's test still fails.
  unsupported: 'known-deviation',
  inconclusive: 'inconclusive',
  error: 'error',
};

export function judgeAudit(p: AuditProbe, row: ResultRow): AuditOutcome {
  const requests = row.evidence.requests;
  const standard = explain(p, requests);
  const seen = observedWords(p, row.observed);
  const reached = targetRequests(p, requests);
  const down = reached.find((r) => r.upstream?.error);
  const finish = (verdict: AuditVerdict, message: string): AuditOutcome => {
    const should = standard.engineShould ?? standard.holds;
    const followsStandard = should === undefined || seen.good === undefined ? undefined : seen.good === should;
    const auditRow: ResultRow = {
      ...row,
      verdict: AUDIT_ROW_VERDICT[verdict],
      reason: message,
    };
    return { probe: p, engine: row.engine, verdict, message, observed: seen.words, standard, followsStandard, row: auditRow };
  };
  const server = standard.exchanges.length ? `\nyour server answered:\n${headerLines(standard, p)}` : '';
  const model = standard.why.length ? `\nby the standard: ${standard.why.join('; ')}` : '';

  if (down) return finish('error', `${p.title}: cannot be judged: ${down.upstream!.error}`);
  if (row.verdict === 'error') return finish('error', `${p.title}: ${row.reason}`);
  const missing = row.verdict === 'pass' ? undefined : missingSupport(p, row.engine);
  if (missing) {
    const yours =
      standard.holds === false
        ? `; your server's answer would not hold even where it is supported`
        : standard.holds === true
          ? `; your server's answer holds by the standard, where it is supported`
          : '';
    return finish(
      'unsupported',
      `${p.title}: cannot hold in ${row.engine}: ${row.engine} does not support ${missing.feature} (a recorded deviation: ${missing.reason}; ${missing.link}) — what it showed: ${seen.words}${yours}${model}${server}`,
    );
  }
  if (row.verdict === 'timeout' || row.verdict === 'inconclusive' || row.verdict === 'not-run')
    return finish('inconclusive', `${p.title}: proves nothing in ${row.engine}: ${row.reason}${server}`);
  if (!reached.some((r) => r.answer)) {
    // A refusal the server never saw says nothing about the server; a grant it never saw is broken.
    if (p.requester.attacker)
      return finish('inconclusive', `${p.title}: the request never reached your server in ${row.engine}, so nothing shows it refuses it`);
    return finish('broken', `${p.title}: broken in ${row.engine}: ${seen.words}; the browser never sent the request to your server${model}`);
  }
  const engineHolds = row.verdict === 'pass';
  if (engineHolds && standard.holds !== false) return finish('holds', `${p.title}: holds in ${row.engine} (${seen.words})${model}`);
  if (engineHolds && probeKindOf(p.intentId, p.kind).worksByAnswers)
    return finish('broken', `${p.title}: BROKEN in ${row.engine}: ${seen.words}, but by what your server answered it does not work${model}${server}`);
  if (engineHolds) {
    return finish(
      'broken',
      `${p.title}: BROKEN by the standard: ${row.engine} shows ${seen.words}, but only because it deviates from the standard${recordedDeviation(p, row)}; engines that follow it show ${standard.outcome}${model}${server}`,
    );
  }
  const agrees =
    standard.holds === false
      ? `${row.engine} follows the standard here`
      : standard.holds === true
        ? `the standard says it should hold: ${row.engine} deviates from it`
        : 'the standard cannot be judged from what your server sent';
  return finish('broken', `${p.title}: BROKEN in ${row.engine}: ${p.requester.label} → ${seen.words} (${agrees})${model}${server}`);
}
