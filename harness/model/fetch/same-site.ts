/**
 * Which of a host's SameSite cookies a request carries (pure), by RFC 6265bis: §5.2 decides whether
 * the request is "same-site" — every URL of its URL list same-site with the current URL (no
 * cross-site redirect), and the current URL same-site with the client's site for cookies — and
 * §5.8.3's retrieval step then withholds every cookie whose SameSite is not None from a cross-site
 * request, except Lax (and the unspecified "Default", enforced as Lax) on a top-level navigation
 * with a safe method. Origins are serialized (`https://site.test`).
 */
import { sameSiteSerialized } from './metadata.ts';

export type SameSiteValue = 'Strict' | 'Lax' | 'None' | 'Default';

export interface CookieRequest {
  /** The client's site for cookies: the top-level document's origin (a navigation: its initiator's). */
  siteForCookies: string;
  /** The URL list, first URL first; the last is the current URL (the one whose cookies are sent). */
  urlList: string[];
  method: string;
  /** The request navigates a top-level traversable (a popup, the tab). */
  topLevelNavigation: boolean;
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS', 'TRACE'];

/** RFC 6265bis §5.2: whether the request is same-site (criteria 2 and 3; no reloads here). */
export function isSameSiteRequest(r: Pick<CookieRequest, 'siteForCookies' | 'urlList'>): { sameSite: boolean; why: string } {
  const current = r.urlList[r.urlList.length - 1];
  const crossHop = r.urlList.find((url) => !sameSiteSerialized(url, current));
  if (crossHop) return { sameSite: false, why: `§5.2 criterion 2: ${crossHop} in the URL list is not same-site with ${current} (a cross-site redirect)` };
  if (!sameSiteSerialized(current, r.siteForCookies))
    return { sameSite: false, why: `§5.2 criterion 3: ${current} is not same-site with the site for cookies ${r.siteForCookies}` };
  return { sameSite: true, why: '§5.2: every URL same-site with the current URL, which is same-site with the site for cookies' };
}

/** §5.8.3 retrieval: whether a cookie of this SameSite value goes with the request. */
export function sendsCookie(value: SameSiteValue, r: CookieRequest): boolean {
  if (value === 'None') return true;
  if (isSameSiteRequest(r).sameSite) return true;
  if (value === 'Strict') return false;
  return r.topLevelNavigation && SAFE_METHODS.includes(r.method.toUpperCase());
}

/** The names of the cookies the request carries, sorted as the evidence lists them. */
export function cookiesSent(cookies: Array<{ name: string; sameSite: SameSiteValue }>, r: CookieRequest): string[] {
  return cookies
    .filter((c) => sendsCookie(c.sameSite, r))
    .map((c) => c.name)
    .sort();
}
