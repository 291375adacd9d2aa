/**
 * `sameSiteOnly`: resources that must not load cross-site. Another site embeds the resource and
 * must get nothing; the control loads the same element from a frame of the resource's own origin.
 * Explained by Fetch's CORP check (embedding.ts).
 */
import { z } from 'zod';
import { AGENT } from '../../scenarios/lib.ts';
import { addProbe, defineIntent } from '../probe.ts';
import { absoluteUrl, embedAs } from './fields.ts';
import { embedKind } from './embedding.ts';

const schema = z.strictObject({ resource: absoluteUrl, as: embedAs });

export type SameSiteOnlyIntent = z.output<typeof schema>;

export const sameSiteOnly = defineIntent({
  key: 'sameSiteOnly',
  idPrefix: 'same-site-only',
  schema,
  check: (x, field, ctx) => void ctx.onServer(`${field}.resource`, x.resource),
  title: (x) => `${x.resource} does not load cross-site`,
  derive(b, x, ctx) {
    const r = ctx.at(x.resource);
    addProbe(
      b,
      {
        id: `${b.intent.id}.other-site`,
        area: 'audit/same-site-only',
        title: `another site (https://other.test) cannot load ${x.resource} as <${x.as}>`,
        spec: ['corpCheck'],
        page: { at: 'other' },
        responses: { agent: AGENT },
        probe: { kind: 'embed', params: { element: x.as, target: { at: r.origin.name, response: r.path } } },
        expect: { blocked: true, observation: { loaded: false } },
        // The same element, loading the same resource from a frame of its own origin: proves it loads at all.
        control: { patch: { probe: { context: [{ via: 'iframe', at: r.origin.name, response: 'agent' }] } }, expect: { observation: { loaded: true } } },
      },
      {
        kind: 'same-site-only',
        expect: 'blocked',
        requester: { origin: 'https://other.test', label: 'another site (https://other.test)', attacker: true },
        target: { url: x.resource, origin: r.origin.name, path: r.path },
        embed: { as: x.as },
        title: `another site cannot load ${x.resource} as <${x.as}>`,
      },
    );
  },
  kinds: { 'same-site-only': embedKind },
});
