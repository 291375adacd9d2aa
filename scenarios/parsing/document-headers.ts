/**
 * Header cases that need a document of their own: X-Frame-Options and a parent's embedder policy
 * (does a framed document render), Cross-Origin-Opener-Policy (does a popup keep its opener),
 * Origin-Agent-Cluster (is a frame's agent cluster origin-keyed). Frames carry no script: a
 * rendered framed document is recognised by its one child frame (probes/frame-load.js).
 */
import type { DeclaredLine } from '../../harness/model/parsing/http-fields.ts';
import { coepAllowsFrame, popupKeepsOpener, requestsOriginAgentCluster, xfoAllowsFrame } from '../../harness/model/parsing/policies.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { FULL, full, reduced, some } from './mutations.ts';
import type { Context, Expected, HeaderCase } from './build.ts';
import { PAGE } from './fetch-headers.ts';
import { SPEC } from './spec.ts';

const HTML: DeclaredLine = ['Content-Type', 'text/html; charset=utf-8'];
/** A framed document a parent can recognise across origins: exactly one child frame. */
export const FRAMED_BODY = '<!doctype html><meta charset="utf-8"><title>framed</title><iframe src="about:blank"></iframe>';
const FRAME_BOUND_MS = 8000;

const NOT_RENDERED = (why: string): Expected => ({ blocked: true, observation: { rendered: false }, why });

// ------------------------------------------------------------------ X-Frame-Options

interface XfoContext extends Context {
  ancestorsSameOrigin: boolean;
}
export const xfo: HeaderCase<XfoContext> = {
  header: 'X-Frame-Options',
  slug: 'xfo',
  spec: SPEC.xfo,
  contexts: [
    { slug: 'same-origin', label: 'framed by https://site.test', ancestorsSameOrigin: true },
    { slug: 'cross-origin', label: 'framed by https://sub.site.test inside https://site.test', ancestorsSameOrigin: false },
  ],
  bases: [
    full('deny', 'DENY'),
    full('sameorigin', 'SAMEORIGIN'),
    reduced('allowall', 'ALLOWALL'),
    reduced('allow-from', `ALLOW-FROM https://site.test`),
    reduced('word', 'nonsense'),
  ],
  extra: [
    { family: 'empty', slug: 'empty', lines: [['X-Frame-Options', '']] },
    {
      family: 'lines',
      slug: 'deny-then-sameorigin',
      lines: [
        ['X-Frame-Options', 'DENY'],
        ['X-Frame-Options', 'SAMEORIGIN'],
      ],
    },
    { family: 'list-in-line', slug: 'two-unknown', lines: [['X-Frame-Options', 'foo, bar']] },
    { family: 'list-in-line', slug: 'sameorigin-empty-element', lines: [['X-Frame-Options', 'SAMEORIGIN,']] },
  ],
  fixed: () => [HTML],
  expect(r, ctx) {
    if (!r.ok) return NOT_RENDERED(r.why);
    const d = xfoAllowsFrame(r.headers, ctx.ancestorsSameOrigin);
    return d.allowed ? { blocked: false, observation: { rendered: true }, why: d.step } : NOT_RENDERED(d.step);
  },
  scenario(v) {
    const responses = (lines: DeclaredLine[]) => ({
      doc: { headers: [...lines, HTML], body: FRAMED_BODY },
      ...(v.ctx.ancestorsSameOrigin ? {} : { wrap: { headers: [HTML], body: '<!doctype html><iframe src="{{url:site:doc}}"></iframe>' } }),
    });
    const target = v.ctx.ancestorsSameOrigin ? { target: { at: PAGE, response: 'doc' } } : { target: { at: 'sub' as const, response: 'wrap' }, path: [0] };
    return {
      page: { at: PAGE },
      responses: responses(v.lines),
      probe: { kind: 'frame-load', params: target, timeoutMs: FRAME_BOUND_MS },
      control: { patch: { responses: responses([]) }, expect: { observation: { rendered: true } } },
    };
  },
};

