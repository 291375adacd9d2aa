/**
 * What each engine does instead of the standard when a `ws:` socket from a secure context is blocked
 * as mixed content (network/websockets, the `mixed` rows). WebSockets' constructor has no
 * mixed-content step: "establish a WebSocket connection" fetches, Fetch answers the blocked request
 * with a network error, the connection is failed, and "feedback from the protocol" fires error, then
 * close (code 1006, not clean) in one task. Spread into each engine's registry.
 */
import { MIXED_FROM } from '../network/websockets.ts';
import type { ObservedDeviation } from './registry.ts';

const ROWS = MIXED_FROM.map((from) => `network.websockets.${from}.mixed.http-site`);
const IN_DOCUMENTS = ROWS.filter((id) => !id.includes('.worker-'));
const NO_EVENTS = { failed: null, closeAfterError: null, closeCode: null, wasClean: null };

const THROWS = (engine: string): ObservedDeviation => ({
  scenarios: ROWS,
  observed: { constructed: false, error: 'SecurityError', ...NO_EVENTS },
  reason: `The WebSockets standard's constructor throws only for a URL it cannot parse, a scheme other than ws/wss or a fragment: a ws: URL from a secure context is blocked by Fetch (Mixed Content), which fails the connection and fires error and close; ${engine} throws a SecurityError from the constructor instead (the behaviour before the standard moved the check into Fetch; web-platform-tests' mixed-content test was corrected to the events in 2026)`,
  link: 'https://github.com/whatwg/websockets/issues/50',
});

export const chromiumWebSocketFailure: ObservedDeviation[] = [THROWS('Chromium')];
export const firefoxWebSocketFailure: ObservedDeviation[] = [THROWS('Firefox')];
export const webkitWebSocketFailure: ObservedDeviation[] = [
  {
    scenarios: IN_DOCUMENTS,
    observed: { closeAfterError: false, closeCode: null, wasClean: null },
    reason:
      'WebSockets, "feedback from the protocol": when the connection is closed, one task fires error (the connection was failed) and then close; for a ws: socket blocked as mixed content in a document, WebKitGTK fires error and never close (none within 200 ms after error; before the probe stopped there, none within its whole 4 s bound); in a dedicated worker it fires both',
    link: 'repo:docs/bugs/webkit-websocket-mixed-content-no-close.md',
  },
];
