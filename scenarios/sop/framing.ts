/**
 * Framing controls: X-Frame-Options and CSP frame-ancestors. A frame the browser refuses to
 * render never runs its agent, so it never says hello; the control is the permitting variant.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { OriginName } from '../../protocol/origins.ts';
import { agent } from '../lib.ts';
import { withBound } from './common.ts';

interface Case {
  slug: string;
  at: OriginName;
  headers: Array<[string, string]>;
  framed: boolean;
  title: string;
  control?: { sameOrigin: true } | { headers: Array<[string, string]> };
  spec?: CitationId[];
}

const CASES: Case[] = [
  {
    slug: 'xfo-deny-cross-site',
    at: 'other',
    headers: [['X-Frame-Options', 'DENY']],
    framed: false,
    title: 'X-Frame-Options: DENY stops a cross-site parent',
    control: { headers: [] },
  },
  {
    slug: 'xfo-deny-same-origin',
    at: 'site',
    headers: [['X-Frame-Options', 'DENY']],
    framed: false,
    title: 'X-Frame-Options: DENY stops even a same-origin parent',
    control: { headers: [['X-Frame-Options', 'SAMEORIGIN']] },
  },
  {
    slug: 'xfo-sameorigin-cross-site',
    at: 'other',
    headers: [['X-Frame-Options', 'SAMEORIGIN']],
    framed: false,
    title: 'X-Frame-Options: SAMEORIGIN stops a cross-site parent',
    control: { sameOrigin: true },
  },
  {
    slug: 'xfo-sameorigin-same-site',
    at: 'sub',
    headers: [['X-Frame-Options', 'SAMEORIGIN']],
    framed: false,
    title: 'X-Frame-Options: SAMEORIGIN stops a same-site cross-origin parent (sub.site.test in site.test)',
    control: { sameOrigin: true },
  },
  {
    slug: 'xfo-sameorigin-same-origin',
    at: 'site',
    headers: [['X-Frame-Options', 'SAMEORIGIN']],
    framed: true,
    title: 'X-Frame-Options: SAMEORIGIN allows a same-origin parent',
  },
  {
    slug: 'xfo-lowercase-deny',
    at: 'other',
    headers: [['x-frame-options', 'deny']],
    framed: false,
    title: 'X-Frame-Options values are case-insensitive (deny)',
    control: { headers: [] },
  },
  {
    slug: 'xfo-allowall-ignored',
    at: 'other',
    headers: [['X-Frame-Options', 'ALLOWALL']],
    framed: true,
    title: 'X-Frame-Options: ALLOWALL is not a valid value and is ignored (framed)',
  },
  {
    slug: 'xfo-allow-from-ignored',
    at: 'other',
    headers: [['X-Frame-Options', 'ALLOW-FROM https://site.test']],
    framed: true,
    title: 'X-Frame-Options: ALLOW-FROM is obsolete and ignored (framed)',
  },
  {
    slug: 'xfo-conflict-deny',
    at: 'other',
    headers: [['X-Frame-Options', 'SAMEORIGIN, DENY']],
    framed: false,
    title: 'X-Frame-Options with conflicting values (SAMEORIGIN, DENY) is treated as DENY',
    control: { headers: [] },
  },
  {
    slug: 'fa-none',
    at: 'other',
    headers: [['Content-Security-Policy', "frame-ancestors 'none'"]],
    framed: false,
    title: "CSP frame-ancestors 'none' stops framing",
    control: { headers: [['Content-Security-Policy', 'frame-ancestors *']] },
  },
  {
    slug: 'fa-self-cross-site',
    at: 'other',
    headers: [['Content-Security-Policy', "frame-ancestors 'self'"]],
    framed: false,
    title: "CSP frame-ancestors 'self' stops a cross-site parent",
    control: { sameOrigin: true },
  },
  {
    slug: 'fa-self-same-site',
    at: 'sub',
    headers: [['Content-Security-Policy', "frame-ancestors 'self'"]],
    framed: false,
    title: "CSP frame-ancestors 'self' stops a same-site cross-origin parent",
    control: { sameOrigin: true },
  },
  {
    slug: 'fa-named-parent',
    at: 'other',
    headers: [['Content-Security-Policy', 'frame-ancestors https://site.test']],
    framed: true,
    title: 'CSP frame-ancestors naming the parent origin allows it',
  },
  {
    slug: 'fa-named-other',
    at: 'other',
    headers: [['Content-Security-Policy', 'frame-ancestors https://www.site.test']],
    framed: false,
    title: 'CSP frame-ancestors naming another origin stops the parent',
    control: { headers: [['Content-Security-Policy', 'frame-ancestors https://site.test']] },
  },
  {
    slug: 'fa-http-scheme',
    at: 'other',
    headers: [['Content-Security-Policy', 'frame-ancestors http://site.test']],
    framed: true,
    title: 'CSP frame-ancestors http://site.test also matches the https parent (scheme upgrade in source matching)',
  },
  {
    slug: 'fa-overrides-xfo',
    at: 'other',
    headers: [
      ['X-Frame-Options', 'DENY'],
      ['Content-Security-Policy', 'frame-ancestors https://site.test'],
    ],
    framed: true,
    title: 'CSP frame-ancestors present: X-Frame-Options is ignored (framed despite DENY)',
    spec: ['xfo', 'frameAncestors'],
  },
  {
    slug: 'fa-report-only',
    at: 'other',
    headers: [['Content-Security-Policy-Report-Only', "frame-ancestors 'none'"]],
    framed: true,
    title: "Content-Security-Policy-Report-Only frame-ancestors 'none' does not block",
  },
];

const RAW: ScenarioInput[] = CASES.map((c): ScenarioOf<'window-access'> => ({
  id: `sop.framing.${c.slug}`,
  area: 'sop/framing',
  title: c.title,
  claims: ['C74', ...(c.framed ? ['C10'] : [])],
  spec:
    c.spec ??
    (c.headers.some(([k]) => k.toLowerCase() === 'content-security-policy' || k.toLowerCase() === 'content-security-policy-report-only')
      ? ['frameAncestors']
      : ['xfo']),
  responses: { doc: agent(c.headers) },
  probe: { kind: 'window-access', params: { target: 'frame', open: { at: c.at, response: 'doc' }, path: ['closed'], action: 'get' } },
  expect: c.framed ? { blocked: false, observation: { targetReady: true, allowed: true } } : { blocked: true, observation: { targetReady: false } },
  ...(c.control
    ? {
        control:
          'sameOrigin' in c.control
            ? { sameOrigin: true, expect: { observation: { targetReady: true, allowed: true } } }
            : { patch: { responses: { doc: { headers: c.control.headers } } }, expect: { observation: { targetReady: true, allowed: true } } },
      }
    : {}),
}));

export const scenarios: ScenarioInput[] = withBound(RAW);
