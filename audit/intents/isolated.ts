/**
 * `isolated`: pages that must be crossOriginIsolated, and what they embed (each must load under
 * their COEP). The page is opened as a popup from an isolated page of its own origin; each embed
 * loads in a page with the stated COEP. Explained by HTML's cross-origin isolation
 * (harness/model/html/isolation.ts) and Fetch's CORP check (embedding.ts).
 */
import { z } from 'zod';
import type { OriginName } from '../../protocol/origins.ts';
import { htmlDoc } from '../../scenarios/lib.ts';
import { isolationOf } from '../../harness/model/html/isolation.ts';
import { addProbe, defineIntent, documentAnswer, exchangeOf, unknownExplanation, type Builder, type DeriveContext } from '../probe.ts';
import { absoluteUrl, embedAs } from './fields.ts';
import { embeddable, embedKind } from './embedding.ts';

const schema = z.strictObject({
  page: absoluteUrl,
  embeds: z.array(z.strictObject({ url: absoluteUrl, as: embedAs })).optional(),
  /** The embedder policy the page uses (default require-corp). */
  coep: z.enum(['require-corp', 'credentialless']).optional(),
});

export type IsolatedIntent = z.output<typeof schema>;

type Page = { at: OriginName; headers: Array<[string, string]> };

function pageProbe(b: Builder, x: IsolatedIntent, ctx: DeriveContext, pageOf: Page, coep: string): void {
  const page = ctx.at(x.page);
  addProbe(
    b,
    {
      id: `${b.intent.id}.page`,
      area: 'audit/isolated',
      title: `${x.page} is crossOriginIsolated`,
      spec: ['coi', 'obtainCoop', 'coep'],
      page: pageOf,
      responses: { isolated: htmlDoc(pageOf.headers) },
      probe: { kind: 'frame-view', params: { target: { at: page.origin.name, response: page.path }, via: 'popup' }, timeoutMs: 10_000 },
      expect: { blocked: false, observation: { showsTarget: true, crossOriginIsolated: true } },
      // Proves this engine shows isolation to this probe: an isolated page of originproof's on the same origin.
      control: {
        patch: { probe: { params: { target: { at: page.origin.name, response: 'isolated' } } } },
        expect: { observation: { showsTarget: true, crossOriginIsolated: true } },
      },
      serial: true,
    },
    {
      kind: 'isolation',
      expect: 'isolated',
      requester: {
        origin: page.origin.name,
        label: `a page of ${page.origin.name} with COOP same-origin and COEP ${coep}, opening it as a popup`,
        attacker: false,
      },
      target: { url: x.page, origin: page.origin.name, path: page.path },
      title: `${x.page} is crossOriginIsolated`,
    },
  );
}

function embedProbes(b: Builder, x: IsolatedIntent, ctx: DeriveContext, pageOf: Page, coep: 'require-corp' | 'credentialless'): void {
  const page = ctx.at(x.page);
  x.embeds?.forEach((e, j) => {
    const r = ctx.at(e.url);
    addProbe(
      b,
      {
        id: `${b.intent.id}.embed-${j}`,
        area: 'audit/isolated',
        title: `${e.url} loads as <${e.as}> in a page of ${page.origin.name} with COEP ${coep}`,
        spec: ['corpCheck', 'coep'],
        page: pageOf,
        responses: { corp: embeddable(e.as) },
        probe: { kind: 'embed', params: { element: e.as, target: { at: r.origin.name, response: r.path } } },
        expect: { blocked: false, observation: { loaded: true } },
        control: { patch: { probe: { params: { target: { at: r.origin.name, response: 'corp' } } } }, expect: { observation: { loaded: true } } },
      },
      {
        kind: 'embed',
        expect: 'loads',
        requester: { origin: page.origin.name, label: `a page of ${page.origin.name} with COEP ${coep}`, attacker: false },
        target: { url: e.url, origin: r.origin.name, path: r.path },
        embed: { as: e.as, coep },
        title: `${e.url} loads as <${e.as}> under COEP ${coep}`,
      },
    );
  });
}

export const isolated = defineIntent({
  key: 'isolated',
  idPrefix: 'isolated',
  schema,
  check(x, field, ctx) {
    const page = ctx.onServer(`${field}.page`, x.page);
    if (page.origin.entry.scheme !== 'https') ctx.fail(`${field}.page`, 'crossOriginIsolated needs a secure context: declare the page on an https origin');
    x.embeds?.forEach((e, j) => ctx.onServer(`${field}.embeds[${j}].url`, e.url));
  },
  title: (x) => `${x.page} is crossOriginIsolated${x.embeds?.length ? `, and loads ${x.embeds.map((e) => e.url).join(', ')} under its COEP` : ''}`,
  derive(b, x, ctx) {
    const coep = x.coep ?? 'require-corp';
    const pageOf: Page = {
      at: ctx.at(x.page).origin.name,
      headers: [
        ['Cross-Origin-Opener-Policy', 'same-origin'],
        ['Cross-Origin-Embedder-Policy', coep],
      ],
    };
    pageProbe(b, x, ctx, pageOf, coep);
    embedProbes(b, x, ctx, pageOf, coep);
  },
  kinds: {
    isolation: {
      observed(_p, o) {
        if (o.showsTarget !== true)
          return { words: o.closed ? 'the page left the isolated opener (severed: its COOP differs)' : 'the page could not be read in the popup', good: false };
        return { words: `crossOriginIsolated is ${String(o.crossOriginIsolated)}`, good: o.crossOriginIsolated === true };
      },
      explain(p, logged) {
        const exchanges = logged.map(exchangeOf);
        const doc = documentAnswer(logged);
        if (!doc?.answer) return unknownExplanation('the page never came back from your server, so its headers cannot be judged', exchanges);
        if (doc.answer.status >= 300 && doc.answer.status < 400)
          return unknownExplanation(`your server redirected the page (${doc.answer.status}); state the URL it ends at as the page`, exchanges);
        const m = isolationOf(p.target.url, doc.answer.headers);
        return { holds: m.isolated, outcome: m.isolated ? 'isolated' : 'not isolated', why: m.why, exchanges };
      },
      relevantHeaders: /^(cross-origin-(opener|embedder)-policy|permissions-policy)$/i,
    },
    embed: embedKind,
  },
});
