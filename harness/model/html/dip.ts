/**
 * Document Isolation Policy (WICG draft), whether a document is cross-origin isolated by its own
 * response (pure), whatever frames or opens it:
 *  - obtain a document isolation policy  https://wicg.github.io/document-isolation-policy/#obtain-dip
 *  - obtain a cross-origin agent cluster isolation key  https://wicg.github.io/document-isolation-policy/#obtain-coi-key
 * A value other than "none" gives the document an agent cluster keyed by its origin and an
 * isolation mode, so self.crossOriginIsolated is true unless a Permissions-Policy disables
 * `cross-origin-isolated` for it.
 */
import { getHeader, type HeaderList } from '../fetch/headers.ts';
import { documentIsolationPolicy, type DocumentIsolationPolicyValue } from '../parsing/policies.ts';

export interface DipIsolationModel {
  isolated: boolean;
  value: DocumentIsolationPolicyValue;
  why: string[];
}

/** Whether a document answered with `headers` at `url` is crossOriginIsolated through Document-Isolation-Policy. */
export function dipIsolationOf(url: string, headers: HeaderList): DipIsolationModel {
  const why: string[] = [];
  const secure = url.startsWith('https:') || /^http:\/\/(localhost|127\.0\.0\.1)(:|\/)/.test(url);
  const raw = getHeader(headers, 'document-isolation-policy');
  const value = secure ? documentIsolationPolicy(headers) : 'none';
  if (!secure) why.push('Document Isolation Policy (WICG), obtain a document isolation policy step 2: not a secure context (https), so the header is ignored');
  why.push(
    `Document Isolation Policy (WICG), obtain a document isolation policy step 4: Document-Isolation-Policy ${raw === null ? 'absent' : JSON.stringify(raw)} → ${value}${value === 'none' ? ' (isolation needs the token isolate-and-require-corp or isolate-and-credentialless; the report-only header isolates nothing)' : ''}`,
  );
  const permissions = getHeader(headers, 'permissions-policy') ?? '';
  const disabled = /(^|,)\s*cross-origin-isolated\s*=\s*\(\s*\)/.test(permissions);
  if (disabled) why.push('cross-origin isolated capability: Permissions-Policy disables cross-origin-isolated for the document');
  const isolated = value !== 'none' && !disabled;
  why.push(
    isolated
      ? 'obtain a cross-origin agent cluster isolation key: the document gets an isolation key of its own origin, so self.crossOriginIsolated is true'
      : 'no cross-origin agent cluster isolation key from this document: self.crossOriginIsolated is false (its embedder or opener is not isolated)',
  );
  return { isolated, value, why };
}
