/**
 * postMessage across origins: targetOrigin "*", exact, mismatched and "/", and the origin the
 * receiver sees in event.origin (including "null" from sandboxed and data: URL documents).
 * Every page that loads the runtime answers a post-message ping with the event.origin it saw.
 */
import type { ScenarioInput } from '../../harness/scenario.ts';
import { AGENT, S, withBound } from './common.ts';

const base = { area: 'sop/post-message', responses: { doc: AGENT } } as const;
const delivered = (origin: string, receiverOrigin?: string) => ({ targetReady: true, posted: true, delivered: true, origin, ...(receiverOrigin ? { receiverOrigin } : {}) });
const notDelivered = { targetReady: true, posted: true, delivered: false };

const RAW: ScenarioInput[] = [
  {
    ...base, id: 'sop.pm.frame.star', title: 'parent → cross-site frame, targetOrigin "*": delivered, event.origin is the sender origin', claims: ['C25', 'C24'],
    spec: [S.postMessage, S.messageOrigin],
    probe: { kind: 'post-message', params: { target: 'frame', open: { at: 'other', response: 'doc' }, targetOrigin: '*' } },
    expect: { blocked: false, observation: delivered('https://site.test', 'https://other.test') },
  },
  {
    ...base, id: 'sop.pm.frame.exact', title: 'parent → cross-site frame, targetOrigin = the frame origin: delivered', claims: ['C25'],
    spec: [S.postMessage],
    probe: { kind: 'post-message', params: { target: 'frame', open: { at: 'other', response: 'doc' }, targetOrigin: { at: 'other', response: 'doc' } } },
    expect: { blocked: false, observation: delivered('https://site.test', 'https://other.test') },
  },
  {
    ...base, id: 'sop.pm.frame.exact-with-path', title: 'targetOrigin given as a full URL with a path: only its origin counts, delivered', claims: ['C25'],
    spec: [S.postMessage],
    probe: { kind: 'post-message', params: { target: 'frame', open: { at: 'other', response: 'doc' }, targetOrigin: 'https://other.test/some/path?q=1' } },
    expect: { blocked: false, observation: delivered('https://site.test') },
  },
  {
    ...base, id: 'sop.pm.frame.mismatch-host', title: 'targetOrigin names another host (sub.other.test): the message is dropped silently', claims: ['C25'],
    spec: [S.postMessage],
    probe: { kind: 'post-message', params: { target: 'frame', open: { at: 'other', response: 'doc' }, targetOrigin: { at: 'otherSub', response: 'doc' } } },
    expect: { blocked: true, observation: notDelivered },
    control: { patch: { probe: { params: { targetOrigin: { at: 'other', response: 'doc' } } } }, expect: { observation: delivered('https://site.test') } },
  },
  {
    ...base, id: 'sop.pm.frame.mismatch-scheme', title: 'targetOrigin http://other.test for an https frame: dropped', claims: ['C25', 'C03'],
    spec: [S.postMessage],
    probe: { kind: 'post-message', params: { target: 'frame', open: { at: 'other', response: 'doc' }, targetOrigin: { at: 'httpOther', response: 'doc' } } },
    expect: { blocked: true, observation: notDelivered },
    control: { patch: { probe: { params: { targetOrigin: '*' } } }, expect: { observation: delivered('https://site.test') } },
  },
  {
    ...base, id: 'sop.pm.frame.mismatch-port', title: 'targetOrigin https://site.test:8443 for a https://site.test frame: dropped', claims: ['C25', 'C05'],
    spec: [S.postMessage],
    probe: { kind: 'post-message', params: { target: 'frame', open: { at: 'site', response: 'doc' }, targetOrigin: { at: 'sitePort', response: 'doc' } } },
    expect: { blocked: true, observation: notDelivered },
    control: { patch: { probe: { params: { targetOrigin: { at: 'site', response: 'doc' } } } }, expect: { observation: delivered('https://site.test') } },
  },
  {
    ...base, id: 'sop.pm.frame.explicit-default-port', title: 'targetOrigin https://other.test:443 equals https://other.test: delivered', claims: ['C25', 'C06'],
    spec: [S.postMessage],
    probe: { kind: 'post-message', params: { target: 'frame', open: { at: 'other', response: 'doc' }, targetOrigin: 'https://other.test:443' } },
    expect: { blocked: false, observation: delivered('https://site.test') },
  },
  {
    ...base, id: 'sop.pm.frame.slash-cross', title: 'targetOrigin "/" (the sender\'s own origin) to a cross-site frame: dropped', claims: ['C25'],
    spec: [S.postMessage],
    probe: { kind: 'post-message', params: { target: 'frame', open: { at: 'other', response: 'doc' }, targetOrigin: '/' } },
    expect: { blocked: true, observation: notDelivered },
    control: { sameOrigin: true, expect: { observation: delivered('https://site.test', 'https://site.test') } },
  },
  {
    ...base, id: 'sop.pm.frame.slash-same-site', title: 'targetOrigin "/" to a same-site cross-origin frame (sub.site.test): dropped', claims: ['C25', 'C04'],
    spec: [S.postMessage],
    probe: { kind: 'post-message', params: { target: 'frame', open: { at: 'sub', response: 'doc' }, targetOrigin: '/' } },
    expect: { blocked: true, observation: notDelivered },
    control: { sameOrigin: true, expect: { observation: delivered('https://site.test') } },
  },
  {
    ...base, id: 'sop.pm.frame.invalid-target-origin', title: 'an unparsable targetOrigin throws SyntaxError', claims: ['C25'],
    spec: [S.postMessage],
    probe: { kind: 'post-message', params: { target: 'frame', open: { at: 'other', response: 'doc' }, targetOrigin: 'not a url', waitMs: 500 } },
    expect: { blocked: true, observation: { targetReady: true, posted: false, error: 'SyntaxError', delivered: false } },
    control: { patch: { probe: { params: { targetOrigin: '*' } } }, expect: { observation: delivered('https://site.test') } },
  },
  {
    ...base, id: 'sop.pm.frame-to-parent.star', title: 'cross-site frame → parent, "*": the parent sees event.origin https://other.test', claims: ['C25'],
    spec: [S.postMessage, S.messageOrigin],
    probe: { kind: 'post-message', params: { target: 'parent', targetOrigin: '*' }, context: [{ via: 'iframe', at: 'other', response: 'doc' }] },
    expect: { blocked: false, observation: delivered('https://other.test', 'https://site.test') },
  },
  {
    ...base, id: 'sop.pm.frame-to-parent.exact', title: 'cross-site frame → parent with targetOrigin https://site.test: delivered', claims: ['C25'],
    spec: [S.postMessage],
    probe: { kind: 'post-message', params: { target: 'parent', targetOrigin: { at: 'site', response: 'doc' } }, context: [{ via: 'iframe', at: 'other', response: 'doc' }] },
    expect: { blocked: false, observation: delivered('https://other.test') },
  },
  {
    ...base, id: 'sop.pm.frame-to-parent.mismatch', title: 'cross-site frame → parent with targetOrigin https://www.site.test: dropped', claims: ['C25'],
    spec: [S.postMessage],
    probe: { kind: 'post-message', params: { target: 'parent', targetOrigin: { at: 'www', response: 'doc' } }, context: [{ via: 'iframe', at: 'other', response: 'doc' }] },
    expect: { blocked: true, observation: notDelivered },
    control: { patch: { probe: { params: { targetOrigin: { at: 'site', response: 'doc' } } } }, expect: { observation: delivered('https://other.test') } },
  },
  {
    ...base, id: 'sop.pm.same-site-frame-to-parent', title: 'same-site frame (sub.site.test) → parent: event.origin is https://sub.site.test', claims: ['C25'],
    spec: [S.postMessage, S.messageOrigin],
    probe: { kind: 'post-message', params: { target: 'parent', targetOrigin: '*' }, context: [{ via: 'iframe', at: 'sub', response: 'doc' }] },
    expect: { blocked: false, observation: delivered('https://sub.site.test') },
  },
  {
    ...base, id: 'sop.pm.nested-to-top', title: 'a frame nested in a cross-site frame posts to top: event.origin is the nested frame origin', claims: ['C25'],
    spec: [S.postMessage, S.messageOrigin],
    probe: { kind: 'post-message', params: { target: 'top', targetOrigin: '*' }, context: [{ via: 'iframe', at: 'other', response: 'doc' }, { via: 'iframe', at: 'sub', response: 'doc' }] },
    expect: { blocked: false, observation: delivered('https://sub.site.test', 'https://site.test') },
  },
  {
    ...base, id: 'sop.pm.sandboxed-to-parent', title: 'sandbox="allow-scripts" frame → parent: event.origin is "null"', claims: ['C25', 'C61', 'C71'],
    spec: [S.postMessage, S.messageOrigin, S.sandboxedOrigin],
    probe: { kind: 'post-message', params: { target: 'parent', targetOrigin: '*' }, context: [{ via: 'iframe', at: 'site', response: 'doc', sandbox: 'allow-scripts' }] },
    expect: { blocked: false, observation: delivered('null', 'https://site.test') },
  },
  {
    ...base, id: 'sop.pm.sandboxed-same-origin-to-parent', title: 'sandbox="allow-scripts allow-same-origin" frame → parent: event.origin keeps the frame origin', claims: ['C25', 'C72'],
    spec: [S.postMessage, S.sandboxFlags],
    probe: { kind: 'post-message', params: { target: 'parent', targetOrigin: '*' }, context: [{ via: 'iframe', at: 'site', response: 'doc', sandbox: 'allow-scripts allow-same-origin' }] },
    expect: { blocked: false, observation: delivered('https://site.test') },
  },
  {
    ...base, id: 'sop.pm.to-sandboxed.exact-url-origin', title: 'parent → sandboxed frame with targetOrigin = its URL origin: dropped (the frame origin is opaque)', claims: ['C25', 'C71'],
    spec: [S.postMessage, S.sandboxedOrigin],
    probe: { kind: 'post-message', params: { target: 'frame', open: { at: 'other', response: 'doc' }, sandbox: 'allow-scripts', targetOrigin: { at: 'other', response: 'doc' } } },
    expect: { blocked: true, observation: notDelivered },
    control: { patch: { probe: { params: { targetOrigin: '*' } } }, expect: { observation: delivered('https://site.test', 'null') } },
  },
  {
    ...base, id: 'sop.pm.data-frame', title: 'a data: URL frame has an opaque origin: self.origin and event.origin are "null"', claims: ['C61', 'C25'],
    spec: [S.dataUrlOrigin, S.messageOrigin],
    probe: { kind: 'post-message', params: { target: 'data-frame' } },
    expect: { blocked: false, observation: { delivered: true, origin: 'null', dataOrigin: 'null' } },
  },
  {
    ...base, id: 'sop.pm.popup.star', title: 'opener → cross-site popup, "*": delivered with the opener origin', claims: ['C25', 'C24'],
    spec: [S.postMessage, S.messageOrigin],
    probe: { kind: 'post-message', params: { target: 'popup', open: { at: 'other', response: 'doc' }, targetOrigin: '*' }, timeoutMs: 8000 },
    expect: { blocked: false, observation: delivered('https://site.test', 'https://other.test') },
    solo: true,
  },
  {
    ...base, id: 'sop.pm.popup.mismatch', title: 'opener → cross-site popup with a mismatched targetOrigin: dropped', claims: ['C25'],
    spec: [S.postMessage],
    probe: { kind: 'post-message', params: { target: 'popup', open: { at: 'other', response: 'doc' }, targetOrigin: { at: 'site', response: 'doc' } }, timeoutMs: 8000 },
    expect: { blocked: true, observation: notDelivered },
    control: { patch: { probe: { params: { targetOrigin: { at: 'other', response: 'doc' } } } }, expect: { observation: delivered('https://site.test') } },
    solo: true,
  },
  {
    ...base, id: 'sop.pm.popup-to-opener', title: 'cross-site popup → opener: event.origin is the popup origin', claims: ['C25'],
    spec: [S.postMessage, S.messageOrigin],
    probe: { kind: 'post-message', params: { target: 'opener', targetOrigin: '*' }, context: [{ via: 'popup', at: 'other', response: 'doc' }], timeoutMs: 8000 },
    expect: { blocked: false, observation: delivered('https://other.test', 'https://site.test') },
    solo: true,
  },
];

export const scenarios: ScenarioInput[] = withBound(RAW);
