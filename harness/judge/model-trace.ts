/**
 * The Fetch model's step trace for a fetch scenario of the catalog, recorded on its result row
 * (shown by the audit too): the same model that computes the CORS catalog's expectations, run on the scenario's
 * declared responses, says step by step why the standard expects what it does. Undefined for
 * other probe kinds, and for requests the model does not cover (a user's server, an undeclared
 * redirect target).
 */
import { modelFetch, type ModelInput } from '../model/fetch/index.ts';
import type { OriginName } from '../../protocol/origins.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { isUpstreamPath } from '../../probes/contract.ts';
import { pageOf } from '../plan/planner.ts';
import type { Scenario } from '../scenario/scenario.ts';

type FetchParams = Omit<ModelInput, 'requester' | 'target' | 'responses' | 'cookieJar' | 'variant'> & { target: { at: OriginName; response: string } };

export function fetchModelTrace(s: Scenario): string[] | undefined {
  if (s.probe.kind !== 'fetch') return undefined;
  const { target, method, headers, body, credentials, mode, readHeaders, repeat, cache } = s.probe.params as FetchParams;
  if (isUpstreamPath(target.response)) return undefined;
  const page = pageOf(s);
  // The request is made by the innermost context's document (an agent), opaque when sandboxed without allow-same-origin.
  const inner = s.probe.context?.at(-1);
  const opaque = !!s.probe.context?.some((c) => c.sandbox !== undefined && !c.sandbox.split(/\s+/).includes('allow-same-origin'));
  const cookieJar: Partial<Record<OriginName, string[]>> = {};
  for (const c of page.cookies) (cookieJar[c.at] ??= []).push(c.setCookie.split('=')[0].trim());
  try {
    const m = modelFetch({
      requester: opaque ? { opaque: true, top: page.at } : ((inner?.at as OriginName | undefined) ?? page.at),
      target,
      responses: (s.responses ?? {}) as Record<string, DeclaredResponse>,
      method,
      headers,
      body,
      credentials,
      mode,
      readHeaders,
      repeat,
      cache,
      cookieJar,
    });
    return [...m.first.trace, ...m.repeats.flatMap((r, i) => r.trace.map((t) => `repeat ${i + 1}: ${t}`))];
  } catch {
    return undefined;
  }
}
