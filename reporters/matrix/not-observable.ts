/**
 * Claims no page script can observe (e.g. C75, process isolation), with the reason, from
 * scenarios/sop/not-observable.ts (NOT_OBSERVABLE: [{claim, reason}]). Entries are checked,
 * so a malformed one is reported instead of breaking the report.
 */
import { NOT_OBSERVABLE } from '../../scenarios/sop/not-observable.ts';

export interface NotObservable {
  claim: string;
  reason: string;
}

export function validNotObservable(list: unknown): NotObservable[] {
  if (!Array.isArray(list)) return [];
  return list.filter(
    (x): x is NotObservable =>
      !!x && typeof x === 'object' && typeof (x as NotObservable).claim === 'string' && typeof (x as NotObservable).reason === 'string',
  );
}

export async function loadNotObservable(): Promise<{ list: NotObservable[]; problem?: string }> {
  const list = validNotObservable(NOT_OBSERVABLE);
  const bad = (Array.isArray(NOT_OBSERVABLE) ? NOT_OBSERVABLE.length : 0) - list.length;
  return bad ? { list, problem: `${bad} entr${bad > 1 ? 'ies' : 'y'} of NOT_OBSERVABLE lack a claim or reason` } : { list };
}
