/**
 * `isolatedByDip`: pages that must be crossOriginIsolated through Document-Isolation-Policy alone,
 * wherever they are embedded. The top-level page is a page of the page's origin that sends no
 * isolation headers (so neither COOP nor COEP can be what isolates it). Document-Isolation-Policy
 * keys a document's agent cluster by its origin and policy, so only a same-origin document with the
 * same policy can read the page: the page is framed by such a reader inside the plain top. The
 * control frames originproof's own page with the same policy there. Explained by the Document
 * Isolation Policy draft (harness/model/html/dip.ts). An engine the catalog records without
 * Document-Isolation-Policy cannot hold the intent: unsupported, with its recorded position.
 */
import { z } from 'zod';
import { agent, htmlDoc } from '../../scenarios/lib.ts';
import { dipIsolationOf } from '../../harness/model/html/dip.ts';
import { addProbe, defineIntent, documentAnswer, exchangeOf, unknownExplanation } from '../probe.ts';
import { absoluteUrl } from './fields.ts';

const schema = z.strictObject({
  page: absoluteUrl,
  /** The policy the page sends (default isolate-and-require-corp): the reader's, since only a document of its origin and policy reads it. */
  policy: z.enum(['isolate-and-require-corp', 'isolate-and-credentialless']).optional(),
});

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
    const dip: Array<[string, string]> = [['Document-Isolation-Policy', x.policy ?? 'isolate-and-require-corp']];
    addProbe(
      b,
      {
        id: `${b.intent.id}.frame`,
        area: 'audit/isolated-by-dip',
        title: `${x.page}, framed inside a page of its origin without isolation headers, is crossOriginIsolated`,
        spec: ['dip', 'dipObtain', 'coi'],
        page: { at: p.origin.name },
        responses: { reader: agent(dip), isolated: htmlDoc(dip) },
        probe: {
          kind: 'frame-view',
          params: { target: { at: p.origin.name, response: p.path } },
          // The reader: a document of the page's origin with the same policy, in the plain top (only it shares the page's agent cluster).
          context: [{ via: 'iframe', at: p.origin.name, response: 'reader' }],
          timeoutMs: 10_000,
        },
        expect: { blocked: false, observation: { showsTarget: true, crossOriginIsolated: true } },
        // Proves this engine isolates by Document-Isolation-Policy at all (an engine recorded without it: unsupported, not your server's doing).
        control: {
          patch: { probe: { params: { target: { at: p.origin.name, response: 'isolated' } } } },
          expect: { observation: { showsTarget: true, crossOriginIsolated: true } },
        },
      },
      {
        kind: 'dip-isolation',
        expect: 'isolated',
        requester: {
          origin: p.origin.name,
          label: `a page of ${p.origin.name} without isolation headers, framing it through a same-origin document with ${dip[0].join(': ')}`,
          attacker: false,
        },
        target: { url: x.page, origin: p.origin.name, path: p.path },
        policy: dip[0][1],
        title: `${x.page} is crossOriginIsolated by Document-Isolation-Policy`,
      },
    );
  },
  kinds: {
    'dip-isolation': {
      observed(_p, o) {
        if (o.showsTarget !== true)
          return {
            words:
              'the page could not be read from a same-origin document with the same Document-Isolation-Policy (it is not in that agent cluster, or did not load)',
            good: false,
          };
        return { words: `crossOriginIsolated is ${String(o.crossOriginIsolated)}`, good: o.crossOriginIsolated === true };
      },
      explain(p, logged) {
        const exchanges = logged.map(exchangeOf);
        const doc = documentAnswer(logged);
        if (!doc?.answer) return unknownExplanation('the page never came back from your server, so its headers cannot be judged', exchanges);
        if (doc.answer.status >= 300 && doc.answer.status < 400)
          return unknownExplanation(`your server redirected the page (${doc.answer.status}); state the URL it ends at as the page`, exchanges);
        const m = dipIsolationOf(p.target.url, doc.answer.headers);
        if (m.isolated && p.policy && m.value !== p.policy)
          return unknownExplanation(
            `your server sends Document-Isolation-Policy ${m.value}, not the ${p.policy} your config states: only a document with the same policy shares its agent cluster and can read it; state policy: '${m.value}'`,
            exchanges,
          );
        return { holds: m.isolated, outcome: m.isolated ? 'isolated' : 'not isolated', why: m.why, exchanges };
      },
      relevantHeaders: /^(document-isolation-policy(-report-only)?|permissions-policy|cross-origin-(opener|embedder)-policy)$/i,
      needs: { feature: 'Document-Isolation-Policy', scenario: 'isolation.dip.frame.same-origin.require-corp' },
    },
  },
});
