/**
 * The non-CORS response headers the parsing catalog covers, as Fetch and HTML read them. Pure;
 * each function takes the header list as HTTP parsing left it (http-fields.ts).
 *
 *  Cross-Origin-Resource-Policy  https://fetch.spec.whatwg.org/#cross-origin-resource-policy-internal-check
 *  Timing-Allow-Origin (TAO)     https://fetch.spec.whatwg.org/#concept-tao-check
 *  Cross-Origin-Embedder-Policy  https://html.spec.whatwg.org/multipage/browsers.html#obtain-an-embedder-policy
 *                                https://html.spec.whatwg.org/multipage/browsers.html#check-a-navigation-response's-adherence-to-its-embedder-policy
 *  Cross-Origin-Opener-Policy    https://html.spec.whatwg.org/multipage/browsers.html#obtain-coop
 *                                https://html.spec.whatwg.org/multipage/browsers.html#check-browsing-context-group-switch-coop-value
 *  Origin-Agent-Cluster          https://html.spec.whatwg.org/multipage/document-lifecycle.html#initialise-the-document-object (step "requestsOAC")
 *                                https://html.spec.whatwg.org/multipage/browsers.html#obtain-similar-origin-window-agent
 *  X-Frame-Options               https://html.spec.whatwg.org/multipage/document-lifecycle.html#the-x-frame-options-header
 */
import { get, getDecodeSplit } from './header-list.ts';
import type { HeaderList } from './http-fields.ts';
import { parseStructuredField, type Item } from './structured-fields.ts';

export type Decision = { allowed: boolean; step: string };

/** A catalog origin as the checks need it: scheme, host and registrable domain ("site"). */
export interface OriginParts {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  site: string;
}

const sameOrigin = (a: OriginParts, b: OriginParts) => a.scheme === b.scheme && a.host === b.host && a.port === b.port;

/**
 * #cross-origin-resource-policy-internal-check with embedder policy "unsafe-none", forNavigation false:
 *  2. policy = get `Cross-Origin-Resource-Policy` (so two lines, or a list, match nothing).
 *  3. neither `same-origin`, `same-site` nor `cross-origin` (byte for byte: the ABNF is case-sensitive) → null.
 *  4. null under "unsafe-none": do nothing.
 *  5. null / `cross-origin` → allowed; `same-origin` → allowed iff same origin; `same-site` → allowed iff
 *     schemelessly same site and (origin's scheme is https or the response's is not).
 */
export function corpCheck(headers: HeaderList, requester: OriginParts, response: OriginParts): Decision {
  let policy = get(headers, 'Cross-Origin-Resource-Policy');
  if (policy !== 'same-origin' && policy !== 'same-site' && policy !== 'cross-origin') policy = null;
  if (policy === null || policy === 'cross-origin') return { allowed: true, step: `corp internal check step 5: policy ${policy ?? 'null'}` };
  if (policy === 'same-origin') return { allowed: sameOrigin(requester, response), step: 'corp internal check step 5: `same-origin`' };
  const ok = requester.site === response.site && (requester.scheme === 'https' || response.scheme !== 'https');
  return { allowed: ok, step: 'corp internal check step 5: `same-site`' };
}

/**
 * #concept-tao-check for a request whose timing allow failed flag is unset:
 *  3. values = get, decode, and split `Timing-Allow-Origin`.
 *  4. values contains "*" → success.  5. values contains the serialized request origin → success.
 *  6. (navigations only)  7. response tainting "basic" → success.  8. failure.
 */
export function taoCheck(headers: HeaderList, serializedOrigin: string, tainting: 'basic' | 'cors' | 'opaque'): Decision {
  const values = getDecodeSplit(headers, 'Timing-Allow-Origin') ?? [];
  if (values.includes('*')) return { allowed: true, step: 'TAO check step 4: "*"' };
  if (values.includes(serializedOrigin)) return { allowed: true, step: 'TAO check step 5: the request origin' };
  if (tainting === 'basic') return { allowed: true, step: 'TAO check step 7: basic tainting' };
  return { allowed: false, step: `TAO check step 8: ${JSON.stringify(values)} has neither "*" nor ${JSON.stringify(serializedOrigin)}` };
}

