/**
 * Navigation and form submission across origins are allowed: the request is sent, proven by
 * the fixture server's log (method, Origin). Location's href setter and replace() are the
 * allow-listed ways to navigate a cross-origin window; assign() is not.
 */
import type { ScenarioInput } from '../../harness/scenario.ts';
import { AGENT, HTML_DOC, S, withBound } from './common.ts';

const area = 'sop/navigation';
const R = { doc: AGENT, dest: HTML_DOC };

function nav(id: string, title: string, how: string, open: string | undefined, via: 'iframe' | 'popup' | undefined, dest: string, claims: string[], spec: Array<{ url: string; section: string }>, extra: Partial<ScenarioInput> = {}): ScenarioInput {
  const popup = via === 'popup' || how === 'window-open';
  return {
    id, area, title, claims, spec, responses: R,
    probe: { kind: 'navigate', params: { how, target: { at: dest, response: 'dest' }, ...(open ? { open: { at: open, response: 'doc' } } : {}), ...(via ? { via } : {}) }, ...(popup ? { timeoutMs: 8000 } : {}) },
    expect: { blocked: false, observation: { allowed: true }, evidence: { dest: { arrived: true, methods: ['GET'], origin: null } } },
    ...(popup ? { solo: true } : {}),
    ...extra,
  } as ScenarioInput;
}

