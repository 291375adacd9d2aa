/**
 * `notFramed`: pages that must not be framed by another site, nor by a same-site sibling. The
 * frame is read from a document of the page's own origin in between; the control frames
 * originproof's own framable page. Explained by HTML's X-Frame-Options and CSP frame-ancestors
 * (harness/model/html/framing.ts).
 */
import { z } from 'zod';
import type { OriginName } from '../../protocol/origins.ts';
import { AGENT, htmlDoc } from '../../scenarios/lib.ts';
import { framingOf } from '../../harness/model/html/framing.ts';
import { attackersOf } from '../attackers.ts';
import { addProbe, defineIntent, documentAnswer, exchangeOf, slug, unknownExplanation } from '../probe.ts';
import { absoluteUrl } from './fields.ts';

const schema = z.strictObject({ page: absoluteUrl });

export type NotFramedIntent = z.output<typeof schema>;

export const notFramed = defineIntent({
  key: 'notFramed',
  idPrefix: 'not-framed',
  schema,
  check: (x, field, ctx) => void ctx.onServer(`${field}.page`, x.page),
  title: (x) => `${x.page} is not framed by another site`,
  derive(b, x, ctx) {
    const p = ctx.at(x.page);
    const sibling = attackersOf(p.origin.entry, p.origin.name).find((a) => a.kind === 'sibling')!;
    b.registers.push(...sibling.registers);
    const tops = [
      { page: 'other', origin: 'https://other.test', label: 'another site (https://other.test)' },
      { page: sibling.page, origin: sibling.origin, label: sibling.label },
    ];
    for (const top of tops) {
      addProbe(
        b,
        {
          id: `${b.intent.id}.${slug(top.page)}`,
          area: 'audit/not-framed',
          title: `${top.label} cannot frame ${x.page}`,
          spec: ['xfo', 'frameAncestors'],
          page: { at: top.page as OriginName },
          responses: { agent: AGENT, framable: htmlDoc() },
          // The frame is read from a document of the page's own origin in between (a cross-origin
          // parent cannot see whether its frame loaded); every ancestor counts for XFO and frame-ancestors.
          probe: {
            kind: 'frame-view',
            params: { target: { at: p.origin.name, response: p.path } },
            context: [{ via: 'iframe', at: p.origin.name, response: 'agent' }],
          },
          expect: { blocked: true, observation: { showsTarget: false } },
          control: { patch: { probe: { params: { target: { at: p.origin.name, response: 'framable' } } } }, expect: { observation: { showsTarget: true } } },
        },
        {
          kind: 'framing',
          expect: 'not-framed',
          requester: { origin: top.origin, label: top.label, attacker: true },
          target: { url: x.page, origin: p.origin.name, path: p.path },
          ancestors: [p.origin.name, top.origin],
          title: `${top.label} cannot frame ${x.page}`,
        },
      );
    }
  },
  kinds: {
    framing: {
      observed(_p, o) {
        const framed = o.showsTarget === true;
        return { words: framed ? 'framed: the page showed inside the frame' : 'not framed', good: !framed };
      },
      explain(p, logged) {
        const exchanges = logged.map(exchangeOf);
        const doc = documentAnswer(logged);
        if (!doc?.answer) return unknownExplanation('the page never came back from your server, so its headers cannot be judged', exchanges);
        const m = framingOf(p.target.origin, doc.answer.headers, p.ancestors ?? []);
        return { holds: m.blocked, outcome: m.blocked ? 'not framed' : 'framed', why: m.why, exchanges };
      },
      relevantHeaders: /^(x-frame-options|content-security-policy)$/i,
    },
  },
});