/** "getting a structured field value" (Fetch #concept-header-list-get-structured-header) for an item. */
export function getStructuredItem(headers: HeaderList, name: string): Item | null {
  const value = get(headers, name);
  if (value === null) return null;
  return parseStructuredField(value, 'item') as Item | null;
}

/**
 * A token item's value, or null. The HTML standard's headers "are structured headers whose value
 * must be a token", and the processing models "fail open ... in the presence of a header that
 * cannot be parsed as a token": a string item ("require-corp") is not a token.
 */
function tokenOf(item: Item | null): string | null {
  return item && item[0].type === 'token' ? item[0].value : null;
}

export type EmbedderPolicyValue = 'unsafe-none' | 'require-corp' | 'credentialless';

/**
 * obtain an embedder policy (secure context):
 *  3. parsedItem = get a structured field value `Cross-Origin-Embedder-Policy`, "item".
 *  4. non-null and parsedItem[0] compatible with cross-origin isolation ("credentialless" or
 *     "require-corp") → that value; otherwise the policy stays "unsafe-none".
 */
export function embedderPolicy(headers: HeaderList): EmbedderPolicyValue {
  const token = tokenOf(getStructuredItem(headers, 'Cross-Origin-Embedder-Policy'));
  return token === 'require-corp' || token === 'credentialless' ? token : 'unsafe-none';
}

export type DocumentIsolationPolicyValue = 'none' | 'isolate-and-require-corp' | 'isolate-and-credentialless';

/**
 * Document Isolation Policy, obtain a document isolation policy (secure context):
 *  3. parsedItem = get a structured field value `Document-Isolation-Policy`, "item".
 *  4.1 parsedItem[0] "isolate-and-require-corp" or "isolate-and-credentialless" → that value;
 *  otherwise the value stays "none" (the report-only header never isolates).
 */
export function documentIsolationPolicy(headers: HeaderList): DocumentIsolationPolicyValue {
  const token = tokenOf(getStructuredItem(headers, 'Document-Isolation-Policy'));
  return token === 'isolate-and-require-corp' || token === 'isolate-and-credentialless' ? token : 'none';
}

/**
 * check a navigation response's adherence to its embedder policy (a child navigable):
 *  4. parent's value not compatible with cross-origin isolation, or the response's value is → true.
 *  6. otherwise false (the frame is not rendered).
 */
export function coepAllowsFrame(parent: EmbedderPolicyValue, headers: HeaderList): Decision {
  const child = embedderPolicy(headers);
  const allowed = parent === 'unsafe-none' || child !== 'unsafe-none';
  return { allowed, step: `embedder policy check: parent ${parent}, response ${child}` };
}

export type OpenerPolicyValue = 'unsafe-none' | 'same-origin' | 'same-origin-allow-popups' | 'noopener-allow-popups';

/**
 * obtain a cross-origin opener policy (secure context, no COEP):
 *  3. parsedItem = get a structured field value `Cross-Origin-Opener-Policy`, "item".
 *  4. parsedItem[0] "same-origin" / "same-origin-allow-popups" / "noopener-allow-popups" → that value;
 *     anything else leaves "unsafe-none".
 */
export function openerPolicy(headers: HeaderList): OpenerPolicyValue {
  const token = tokenOf(getStructuredItem(headers, 'Cross-Origin-Opener-Policy'));
  return token === 'same-origin' || token === 'same-origin-allow-popups' || token === 'noopener-allow-popups' ? token : 'unsafe-none';
}

/**
 * A popup opened by an "unsafe-none" document on its own origin, navigated from its initial
 * about:blank to the response: check if COOP values require a browsing context group switch —
 *  1. matching (both "unsafe-none") → no switch.
 *  2. initial about:blank and the active document's value "same-origin-allow-popups" and the
 *     response's "unsafe-none" → no switch (not the case here: the opener is "unsafe-none").
 *  3. otherwise switch: the popup's opener becomes null.
 */
export function popupKeepsOpener(headers: HeaderList): Decision {
  const value = openerPolicy(headers);
  return { allowed: value === 'unsafe-none', step: `COOP ${value}: ${value === 'unsafe-none' ? 'matches the opener, no' : 'a'} browsing context group switch` };
}

