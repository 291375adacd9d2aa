/**
 * `isolatedByDip`: pages that must be crossOriginIsolated through Document-Isolation-Policy alone,
 * wherever they are embedded. The page is framed by a page of its origin that sends no isolation
 * headers (so neither COOP nor COEP can be what isolates it); the control frames originproof's own
 * page with `Document-Isolation-Policy: isolate-and-require-corp` there. Explained by the Document
 * Isolation Policy draft (harness/model/html/dip.ts).
 */
import { z } from 'zod';
import { htmlDoc } from '../../scenarios/lib.ts';
import { dipIsolationOf } from '../../harness/model/html/dip.ts';
import { addProbe, defineIntent, documentAnswer, exchangeOf, unknownExplanation } from '../probe.ts';
import { absoluteUrl } from './fields.ts';

const schema = z.strictObject({ page: absoluteUrl });

export type IsolatedByDipIntent = z.output<typeof schema>;

export const isolatedByDip = defineIntent({
  key: 'isolatedByDip',
  idPrefix: 'isolated-by-dip',
  schema,
  check(x, field, ctx) {
    const page = ctx.onServer(`${field}.page`, x.page);
    if (page.origin.entry.scheme !== 'https')
      ctx.fail(`${field}.page`, 'Document-Isolation-Policy needs a secure context: declare the page on an https origin');
  },
  title: (x) => `${x.page} is crossOriginIsolated by Document-Isolation-Policy in a frame of a page without isolation headers`,
  derive(b, x, ctx) {
    const p = ctx.at(x.page);
    addProbe(
      b,
      {
        id: `${b.intent.id}.frame`,
        area: 'audit/isolated-by-dip',
        title: `${x.page}, framed by a page of its origin without isolation headers, is crossOriginIsolated`,
        spec: ['dip', 'dipObtain', 'coi'],
        page: { at: p.origin.name },
        responses: { isolated: htmlDoc([['Document-Isolation-Policy', 'isolate-and-require-corp']]) },
        probe: { kind: 'frame-view', params: { target: { at: p.origin.name, response: p.path } }, timeoutMs: 10_000 },
        expect: { blocked: false, observation: { showsTarget: true, crossOriginIsolated: true } },
        // Proves this engine isolates by Document-Isolation-Policy at all (engines without it are inconclusive, not failing).
        control: {
          patch: { probe: { params: { target: { at: p.origin.name, response: 'isolated' } } } },
          expect: { observation: { showsTarget: true, crossOriginIsolated: true } },
        },
      },
      {
        kind: 'dip-isolation',
        expect: 'isolated',
        requester: { origin: p.origin.name, label: `a page of ${p.origin.name} without isolation headers, framing it`, attacker: false },
        target: { url: x.page, origin: p.origin.name, path: p.path },
        title: `${x.page} is crossOriginIsolated by Document-Isolation-Policy`,
      },
    );
  },
  kinds: {
    'dip-isolation': {
      observed(_p, o) {
        if (o.showsTarget !== true) return { words: 'the page could not be read in the frame', good: false };
        return { words: `crossOriginIsolated is ${String(o.crossOriginIsolated)}`, good: o.crossOriginIsolated === true };
      },
      explain(p, logged) {
        const exchanges = logged.map(exchangeOf);
        const doc = documentAnswer(logged);
        if (!doc?.answer) return unknownExplanation('the page never came back from your server, so its headers cannot be judged', exchanges);
        if (doc.answer.status >= 300 && doc.answer.status < 400)
          return unknownExplanation(`your server redirected the page (${doc.answer.status}); state the URL it ends at as the page`, exchanges);
        const m = dipIsolationOf(p.target.url, doc.answer.headers);
        return { holds: m.isolated, outcome: m.isolated ? 'isolated' : 'not isolated', why: m.why, exchanges };
      },
      relevantHeaders: /^(document-isolation-policy(-report-only)?|permissions-policy)$/i,
    },
  },
});
