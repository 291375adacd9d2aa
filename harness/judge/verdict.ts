/**
 * Observation + expectation + evidence + control → verdict. The only place that decides.
 *  pass             observed what the standard says
 *  known-deviation  observed what this engine is recorded to do instead (reason and link kept)
 *  fixed-deviation  a recorded deviation no longer happens: the record needs updating (fails)
 *  fail             observed something else
 *  inconclusive     the control failed, the probe broke, or the page did not run where planned
 *  timeout          no observation within the probe's time bound
 *  error            the fixture server did not send a response as declared (served.ts): infrastructure
 * Two more are set outside this judge too, never from what the engine did:
 *  error            the infrastructure failed (engine would not start, died twice, the test threw)
 *  not-run          the run ended (interrupted, or stopped early) before this test ran
 */
import type { EngineName } from '../../engines/engine.ts';
import type { Observation } from '../../protocol/visit.ts';
import { mismatches } from '../scenario/match.ts';
import { NOTHING_ARRIVED, type ResponseEvidence } from './evidence.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { controlRequirements, mergedDeviation } from '../scenario/honesty.ts';

import type { Verdict } from './verdicts.ts';

export { PASSING, VERDICTS, type Verdict } from './verdicts.ts';

export interface Judgement {
  verdict: Verdict;
  /** One sentence a person can act on. */
  reason: string;
  mismatches: string[];
  control?: { observed: Observation | undefined; evidence: Record<string, ResponseEvidence>; ok: boolean; mismatches: string[] };
}

export interface JudgeInput {
  scenario: Scenario;
  engine: EngineName;
  observed: Observation | undefined;
  evidence: Record<string, ResponseEvidence>;
  controlObserved?: Observation | undefined;
  controlEvidence?: Record<string, ResponseEvidence>;
  /** The origin the runner page really had, and the one planned. */
  pageOrigin: { planned: string; actual: string | undefined };
  /** Responses of this probe (and its control) that the fixture server did not send as declared (served.ts). */
  served?: string[];
}

function evidenceMismatches(expected: Record<string, unknown> | undefined, evidence: Record<string, ResponseEvidence>): string[] {
  if (!expected) return [];
  return Object.entries(expected).flatMap(([name, exp]) => mismatches(exp, evidence[name] ?? NOTHING_ARRIVED, `evidence.${name}`));
}

function broken(o: Observation | undefined): string | undefined {
  if (o === undefined) return 'no observation was reported';
  if (o.timedOut) return `the probe did not finish within its time bound${o.probeError ? ` (${o.probeError})` : ''}`;
  if (o.probeError) return `the probe itself failed: ${o.probeError}`;
  if (o.contextReady === false) return 'the browsing context the probe runs in never became ready';
  return undefined;
}

export function judge(input: JudgeInput): Judgement {
  const { scenario: s, observed } = input;
  if (input.served?.length) {
    return {
      verdict: 'error',
      reason: `infrastructure failure, not an engine verdict: the fixture server did not answer as declared: ${input.served.join('; ')}`,
      mismatches: [],
    };
  }
  if (input.pageOrigin.actual !== input.pageOrigin.planned) {
    return {
      verdict: 'inconclusive',
      reason: `the page ran at ${input.pageOrigin.actual ?? '(never reported)'} instead of ${input.pageOrigin.planned}`,
      mismatches: [],
    };
  }
  let control: Judgement['control'];
  if (s.control) {
    const cm = broken(input.controlObserved)
      ? [broken(input.controlObserved)!]
      : [...mismatches(s.control.expect.observation, input.controlObserved), ...evidenceMismatches(s.control.expect.evidence, input.controlEvidence ?? {})];
    control = { observed: input.controlObserved, evidence: input.controlEvidence ?? {}, ok: cm.length === 0, mismatches: cm };
  }
  const b = broken(observed);
  if (b) {
    const timedOut = observed === undefined || !!observed.timedOut;
    return { verdict: timedOut ? 'timeout' : 'inconclusive', reason: b, mismatches: [], control };
  }
  const setup = setupProblem(s, input);
  if (setup) return { verdict: 'inconclusive', reason: setup, mismatches: [], control };
  if (control && !control.ok) {
    return { verdict: 'inconclusive', reason: `the control failed, so this probe proves nothing: ${control.mismatches.join('; ')}`, mismatches: [], control };
  }
  const found = [...mismatches(s.expect.observation, observed), ...evidenceMismatches(s.expect.evidence, input.evidence)];
  const deviation = s.deviations?.[input.engine];
  if (found.length === 0) {
    if (deviation) {
      return {
        verdict: 'fixed-deviation',
        reason: `${input.engine} now behaves as the standard says; remove the recorded deviation (${deviation.link})`,
        mismatches: [],
        control,
      };
    }
    const unproven = unprovenBy(control, controlRequirements({ ...s, deviations: {} }));
    if (unproven) return { verdict: 'inconclusive', reason: `observed what the standard expects, but ${unproven}`, mismatches: [], control };
    return { verdict: 'pass', reason: 'observed what the standard expects', mismatches: [], control };
  }
  if (deviation) {
    // A deviation replaces only the keys it names: everything else the standard expects still has to hold.
    const merged = mergedDeviation(s, deviation);
    const dm = [...mismatches(merged.observation, observed), ...evidenceMismatches(merged.evidence, input.evidence)];
    if (dm.length === 0) {
      const unproven = unprovenBy(control, controlRequirements({ ...s, deviations: { [input.engine]: deviation } }));
      if (unproven) return { verdict: 'inconclusive', reason: `observed the recorded deviation, but ${unproven}`, mismatches: found, control };
      return { verdict: 'known-deviation', reason: `${deviation.reason} (${deviation.link})`, mismatches: found, control };
    }
  }
  return { verdict: 'fail', reason: `observed differs from the standard: ${found.join('; ')}`, mismatches: found, control };
}

/** The scenario's setup, checked on the row's evidence and then its control's: what did not hold, named. */
function setupProblem(s: Scenario, input: JudgeInput): string | undefined {
  if (!s.setup) return undefined;
  const own = evidenceMismatches(s.setup.evidence, input.evidence);
  if (own.length) return `the setup does not hold (${s.setup.why}): ${own.join('; ')}`;
  if (!s.control) return undefined;
  const ctl = evidenceMismatches(s.setup.evidence, input.controlEvidence ?? {});
  if (ctl.length) return `the setup does not hold in the control (${s.setup.why}): ${ctl.join('; ')}`;
  return undefined;
}

/** Why a record that needs a control is not backed by one (the control itself was already judged ok). */
function unprovenBy(control: Judgement['control'], req: { needs: string[]; controlProblems: string[] }): string | undefined {
  if (!req.needs.length) return undefined;
  if (!control) return `nothing proves the probe works: ${req.needs.join('; ')}, and the scenario has no control`;
  if (req.controlProblems.length) return req.controlProblems.join('; ');
  return undefined;
}
