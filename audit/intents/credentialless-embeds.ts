/**
 * `credentiallessEmbeds`: pages that must load and work in an `<iframe credentialless>` of a
 * cross-origin isolated page (COOP same-origin + COEP) of a stated origin. Such a frame needs
 * neither COEP nor CORP from the embed, but its requests go without the user's cookies (a fresh
 * ephemeral cookie jar and storage per page), so an embed that answers its own requests only to a
 * logged-in user, or whose document is not framable there, does not work.
 *
 * A cross-origin parent cannot see whether its frame loaded, so the credentialless frame holds a
 * document of originproof's on the embed's origin, which frames the embed (frames inside a
 * credentialless frame are credentialless too) and reads it. The page carries a session cookie for
 * the embed's origin, so the evidence shows the frame's requests withheld it. The control frames
 * originproof's own page there: in an engine that ignores the attribute the credentialless frame
 * never loads in the isolated page, and the intent is unsupported there (the catalog's record).
 * Explained by the iframe credentialless draft, HTML's embedder policy check of a navigation
 * response, X-Frame-Options and frame-ancestors (harness/model/html/framing.ts), and Fetch's CORP
 * check for the embed's no-cors subresources under its own COEP (harness/model/fetch/corp.ts).
 */
import { z } from 'zod';
import type { OriginName } from '../../protocol/origins.ts';
import type { LoggedRequest } from '../../protocol/visit.ts';
import { cookieNames } from '../../harness/judge/evidence.ts';
import { corpCheckNoCors } from '../../harness/model/fetch/corp.ts';
import { framingOf } from '../../harness/model/html/framing.ts';
import { embedderPolicy } from '../../harness/model/parsing/policies.ts';
import { AGENT, htmlDoc } from '../../scenarios/lib.ts';
import { addProbe, defineIntent, exchangeOf, unknownExplanation, type AuditProbe, type Explanation } from '../probe.ts';
import { absoluteUrl } from './fields.ts';

const schema = z.strictObject({
  /** The embed: a page on a declared origin. */
  url: absoluteUrl,
  /** The origin whose isolated page embeds it in <iframe credentialless>. */
  by: z.string().describe('an origin declared in `origins`'),
  /** The embedder policy of that page (default require-corp). */
  coep: z.enum(['require-corp', 'credentialless']).optional(),
});

export type CredentiallessEmbedIntent = z.output<typeof schema>;

/** A session cookie for the embed's origin, set first-party before the page loads: the frame's requests must go without it. */
const SESSION = 'originproof_session';

const STEP_FRAME =
  'iframe credentialless (WICG): the frame and every frame inside it get a new ephemeral partition for cookies, storage and network, so their requests carry none of the user’s cookies and their storage starts empty';
const STEP_COEP = (coep: string) =>
  `HTML, check a navigation response's adherence to its embedder policy: in a page with COEP ${coep} a credentialless frame needs neither COEP nor CORP from the embed`;

/** The embed's own no-cors subresources under its embedder policy (CORP), and every answer of 400 or more. */
function subresourceSteps(p: AuditProbe, doc: LoggedRequest, rest: LoggedRequest[]): { ok: boolean; why: string[] } {
  const coep = embedderPolicy(doc.answer!.headers);
  const why: string[] = [];
  let ok = true;
  for (const r of rest) {
    if (!r.answer) continue;
    const sent = cookieNames(r.cookie).length ? `with the cookies ${cookieNames(r.cookie).join(', ')}` : 'without cookies';
    if (r.answer.status >= 400) {
      ok = false;
      why.push(`${r.method} ${r.path} (sent ${sent}) → ${r.answer.status}: the embed needs it, and in a credentialless frame it never has the user's cookies`);
      continue;
    }
    if (coep === 'unsafe-none' || r.secFetchMode !== 'no-cors' || !r.at) continue;
    const c = corpCheckNoCors({ origin: p.target.origin, embedderPolicy: coep, responseUrl: `${r.at}${r.path}`, headers: r.answer.headers });
    if (!c.ok) {
      ok = false;
      why.push(`${r.method} ${r.path} under the embed's own COEP ${coep}: ${c.why}`);
    }
  }
  return { ok, why };
}

