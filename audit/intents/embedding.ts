/**
 * What `isolated` (embeds) and `sameSiteOnly` share: an element loading the user's resource, its
 * judging words, and its explanation by Fetch's cross-origin resource policy check — the catalog's
 * own model (harness/model/fetch/corp.ts corpCheckNoCors), credentials as the embedder policy
 * leaves them.
 */
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { image, script, stylesheet, WAV } from '../../scenarios/lib.ts';
import { corpCheckNoCors } from '../../harness/model/fetch/corp.ts';
import { exchangeOf, unknownExplanation, type EmbedAs, type ProbeKind } from '../probe.ts';

const CORP_CROSS: Array<[string, string]> = [['Cross-Origin-Resource-Policy', 'cross-origin']];

/** A resource of the kind an element embeds, that any embedder may load (controls of embeds). */
export function embeddable(as: EmbedAs): DeclaredResponse {
  switch (as) {
    case 'img':
      return image(CORP_CROSS);
    case 'script':
      return script('/* originproof control */', CORP_CROSS);
    case 'style':
      return stylesheet('/* originproof control */', CORP_CROSS);
    default:
      return { ...WAV, headers: CORP_CROSS };
  }
}

export const embedKind: ProbeKind = {
  observed(p, o) {
    const loaded = o.loaded === true;
    return { words: loaded ? 'loaded' : `not loaded (${String(o.event)} event)`, good: p.expect === 'loads' ? loaded : !loaded };
  },
  explain(p, logged) {
    const exchanges = logged.map(exchangeOf);
    const res = logged.find((r) => r.answer);
    if (!res?.answer) return unknownExplanation('the resource never came back from your server, so its headers cannot be judged', exchanges);
    // An element without a crossorigin attribute fetches in no-cors mode, credentials mode include.
    const c = corpCheckNoCors({
      origin: p.requester.origin,
      embedderPolicy: p.embed?.coep ?? 'unsafe-none',
      responseUrl: p.target.url,
      headers: res.answer.headers,
    });
    const why = [
      `<${p.embed?.as}> without a crossorigin attribute fetches in no-cors mode, so the cross-origin resource policy check applies (#cross-origin-resource-policy-check)`,
      c.why,
    ];
    return { holds: p.expect === 'loads' ? c.ok : !c.ok, outcome: c.ok ? 'loads' : 'blocked', why, exchanges };
  },
  relevantHeaders: /^(cross-origin-resource-policy|content-type)$/i,
};
