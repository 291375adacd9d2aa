/**
 * Fetch Metadata's `Sec-Fetch-User`: `?1` on a navigation request whose user-activation is true —
 * a link followed by a real click of the driver (a trusted click event: HTML's user navigation
 * involvement "activation") — and absent when script follows the same link (`a.click()`, an
 * untrusted event: involvement "none"). Into a named frame (destination iframe) and into a named
 * popup (destination document), same origin, same site and cross-site, across redirects (the
 * flag belongs to the request, so every hop carries it), and from a link inside a cross-site frame.
 * Each row's headers are computed by the Fetch Metadata model (harness/model/fetch/metadata.ts)
 * and written into the title.
 */
import { fetchMetadata } from '../../harness/model/fetch/metadata.ts';
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import { originUrl, type CatalogOriginName } from '../../protocol/origins.ts';
import { AGENT, HTML_DOC } from '../lib.ts';

const area = 'network/fetch-metadata';
const SPEC: CitationId[] = ['fetchMetadataAppend', 'fetchMetadataSite', 'fetchMetadataMode', 'fetchMetadataDest', 'fetchMetadataUser', 'followHyperlinkUser'];

type Into = 'frame' | 'popup';
const DEST: Record<Into, string> = { frame: 'iframe', popup: 'document' };

/** What the model expects the server to log for a navigation from `origin` through `urls`. */
function expected(into: Into, origin: string, urls: CatalogOriginName[], userActivation: boolean) {
  const m = fetchMetadata({ origin, urlList: urls.map(originUrl), mode: 'navigate', destination: DEST[into], navigation: true, userActivation });
  return { arrived: true, secFetchSite: m.site, secFetchMode: m.mode, secFetchDest: m.dest, secFetchUser: m.user };
}

const said = (e: ReturnType<typeof expected>) => `${e.secFetchSite} / ${e.secFetchDest} / Sec-Fetch-User ${e.secFetchUser ?? 'absent'}`;
const word = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const how = (click: boolean) => (click ? 'a real click of the driver' : 'script (a.click(), untrusted)');

/** A link on the page (or inside a cross-site frame of it) followed into a frame or a popup, straight to `to` or through `via`. */
function row(o: { click: boolean; into: Into; to: CatalogOriginName; via?: CatalogOriginName; inFrame?: CatalogOriginName }): ScenarioInput {
  const from = o.inFrame ?? 'site';
  const origin = originUrl(from);
  const urls: CatalogOriginName[] = o.via ? [o.via, o.to] : [o.to];
  const last = expected(o.into, origin, urls, o.click);
  const hopWord = o.via ? `redirect.${word(o.via)}-${word(o.to)}` : word(o.to);
  const where = o.inFrame ? `.in-${word(o.inFrame)}-frame` : '';
  const evidence: Record<string, ReturnType<typeof expected>> = { res: last };
  if (o.via) evidence.hop = expected(o.into, origin, [o.via], o.click);
  const target = o.via ? { at: o.via, response: 'hop' } : { at: o.to, response: 'res' };
  return {
    id: `network.fetch-metadata.user.${o.click ? 'click' : 'script'}${where}.${o.into}.${hopWord}`,
    area,
    title: `a link${o.inFrame ? ` in an ${originUrl(o.inFrame)} frame` : ''} followed by ${how(o.click)} into a ${o.into} to ${originUrl(o.to)}${
      o.via ? ` through a redirect at ${originUrl(o.via)} (hop 1 ${said(evidence.hop)})` : ''
    }: ${said(last)}`,
    spec: o.via ? [...SPEC, 'fetchMetadataRedirects'] : SPEC,
    responses: {
      res: HTML_DOC,
      ...(o.via ? { hop: { status: 302, headers: [['Location', `{{url:${o.to}:res}}`]] } } : {}),
      ...(o.inFrame ? { ctx: AGENT } : {}),
    },
    probe: {
      kind: 'navigate',
      // The wait ends when the chain's last request arrives; its ceiling is wide because WebKitGTK
      // is slow from a frame's 302 to the next request, and at the ceiling the frame is removed,
      // cancelling a chain still under way (the row would then record the harness, not the engine).
      params: {
        how: 'anchor',
        target,
        into: o.into,
        waitMs: 5000,
        ...(o.via ? { until: { at: o.to, response: 'res' } } : {}),
        ...(o.click ? { userClick: true } : {}),
      },
      ...(o.inFrame ? { context: [{ via: 'iframe', at: o.inFrame, response: 'ctx' }] } : {}),
      timeoutMs: 10_000,
    },
    expect: { blocked: false, observation: o.click ? { clicked: true, trusted: true } : { allowed: true }, evidence },
    // A real click lands on the link pinned at the corner: one probe at a time. Script-followed
    // links run in a visit of their own, where no click ever gave the page user activation.
    ...(o.click ? { oneAtATime: true } : {}),
  } as ScenarioInput;
}

const INTO: Into[] = ['frame', 'popup'];
const TO: CatalogOriginName[] = ['site', 'sub', 'other'];
const CHAINS: Array<[CatalogOriginName, CatalogOriginName]> = [
  ['other', 'site'],
  ['site', 'other'],
];

export const scenarios: ScenarioInput[] = [
  ...[true, false].flatMap((click) => INTO.flatMap((into) => TO.map((to) => row({ click, into, to })))),
  ...[true, false].flatMap((click) => INTO.flatMap((into) => CHAINS.map(([via, to]) => row({ click, into, to, via })))),
  ...(['site', 'other'] as CatalogOriginName[]).map((to) => row({ click: true, into: 'frame', to, inFrame: 'other' })),
];