/** Whether the embed works in the credentialless frame, by the standard, on what the server answered. */
export function explainCredentiallessEmbed(p: AuditProbe, logged: LoggedRequest[]): Explanation {
  const exchanges = logged.map(exchangeOf);
  const doc = logged.find((r) => r.response === p.target.path && r.answer && r.method === 'GET');
  if (!doc?.answer) return unknownExplanation('the embed never came back from your server, so its headers cannot be judged', exchanges);
  const coep = p.policy ?? 'require-corp';
  const sent = cookieNames(doc.cookie);
  const why = [STEP_FRAME, `the embed's navigation carried ${sent.length ? `the cookies ${sent.join(', ')}` : 'no cookies'}`, STEP_COEP(coep)];
  const framing = framingOf(p.target.origin, doc.answer.headers, p.ancestors ?? []);
  why.push(...framing.why);
  if (framing.blocked) return { holds: false, outcome: 'not framed', why, exchanges };
  if (doc.answer.status >= 400) {
    why.push(`your server answered ${doc.answer.status} to the embed's navigation: it must answer without the user's cookies`);
    return { holds: false, engineShould: true, outcome: 'loads, but does not work', why, exchanges };
  }
  const rest = subresourceSteps(
    p,
    doc,
    logged.filter((r) => r !== doc && !(r.response === p.target.path && r.method === 'GET')),
  );
  why.push(...rest.why);
  if (rest.ok) why.push(`your server answered the embed${logged.length > 1 ? ' and each request it made' : ''} without the user's cookies`);
  return { holds: rest.ok, engineShould: true, outcome: rest.ok ? 'loads and works' : 'loads, but does not work', why, exchanges };
}

export const credentiallessEmbeds = defineIntent({
  key: 'credentiallessEmbeds',
  idPrefix: 'credentialless-embeds',
  schema,
  check(x, field, ctx) {
    const embed = ctx.onServer(`${field}.url`, x.url);
    if (embed.origin.entry.scheme !== 'https')
      ctx.fail(`${field}.url`, 'an isolated page frames only https documents (mixed content): declare the embed on an https origin');
    const by = ctx.declared.get(x.by);
    if (!by) return ctx.fail(`${field}.by`, `${x.by} is not an origin declared in origins (declared: ${[...ctx.declared.keys()].join(', ')})`);
    if (by.entry.scheme !== 'https') ctx.fail(`${field}.by`, 'crossOriginIsolated needs a secure context: declare the embedding origin as https');
  },
  title: (x) => `${x.url} loads and works in an <iframe credentialless> of an isolated page of ${x.by}`,
  derive(b, x, ctx) {
    const e = ctx.at(x.url);
    const by = ctx.declared.get(x.by)!;
    const coep = x.coep ?? 'require-corp';
    const title = `${x.url} loads and works in an <iframe credentialless> of a page of ${by.name} with COOP same-origin and COEP ${coep}`;
    addProbe(
      b,
      {
        id: `${b.intent.id}.frame`,
        area: 'audit/credentialless-embeds',
        title,
        spec: ['credentiallessIframe', 'coepNavigation', 'xfo', 'frameAncestors', 'corpCheck'],
        page: {
          at: by.name,
          headers: [
            ['Cross-Origin-Opener-Policy', 'same-origin'],
            ['Cross-Origin-Embedder-Policy', coep],
          ],
          cookies: [{ at: e.origin.name as OriginName, setCookie: `${SESSION}=1; Path=/; SameSite=None; Secure` }],
        },
        responses: { reader: AGENT, plain: htmlDoc() },
        probe: {
          kind: 'frame-view',
          params: { target: { at: e.origin.name, response: e.path } },
          // The credentialless frame: originproof's document of the embed's origin, reading the embed it frames.
          context: [{ via: 'iframe', at: e.origin.name, response: 'reader', credentialless: true }],
          timeoutMs: 10_000,
        },
        expect: { blocked: false, observation: { showsTarget: true } },
        // An engine that ignores the attribute refuses the frame in the isolated page with no load event: the probe waits out its bound.
        waits: true,
        control: { patch: { probe: { params: { target: { at: e.origin.name, response: 'plain' } } } }, expect: { observation: { showsTarget: true } } },
      },
      {
        kind: 'credentialless-embed',
        expect: 'works',
        requester: { origin: by.name, label: `a page of ${by.name} with COOP same-origin and COEP ${coep}, in <iframe credentialless>`, attacker: false },
        target: { url: x.url, origin: e.origin.name, path: e.path },
        policy: coep,
        ancestors: [by.name],
        title,
      },
    );
  },
  kinds: {
    'credentialless-embed': {
      observed(_p, o) {
        if (o.showsTarget === true) return { words: 'loaded in the credentialless frame', good: true };
        if (o.contextReady === false) return { words: 'the credentialless frame never loaded in the isolated page', good: false };
        return { words: 'did not load in the credentialless frame', good: false };
      },
      explain: explainCredentiallessEmbed,
      relevantHeaders: /^(x-frame-options|content-security-policy|cross-origin-(embedder|resource)-policy|set-cookie)$/i,
      needs: { feature: '<iframe credentialless>', scenario: 'isolation.credentialless.cross-site' },
      worksByAnswers: true,
      probeRequests: true,
    },
  },
});