/**
 * requestsOAC (create and initialize a Document object, secure context): oacHeader = get a
 * structured field value `Origin-Agent-Cluster`, "item"; true iff oacHeader[0] is the boolean true.
 * For the first document of its origin in a browsing context group, obtain a similar-origin window
 * agent then keys the agent cluster by origin (originAgentCluster true) iff requestsOAC.
 */
export function requestsOriginAgentCluster(headers: HeaderList): boolean {
  const item = getStructuredItem(headers, 'Origin-Agent-Cluster');
  return !!item && item[0].type === 'boolean' && item[0].value === true;
}

/**
 * check a navigation response's adherence to `X-Frame-Options` (a child navigable, no CSP
 * frame-ancestors):
 *  3. rawXFrameOptions = get, decode, and split `X-Frame-Options`.
 *  4–5. xFrameOptions = a set of each value, ASCII lowercased.
 *  6. size > 1 and it contains "deny", "allowall" or "sameorigin" → false.
 *  7. size > 1 → true.  8. xFrameOptions[0] "deny" → false.
 *  9. "sameorigin": false if any container document is not same origin with the response's origin.
 *  10. true.
 */
export function xfoAllowsFrame(headers: HeaderList, ancestorsSameOrigin: boolean): Decision {
  const raw = getDecodeSplit(headers, 'X-Frame-Options');
  if (raw === null) return { allowed: true, step: 'XFO step 3: no X-Frame-Options' };
  const set = [...new Set(raw.map((v) => v.replace(/[A-Z]/g, (c) => c.toLowerCase())))];
  if (set.length > 1 && set.some((v) => v === 'deny' || v === 'allowall' || v === 'sameorigin'))
    return { allowed: false, step: `XFO step 6: several values ${JSON.stringify(set)} with a known one` };
  if (set.length > 1) return { allowed: true, step: `XFO step 7: several unknown values ${JSON.stringify(set)}` };
  if (set[0] === 'deny') return { allowed: false, step: 'XFO step 8: deny' };
  if (set[0] === 'sameorigin')
    return { allowed: ancestorsSameOrigin, step: `XFO step 9: sameorigin, ancestors ${ancestorsSameOrigin ? '' : 'not '}same origin` };
  return { allowed: true, step: `XFO step 10: lone unknown value ${JSON.stringify(set[0])}` };
}

/**
 * Storage Access Headers, perform a storage access retry check
 * (https://privacycg.github.io/storage-access-headers/#perform-a-storage-access-retry-check), for a
 * credentialed request whose storage access status is "inactive" and whose `Origin` is `requestOrigin`:
 *  5. parsedHeader = get a structured field value `Activate-Storage-Access`, "item"; null → failure.
 *  8. its value is not a Token → failure; 9. not "retry" → failure.
 * 10. params["allowed-origin"] does not exist → failure.
 * 12. a Token "*" → success; 13. not a String → failure; 16. a String equal to the Origin → success, else failure.
 */
export function storageAccessRetry(headers: HeaderList, requestOrigin: string): Decision {
  const item = getStructuredItem(headers, 'Activate-Storage-Access');
  if (!item) return { allowed: false, step: 'retry check step 6: no Activate-Storage-Access item (absent or not a valid structured field item) → no retry' };
  const [value, params] = item;
  if (value.type !== 'token' || value.value !== 'retry')
    return { allowed: false, step: 'retry check steps 8-9: the value is not the Token "retry" → no retry' };
  // A parameter named twice: the last one is kept (RFC 9651 §4.2.3.2).
  const allowed = params.filter(([k]) => k === 'allowed-origin').at(-1)?.[1];
  if (!allowed) return { allowed: false, step: 'retry check step 10: no allowed-origin parameter → no retry' };
  if (allowed.type === 'token' && allowed.value === '*') return { allowed: true, step: 'retry check step 12: allowed-origin is the Token * → retry' };
  if (allowed.type !== 'string') return { allowed: false, step: 'retry check step 13: allowed-origin is not a String → no retry' };
  return allowed.value === requestOrigin
    ? { allowed: true, step: `retry check step 16: allowed-origin is the request's Origin ${requestOrigin} → retry` }
    : { allowed: false, step: `retry check step 17: allowed-origin "${allowed.value}" is not the request's Origin ${requestOrigin} → no retry` };
}