// ------------------------------------------------------------------ Cross-Origin-Embedder-Policy (a frame under a require-corp parent)

export const coep: HeaderCase = {
  header: 'Cross-Origin-Embedder-Policy',
  slug: 'coep',
  spec: SPEC.coep,
  contexts: [{ slug: 'require-corp-parent', label: 'same-origin frame of a page with COEP require-corp' }],
  bases: [
    full('require-corp', 'require-corp'),
    full('credentialless', 'credentialless'),
    reduced('unsafe-none', 'unsafe-none'),
    full('report-to', 'require-corp;report-to="endpoint"'),
    reduced('report-to-sp', 'require-corp; report-to="endpoint"'),
    reduced('bool-param', 'require-corp;a'),
    reduced('string', '"require-corp"'),
  ],
  extra: [
    { family: 'empty', slug: 'empty', lines: [['Cross-Origin-Embedder-Policy', '']] },
    { family: 'param', slug: 'param-sp-before', lines: [['Cross-Origin-Embedder-Policy', 'require-corp ;a']] },
    { family: 'param', slug: 'param-bad-key', lines: [['Cross-Origin-Embedder-Policy', 'require-corp;A=1']] },
    { family: 'param', slug: 'param-integer', lines: [['Cross-Origin-Embedder-Policy', 'require-corp;a=1']] },
    { family: 'param', slug: 'param-bad-value', lines: [['Cross-Origin-Embedder-Policy', 'require-corp;a=?2']] },
    { family: 'token', slug: 'token-star', lines: [['Cross-Origin-Embedder-Policy', '*']] },
    { family: 'token', slug: 'token-colon', lines: [['Cross-Origin-Embedder-Policy', 'require-corp:x']] },
  ],
  fixed: () => [HTML],
  expect(r) {
    if (!r.ok) return NOT_RENDERED(r.why);
    const d = coepAllowsFrame('require-corp', r.headers);
    return d.allowed ? { blocked: false, observation: { rendered: true }, why: d.step } : NOT_RENDERED(d.step);
  },
  scenario(v) {
    const responses = (lines: DeclaredLine[]) => ({ doc: { headers: [...lines, HTML], body: FRAMED_BODY } });
    return {
      page: { at: PAGE, headers: [['Cross-Origin-Embedder-Policy', 'require-corp']] },
      responses: responses(v.lines),
      probe: { kind: 'frame-load', params: { target: { at: PAGE, response: 'doc' } }, timeoutMs: FRAME_BOUND_MS },
      control: { patch: { responses: responses([['Cross-Origin-Embedder-Policy', 'require-corp']]) }, expect: { observation: { rendered: true } } },
    };
  },
};

// ------------------------------------------------------------------ Cross-Origin-Opener-Policy (a same-origin popup)

