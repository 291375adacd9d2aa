/**
 * Claims no page script can observe (e.g. C75, process isolation), with the reason. They are
 * exported as NOT_OBSERVABLE ([{claim, reason}]) from scenarios/sop/not-observable.ts; read
 * defensively so the report still renders if that module is missing or malformed.
 */
export interface NotObservable {
  claim: string;
  reason: string;
}

export function validNotObservable(list: unknown): NotObservable[] {
  if (!Array.isArray(list)) return [];
  return list.filter(
    (x): x is NotObservable => !!x && typeof x === 'object' && typeof (x as NotObservable).claim === 'string' && typeof (x as NotObservable).reason === 'string',
  );
}

export async function loadNotObservable(): Promise<{ list: NotObservable[]; problem?: string }> {
  const url = new URL('../../scenarios/sop/not-observable.ts', import.meta.url);
  try {
    const mod = (await import(url.href)) as { NOT_OBSERVABLE?: unknown };
    if (!Array.isArray(mod.NOT_OBSERVABLE)) return { list: [], problem: 'scenarios/sop/not-observable.ts exports no NOT_OBSERVABLE array' };
    return { list: validNotObservable(mod.NOT_OBSERVABLE) };
  } catch (e) {
    return { list: [], problem: `scenarios/sop/not-observable.ts could not be loaded: ${(e as Error).message.split('\n')[0]}` };
  }
}
