/**
 * HTML standard, cross-origin isolation of a top-level document (pure), from its response headers:
 *  - obtain a cross-origin opener policy   https://html.spec.whatwg.org/multipage/browsers.html#obtain-coop
 *  - obtain an embedder policy             https://html.spec.whatwg.org/multipage/browsers.html#obtain-an-embedder-policy
 *  - compatible with cross-origin isolation https://html.spec.whatwg.org/multipage/browsers.html#compatible-with-cross-origin-isolation
 *  - cross-origin isolated capability      https://html.spec.whatwg.org/multipage/webappapis.html#concept-settings-object-cross-origin-isolated-capability
 * A new top-level browsing context group gets cross-origin isolation mode "concrete" (every engine
 * here implements it so) when its first document's COOP is "same-origin-plus-COEP"; the document is
 * then crossOriginIsolated unless a Permissions-Policy disables `cross-origin-isolated` for it.
 */
import { getHeader, type HeaderList } from '../fetch/headers.ts';
import { embedderPolicy, openerPolicy } from '../parsing/policies.ts';

export interface IsolationModel {
  isolated: boolean;
  /** The COOP value HTML derives ("unsafe-none", "same-origin", "same-origin-plus-COEP", …). */
  coop: string;
  coep: string;
  why: string[];
}

/** Whether a top-level document answered with `headers` at `url` is crossOriginIsolated. */
export function isolationOf(url: string, headers: HeaderList): IsolationModel {
  const why: string[] = [];
  const secure = url.startsWith('https:') || /^http:\/\/(localhost|127\.0\.0\.1)(:|\/)/.test(url);
  const coepRaw = getHeader(headers, 'cross-origin-embedder-policy');
  const coopRaw = getHeader(headers, 'cross-origin-opener-policy');
  // Structured-field items, parsed as the parsing model reads them (harness/model/parsing/policies.ts):
  // only require-corp and credentialless are embedder policies; anything else is unsafe-none.
  const coep = secure ? embedderPolicy(headers) : 'unsafe-none';
  const opener = secure ? openerPolicy(headers) : 'unsafe-none';
  // #obtain-coop: same-origin with a COEP compatible with cross-origin isolation is "same-origin-plus-COEP".
  const coop: string = opener === 'same-origin' && coep !== 'unsafe-none' ? 'same-origin-plus-COEP' : opener;
  if (!secure) why.push('obtain a cross-origin opener policy step 2: not a secure context (https), so COOP and COEP are ignored');
  why.push(
    `obtain an embedder policy: Cross-Origin-Embedder-Policy ${coepRaw === null ? 'absent' : JSON.stringify(coepRaw)} → ${coep}${coep === 'unsafe-none' ? ' (not compatible with cross-origin isolation: needs require-corp or credentialless)' : ''}`,
  );
  why.push(
    `obtain a cross-origin opener policy: Cross-Origin-Opener-Policy ${coopRaw === null ? 'absent' : JSON.stringify(coopRaw)} → ${coop}${coop === 'same-origin-plus-COEP' ? '' : ' (isolation needs same-origin with a COEP compatible with cross-origin isolation, i.e. "same-origin-plus-COEP")'}`,
  );
  const permissions = getHeader(headers, 'permissions-policy') ?? '';
  const disabled = /(^|,)\s*cross-origin-isolated\s*=\s*\(\s*\)/.test(permissions);
  if (disabled) why.push('cross-origin isolated capability: Permissions-Policy disables cross-origin-isolated for the document');
  const isolated = coop === 'same-origin-plus-COEP' && !disabled;
  why.push(
    isolated
      ? 'a new browsing context group with cross-origin isolation mode "concrete": self.crossOriginIsolated is true'
      : 'the browsing context group is not cross-origin isolated: self.crossOriginIsolated is false',
  );
  return { isolated, coop, coep, why };
}
