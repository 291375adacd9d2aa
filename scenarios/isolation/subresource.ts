/**
 * Generator for "a page loads a subresource" scenarios under an embedder policy and a resource
 * policy. Shared by coep.ts (COEP pages) and corp.ts (CORP without COEP). Expectations come from
 * Fetch's cross-origin resource policy check (corpAllows in common.ts); the CORP check only
 * applies to opaque (no-cors) responses, so CORS-mode loads are judged by CORS alone.
 */
import type { ScenarioInput } from '../../harness/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { COEP, CORP, corpAllows, ISPEC, originOf, type CoepValue, type CorpValue } from './common.ts';

export type Kind = 'img' | 'script' | 'style' | 'fetch-no-cors' | 'fetch-cors';

export interface SubresourceCase {
  area: string;
  idPrefix: string;
  page: OriginName;
  /** The page's COEP header (undefined: no header at all). */
  coep: CoepValue | undefined;
  kind: Kind;
  at: OriginName;
  corp: CorpValue | undefined;
  /** crossorigin=anonymous + Access-Control-Allow-Origin: * (always on for fetch-cors). */
  cors: boolean;
  claims?: string[];
  extraHeaders?: Array<[string, string]>;
}

export function relationSlug(page: OriginName, at: OriginName): string {
  if (originOf(page) === originOf(at)) return 'same-origin';
  const p = new URL(originOf(page));
  const t = new URL(originOf(at));
  const reg = (h: string) => h.split('.').slice(-2).join('.');
  const scheme = p.protocol === t.protocol ? '' : `${t.protocol.replace(':', '')}-`;
  if (p.hostname === t.hostname) return `${scheme}same-host${p.port === t.port ? '' : '-other-port'}`;
  return `${scheme}${reg(p.hostname) === reg(t.hostname) ? 'same-site' : 'other-site'}`;
}

function body(kind: Kind): DeclaredResponse {
  switch (kind) {
    case 'img':
      return { kind: 'png' };
    case 'script':
      return { headers: [['Content-Type', 'text/javascript']], body: 'void 0;' };
    case 'style':
      return { headers: [['Content-Type', 'text/css']], body: 'p { margin: 0 }' };
    default:
      return { headers: [['Content-Type', 'application/json']], body: '{"secret":"originproof"}' };
  }
}

export function resource(kind: Kind, corp: CorpValue | undefined, cors: boolean, extra: Array<[string, string]> = []): DeclaredResponse {
  const base = body(kind);
  const headers: Array<[string, string]> = [...(base.headers ?? [])];
  if (corp) headers.push([CORP, corp]);
  if (cors) headers.push(['Access-Control-Allow-Origin', '*']);
  headers.push(...extra);
  return { ...base, headers };
}

export function probeFor(kind: Kind, at: OriginName, cors: boolean): { kind: string; params: Record<string, unknown> } {
  const target = { at, response: 'res' };
  if (kind === 'fetch-no-cors') return { kind: 'fetch', params: { target, mode: 'no-cors' } };
  if (kind === 'fetch-cors') return { kind: 'fetch', params: { target, mode: 'cors' } };
  return { kind: 'embed', params: { element: kind, target, ...(cors ? { crossorigin: 'anonymous' } : {}), waitMs: 3000 } };
}

export function loadedObservation(kind: Kind, sameOrigin: boolean, cors: boolean): Record<string, unknown> {
  if (kind === 'fetch-no-cors') return { resolved: true, type: sameOrigin ? 'basic' : 'opaque' };
  if (kind === 'fetch-cors') return { resolved: true, type: sameOrigin ? 'basic' : 'cors', bodyReadable: true };
  void cors;
  return { loaded: true, event: 'load' };
}

export function blockedObservation(kind: Kind): Record<string, unknown> {
  if (kind === 'fetch-no-cors' || kind === 'fetch-cors') return { resolved: false, error: 'TypeError' };
  return { loaded: false, event: 'error' };
}

export function subresourceScenario(c: SubresourceCase): ScenarioInput {
  const cors = c.kind === 'fetch-cors' ? true : c.kind === 'fetch-no-cors' ? false : c.cors;
  const sameOrigin = originOf(c.page) === originOf(c.at);
  // CORS-mode responses are never opaque, so the CORP check does not run (Fetch HTTP fetch).
  const allowed = cors ? true : corpAllows(c.page, c.at, c.corp, c.coep ?? 'unsafe-none');
  const coepLabel = c.coep ?? 'absent';
  const id = `${c.idPrefix}.${coepLabel}.${c.kind}${cors && c.kind !== 'fetch-cors' ? '-cors' : ''}.${relationSlug(c.page, c.at)}.corp-${c.corp ?? 'absent'}`;
  return {
    id,
    area: c.area,
    title: `${c.kind}${cors && c.kind !== 'fetch-cors' ? ' (crossorigin + ACAO *)' : ''} from ${relationSlug(c.page, c.at)} with CORP ${c.corp ?? '(absent)'} in a page with COEP ${coepLabel}: ${allowed ? 'loads' : 'blocked'}`,
    ...(c.claims ? { claims: c.claims } : {}),
    spec: [ISPEC.corpCheck, ISPEC.corpInternal, ISPEC.httpFetch, ...(c.coep && c.coep !== 'unsafe-none' ? [ISPEC.coep] : [])],
    page: { at: c.page, headers: c.coep ? [[COEP, c.coep]] : [] },
    responses: { res: resource(c.kind, c.corp, cors, c.extraHeaders) },
    probe: probeFor(c.kind, c.at, cors),
    expect: allowed
      ? { blocked: false, observation: loadedObservation(c.kind, sameOrigin, cors), evidence: { res: { arrived: true } } }
      : { blocked: true, observation: blockedObservation(c.kind), evidence: { res: { arrived: true } } },
    ...(allowed
      ? {}
      : {
          control: {
            patch: { responses: { res: resource(c.kind, 'cross-origin', cors, c.extraHeaders) } },
            expect: { observation: loadedObservation(c.kind, sameOrigin, cors), evidence: { res: { arrived: true } } },
          },
        }),
  };
}