const COOP_MUTATIONS = some([
  'as-is',
  'name-lower',
  'lead-sp',
  'trail-htab',
  'fold-leading',
  'inner-sp',
  'lead-x0b',
  'trail-x0b',
  'trail-x0c',
  'trail-nbsp',
  'value-upper',
  'dquote',
  'comma-trailing',
  'twice-comma-sp',
  'suffix-param',
  'suffix-semicolon',
  'two-lines-same',
  'then-other-line',
]);
export const coop: HeaderCase = {
  header: 'Cross-Origin-Opener-Policy',
  slug: 'coop',
  spec: SPEC.coop,
  contexts: [{ slug: 'popup', label: 'same-origin popup opened by a page without COOP' }],
  bases: [
    { slug: 'same-origin', value: 'same-origin', mutations: FULL },
    { slug: 'allow-popups', value: 'same-origin-allow-popups', mutations: COOP_MUTATIONS },
    { slug: 'unsafe-none', value: 'unsafe-none', mutations: some(['as-is', 'value-upper', 'suffix-param']) },
  ],
  extra: [
    { family: 'empty', slug: 'empty', lines: [['Cross-Origin-Opener-Policy', '']] },
    { family: 'param', slug: 'report-to', lines: [['Cross-Origin-Opener-Policy', 'same-origin; report-to="endpoint"']] },
  ],
  expect(r) {
    // A rejected message shows an error page: the popup never reports.
    if (!r.ok) return { blocked: false, observation: { report: false }, why: r.why };
    const d = popupKeepsOpener(r.headers);
    // Not a block the probe could fake: either answer is the popup's own report through the server.
    return { blocked: false, observation: { opened: true, report: true, popupOpener: d.allowed ? 'present' : 'null' }, why: d.step };
  },
  scenario: (v) => ({
    page: { at: PAGE },
    responses: { doc: { kind: 'agent', headers: v.lines } },
    probe: { kind: 'popup', params: { open: { at: PAGE, response: 'doc', mailbox: 'popup' }, pongMs: 100, waitMs: 8000 }, timeoutMs: 12_000 },
    // Needed only where an engine is recorded to sever the opener the standard keeps.
    control: { patch: { responses: { doc: { kind: 'agent', headers: [] } } }, expect: { observation: { opened: true, report: true, popupOpener: 'present' } } },
  }),
};

// ------------------------------------------------------------------ Origin-Agent-Cluster (frames, one per origin and browsing context group)

/** The https origins a frame can come from besides the page's: each decides its agent cluster key once per visit. */
export const OAC_ORIGINS: OriginName[] = ['sub', 'www', 'sitePort', 'other', 'otherSub'];
export const oac: HeaderCase = {
  header: 'Origin-Agent-Cluster',
  slug: 'oac',
  spec: SPEC.oac,
  contexts: [{ slug: 'frame', label: 'the first frame of its origin in the page' }],
  bases: [
    {
      slug: 'true',
      value: '?1',
      mutations: some([
        'as-is',
        'name-lower',
        'lead-sp',
        'trail-htab',
        'trail-x0b',
        'lead-nbsp',
        'dquote',
        'comma-trailing',
        'suffix-param',
        'suffix-semicolon',
        'two-lines-same',
        'then-other-line',
        'value-upper',
        'inner-sp',
      ]),
    },
    { slug: 'false', value: '?0', mutations: some(['as-is', 'suffix-param']) },
  ],
  extra: [
    { family: 'absent', slug: 'absent', lines: [] },
    { family: 'empty', slug: 'empty', lines: [['Origin-Agent-Cluster', '']] },
    { family: 'token', slug: 'token-true', lines: [['Origin-Agent-Cluster', 'true']] },
    { family: 'token', slug: 'integer', lines: [['Origin-Agent-Cluster', '1']] },
    { family: 'param', slug: 'param-sp', lines: [['Origin-Agent-Cluster', '?1; a']] },
  ],
  expect(r) {
    if (!r.ok) return { blocked: false, observation: { contextReady: false }, why: r.why };
    const wants = requestsOriginAgentCluster(r.headers);
    return {
      blocked: false,
      observation: { originAgentCluster: wants },
      why: `requestsOAC ${wants}: the agent cluster is keyed by ${wants ? 'origin' : 'site'}`,
    };
  },
  scenario: (v, _e, ordinal) => ({
    page: { at: PAGE },
    responses: { doc: { kind: 'agent', headers: v.lines } },
    // Each frame is the first document of its origin in the visit (five origins, five per visit).
    probe: {
      kind: 'document-domain',
      params: {},
      context: [{ via: 'iframe', at: OAC_ORIGINS[ordinal % OAC_ORIGINS.length], response: 'doc' }],
      timeoutMs: FRAME_BOUND_MS,
    },
  }),
};

export const DOCUMENT_CASES: HeaderCase[] = [xfo, coep, coop, oac] as HeaderCase[];
