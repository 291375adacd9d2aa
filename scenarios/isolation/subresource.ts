/**
 * Generator for "a page loads a subresource" scenarios under an embedder policy and a resource
 * policy. Shared by coep.ts (COEP pages) and corp.ts (CORP without COEP). Expectations come from
 * Fetch's cross-origin resource policy check (corpAllows in common.ts); the CORP check only
 * applies to opaque (no-cors) responses, so CORS-mode loads are judged by CORS alone.
 */
import { scenario, type ObservationOf, type ScenarioInput, type ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { DATA, PNG, script, stylesheet } from '../lib.ts';
import { COEP, CORP, corpAllows, originOf, type CoepValue, type CorpValue } from './common.ts';

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
      return PNG;
    case 'script':
      return script('void 0;');
    case 'style':
      return stylesheet('p { margin: 0 }');
    default:
      return DATA;
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

type Common = Omit<ScenarioOf<'fetch'>, 'probe' | 'expect' | 'control' | 'deviations'>;

/** The load as a fetch() or an element, with what "loaded" and "blocked" look like for that probe. */
function withLoad(c: SubresourceCase, common: Common, allowed: boolean, sameOrigin: boolean, cors: boolean): ScenarioInput {
  const target = { at: c.at, response: 'res' };
  const arrived = { res: { arrived: true } };
  const control = { patch: { responses: { res: resource(c.kind, 'cross-origin', cors, c.extraHeaders) } } };
  if (c.kind === 'fetch-no-cors' || c.kind === 'fetch-cors') {
    const loaded: ObservationOf<'fetch'> =
      c.kind === 'fetch-no-cors'
        ? sameOrigin
          ? { resolved: true, type: 'basic', bodyReadable: true }
          : { resolved: true, type: 'opaque', bodyReadable: false }
        : { resolved: true, type: sameOrigin ? 'basic' : 'cors', bodyReadable: true };
    return scenario({
      ...common,
      probe: { kind: 'fetch', params: { target, mode: c.kind === 'fetch-cors' ? 'cors' : 'no-cors' } },
      expect: allowed
        ? { blocked: false, observation: loaded, evidence: arrived }
        : { blocked: true, observation: { resolved: false, error: 'TypeError' }, evidence: arrived },
      ...(allowed ? {} : { control: { ...control, expect: { observation: loaded, evidence: arrived } } }),
    });
  }
  const loaded: ObservationOf<'embed'> = { loaded: true, event: 'load' };
  return scenario({
    ...common,
    probe: { kind: 'embed', params: { element: c.kind, target, ...(cors ? { crossorigin: 'anonymous' as const } : {}), waitMs: 3000 } },
    expect: allowed
      ? { blocked: false, observation: loaded, evidence: arrived }
      : { blocked: true, observation: { loaded: false, event: 'error' }, evidence: arrived },
    ...(allowed ? {} : { control: { ...control, expect: { observation: loaded, evidence: arrived } } }),
  });
}

export function subresourceScenario(c: SubresourceCase): ScenarioInput {
  const cors = c.kind === 'fetch-cors' ? true : c.kind === 'fetch-no-cors' ? false : c.cors;
  const sameOrigin = originOf(c.page) === originOf(c.at);
  // CORS-mode responses are never opaque, so the CORP check does not run (Fetch HTTP fetch).
  const allowed = cors ? true : corpAllows(c.page, c.at, c.corp, c.coep ?? 'unsafe-none');
  const coepLabel = c.coep ?? 'absent';
  const id = `${c.idPrefix}.${coepLabel}.${c.kind}${cors && c.kind !== 'fetch-cors' ? '-cors' : ''}.${relationSlug(c.page, c.at)}.corp-${c.corp ?? 'absent'}`;
  return withLoad(
    c,
    {
      id,
      area: c.area,
      title: `${c.kind}${cors && c.kind !== 'fetch-cors' ? ' (crossorigin + ACAO *)' : ''} from ${relationSlug(c.page, c.at)} with CORP ${c.corp ?? '(absent)'} in a page with COEP ${coepLabel}: ${allowed ? 'loads' : 'blocked'}`,
      ...(c.claims ? { claims: c.claims } : {}),
      spec: ['corpCheck', 'corpInternal', 'httpFetch', ...(c.coep && c.coep !== 'unsafe-none' ? (['coep'] as const) : [])],
      page: { at: c.page, headers: c.coep ? [[COEP, c.coep]] : [] },
      responses: { res: resource(c.kind, c.corp, cors, c.extraHeaders) },
    },
    allowed,
    sameOrigin,
    cors,
  );
}