const RAW: ScenarioInput[] = [
  nav('sop.nav.window-open-cross-site', 'window.open to a cross-site URL navigates a new window (GET, no Origin header)', 'window-open', undefined, undefined, 'other', ['C11'], [S.windowOpen, S.navigate]),
  nav('sop.nav.anchor-frame-cross-site', 'a link targeting a named frame navigates it to a cross-site URL', 'anchor', undefined, undefined, 'other', ['C11'], [S.followHyperlink, S.navigate]),
  nav('sop.nav.frame-self-cross-site', 'a frame navigates itself (script in its own realm) to a cross-site URL', 'self', 'site', 'iframe', 'other', ['C11'], [S.navigate]),
  nav('sop.nav.cross-site-frame-href', 'parent sets location.href of a cross-site frame (write allowed)', 'location-href', 'other', 'iframe', 'other', ['C11', 'C21'], [S.crossOriginProperties, S.locationHref]),
  nav('sop.nav.cross-site-frame-href-elsewhere', 'parent sets location.href of a cross-site frame to a third origin', 'location-href', 'other', 'iframe', 'sub', ['C11', 'C21'], [S.crossOriginProperties, S.locationHref]),
  nav('sop.nav.same-site-frame-href', 'parent sets location.href of a same-site cross-origin frame', 'location-href', 'sub', 'iframe', 'sub', ['C11', 'C21'], [S.crossOriginProperties, S.locationHref]),
  nav('sop.nav.cross-site-frame-replace', 'parent calls location.replace() on a cross-site frame', 'location-replace', 'other', 'iframe', 'other', ['C11', 'C22'], [S.crossOriginProperties, S.locationReplace]),
  nav('sop.nav.same-site-frame-replace', 'parent calls location.replace() on a same-site cross-origin frame', 'location-replace', 'sub', 'iframe', 'sub', ['C22'], [S.crossOriginProperties, S.locationReplace]),
  nav('sop.nav.cross-site-frame-window-location', 'parent assigns window.location of a cross-site frame', 'window-location', 'other', 'iframe', 'other', ['C11', 'C21'], [S.crossOriginProperties, S.windowLocation]),
  nav('sop.nav.cross-site-popup-href', 'opener sets location.href of a cross-site popup', 'location-href', 'other', 'popup', 'other', ['C11', 'C21'], [S.crossOriginProperties, S.locationHref]),
  nav('sop.nav.cross-site-popup-replace', 'opener calls location.replace() on a cross-site popup', 'location-replace', 'other', 'popup', 'other', ['C22'], [S.crossOriginProperties, S.locationReplace]),
  {
    id: 'sop.nav.cross-site-frame-assign', area, title: 'location.assign() on a cross-site frame throws SecurityError and navigates nothing', claims: ['C21'],
    spec: [S.crossOriginProperties, S.locationGetOwnProperty], responses: R,
    probe: { kind: 'navigate', params: { how: 'location-assign', target: { at: 'other', response: 'dest' }, open: { at: 'other', response: 'doc' } } },
    expect: { blocked: true, observation: { allowed: false, error: 'SecurityError' }, evidence: { dest: { arrived: false } } },
    control: { sameOrigin: true, expect: { observation: { allowed: true }, evidence: { dest: { arrived: true } } } },
  },
  {
    id: 'sop.form.post-cross-site', area, title: 'a cross-site form POST is sent, with the page origin in the Origin header (CSRF)', claims: ['C12'],
    spec: [S.formSubmission, S.originHeader], responses: { sink: HTML_DOC },
    probe: { kind: 'form-post', params: { target: { at: 'other', response: 'sink' } } },
    expect: { blocked: false, observation: { submitted: true }, evidence: { sink: { arrived: true, methods: ['POST'], origin: 'https://site.test' } } },
  },
  {
    id: 'sop.form.post-same-site', area, title: 'a form POST to a same-site cross-origin server is sent with Origin', claims: ['C12'],
    spec: [S.formSubmission, S.originHeader], responses: { sink: HTML_DOC },
    probe: { kind: 'form-post', params: { target: { at: 'sub', response: 'sink' } } },
    expect: { blocked: false, observation: { submitted: true }, evidence: { sink: { arrived: true, methods: ['POST'], origin: 'https://site.test' } } },
  },
  {
    id: 'sop.form.post-text-plain', area, title: 'a cross-site form POST with enctype=text/plain is sent (no preflight for forms)', claims: ['C12', 'C53'],
    spec: [S.formSubmission], responses: { sink: HTML_DOC },
    probe: { kind: 'form-post', params: { target: { at: 'other', response: 'sink' }, enctype: 'text/plain' } },
    expect: { blocked: false, observation: { submitted: true }, evidence: { sink: { arrived: true, methods: ['POST'], preflight: false } } },
  },
  {
    id: 'sop.form.post-multipart', area, title: 'a cross-site multipart/form-data form POST is sent', claims: ['C12'],
    spec: [S.formSubmission], responses: { sink: HTML_DOC },
    probe: { kind: 'form-post', params: { target: { at: 'other', response: 'sink' }, enctype: 'multipart/form-data' } },
    expect: { blocked: false, observation: { submitted: true }, evidence: { sink: { arrived: true, methods: ['POST'] } } },
  },
  {
    id: 'sop.form.get-cross-site', area, title: 'a cross-site form GET navigates without an Origin header', claims: ['C11', 'C12'],
    spec: [S.formSubmission, S.originHeader], responses: { sink: HTML_DOC },
    probe: { kind: 'form-post', params: { target: { at: 'other', response: 'sink' }, method: 'GET' } },
    expect: { blocked: false, observation: { submitted: true }, evidence: { sink: { arrived: true, methods: ['GET'], origin: null } } },
  },
  {
    id: 'sop.form.post-from-cross-site-frame', area, title: 'a form POST from a cross-site frame to the page origin carries the frame origin', claims: ['C12'],
    spec: [S.formSubmission, S.originHeader], responses: { doc: AGENT, sink: HTML_DOC },
    probe: { kind: 'form-post', params: { target: { at: 'site', response: 'sink' } }, context: [{ via: 'iframe', at: 'other', response: 'doc' }] },
    expect: { blocked: false, observation: { submitted: true }, evidence: { sink: { arrived: true, methods: ['POST'], origin: 'https://other.test' } } },
  },
  {
    id: 'sop.form.post-top-level-popup', area, title: 'a top-level cross-site form POST (target=_blank) is sent', claims: ['C12'],
    spec: [S.formSubmission, S.originHeader], responses: { sink: HTML_DOC },
    probe: { kind: 'form-post', params: { target: { at: 'other', response: 'sink' }, into: 'popup' }, timeoutMs: 8000 },
    expect: { blocked: false, observation: { submitted: true }, evidence: { sink: { arrived: true, methods: ['POST'], origin: 'https://site.test' } } },
    solo: true,
  },
];

export const scenarios: ScenarioInput[] = withBound(RAW);
