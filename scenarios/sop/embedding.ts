/**
 * Embedding is allowed, reading is blocked: cross-origin images, scripts, style sheets, media
 * and frames load and take effect, but the page cannot read their content (tainted canvas,
 * cssRules, muted script errors, the frame's document) unless the resource opts in with CORS.
 */
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import { AGENT, PNG, WAV, image, script, stylesheet } from '../lib.ts';
import { withBound } from './common.ts';

const area = 'sop/embedding';
const ACAO_STAR: Array<[string, string]> = [['Access-Control-Allow-Origin', '*']];
const PNG_CORS = image(ACAO_STAR);
const CSS = (acao = false) => stylesheet('#op-none { color: red }', acao ? ACAO_STAR : []);
const JS = (body: string, acao = false) => script(body, acao ? ACAO_STAR : []);

/** HTML "report an exception" for a muted error: the whole event is blanked, not only the message. */
const MUTED = { message: 'Script error.', muted: true, filename: '', lineno: 0, colno: 0, error: 'null' } as const;
/** Unmuted: the script's own message, its URL, the line of the throw and the thrown value. */
const UNMUTED = { muted: false, filename: 'src', lineno: 1, error: 'object' } as const;
const THROWN = "throw new Error('originproof-secret-detail')";
const NATIVE = 'originproofUndefinedFunction()';

/**
 * A no-cors cross-site script that signals, then fails with `failing`: the page's error event must
 * be muted. The control loads it in CORS mode (crossorigin + ACAO *), where the details show.
 * Window error listeners are page-global, so each runs alone: a control cannot see its probe's error.
 */
function mutedError(id: string, title: string, signal: string, failing: string, o: { acao?: boolean } = {}): ScenarioInput {
  return {
    id,
    area,
    title,
    claims: ['C14'],
    spec: ['mutedErrors', 'reportAnException'],
    responses: { js: JS(`OP.signal('${signal}'); ${failing}`, o.acao) },
    probe: { kind: 'embed', params: { element: 'script', target: { at: 'other', response: 'js' }, signal } },
    expect: { blocked: true, observation: { loaded: true, scriptError: MUTED } },
    control: {
      patch: { probe: { params: { crossorigin: 'anonymous' } }, responses: { js: { headers: JS('', true).headers } } },
      expect: { observation: { loaded: true, scriptError: UNMUTED } },
    },
    oneAtATime: true,
  };
}

/** Each redirect chain a classic script can take back to the page's origin: any cross-origin hop taints it. */
const CHAINS = {
  'same-cross-same': { first: 'site', hops: ['other', 'site'], what: 'same-origin → cross-site → same-origin' },
  'cross-same': { first: 'other', hops: ['site'], what: 'cross-site → same-origin' },
} as const;

/**
 * A no-cors script whose redirect chain crosses origins and ends at the page's origin: the response is
 * opaque (Fetch taints the request), so its errors are muted as if the script were cross-origin. The
 * control runs the same chain with every hop on the page's origin.
 */
function mutedThroughRedirects(chain: keyof typeof CHAINS, error: 'thrown' | 'native'): ScenarioInput {
  const c = CHAINS[chain];
  const signal = `ran-sop-embed-muted-${chain}-${error}`;
  const names = c.hops.map((_, i) => (i === c.hops.length - 1 ? 'js' : `hop${i + 1}`));
  const hop = (to: string, next: string) => ({ status: 302, headers: [['Location', `{{url:${to}:${next}}}`] as [string, string]] });
  const chainOf = (hops: readonly string[]): Record<string, unknown> => ({
    hop0: hop(hops[0], names[0]),
    ...Object.fromEntries(hops.slice(0, -1).map((_, i) => [names[i], hop(hops[i + 1], names[i + 1])])),
  });
  const sameOriginChain = chainOf(c.hops.map(() => 'site'));
  return {
    id: `sop.embed.script.${error}-error-muted-redirect-${chain}`,
    area,
    title: `an ${error === 'thrown' ? 'error thrown by' : 'engine-created error in'} a no-cors script redirected ${c.what} is muted: "Script error.", "", 0, 0, null`,
    claims: ['C14'],
    spec: ['mutedErrors', 'reportAnException', 'httpRedirectFetch'],
    responses: { ...chainOf(c.hops), js: JS(`OP.signal('${signal}'); ${error === 'thrown' ? THROWN : NATIVE}`) },
    probe: { kind: 'embed', params: { element: 'script', target: { at: c.first, response: 'hop0' }, signal } },
    expect: { blocked: true, observation: { loaded: true, signals: [true], scriptError: MUTED } },
    control: {
      patch: { probe: { params: { target: { at: 'site' } } }, responses: sameOriginChain },
      // Unmuted through the same chain kept on the page's origin; the filename is the response's URL (the end of the chain).
      expect: { observation: { loaded: true, signals: [true], scriptError: { muted: false, lineno: 1, error: 'object' } } },
    },
    oneAtATime: true,
  } as ScenarioInput;
}

const RAW: ScenarioInput[] = [
  {
    id: 'sop.embed.img.cross-site-loads',
    area,
    title: 'a cross-site image loads',
    claims: ['C10'],
    spec: ['imgFetch'],
    responses: { img: PNG },
    probe: { kind: 'embed', params: { element: 'img', target: { at: 'other', response: 'img' } } },
    expect: { blocked: false, observation: { loaded: true }, evidence: { img: { arrived: true, secFetchMode: 'no-cors' } } },
  },
  {
    id: 'sop.embed.img.canvas-tainted',
    area,
    title: 'a cross-site image taints the canvas: getImageData throws SecurityError',
    claims: ['C14'],
    spec: ['canvasTaint'],
    responses: { img: PNG },
    probe: { kind: 'embed', params: { element: 'img', target: { at: 'other', response: 'img' }, read: 'canvas' } },
    expect: { blocked: true, observation: { loaded: true, read: { allowed: false, error: 'SecurityError' } } },
    control: { sameOrigin: true, expect: { observation: { loaded: true, read: { allowed: true } } } },
  },
  {
    id: 'sop.embed.img.same-site-canvas-tainted',
    area,
    title: 'a same-site cross-origin image (sub.site.test) taints the canvas too',
    claims: ['C14', 'C04'],
    spec: ['canvasTaint'],
    responses: { img: PNG },
    probe: { kind: 'embed', params: { element: 'img', target: { at: 'sub', response: 'img' }, read: 'canvas' } },
    expect: { blocked: true, observation: { loaded: true, read: { allowed: false, error: 'SecurityError' } } },
    control: { sameOrigin: true, expect: { observation: { loaded: true, read: { allowed: true } } } },
  },
  {
    id: 'sop.embed.img.cors-canvas-readable',
    area,
    title: 'crossorigin=anonymous + Access-Control-Allow-Origin: * keeps the canvas clean',
    claims: ['C50', 'C14'],
    spec: ['canvasTaint', 'corsCheck'],
    responses: { img: PNG_CORS },
    probe: { kind: 'embed', params: { element: 'img', target: { at: 'other', response: 'img' }, crossorigin: 'anonymous', read: 'canvas' } },
    expect: {
      blocked: false,
      observation: { loaded: true, read: { allowed: true } },
      evidence: { img: { secFetchMode: 'cors', origin: 'https://site.test' } },
    },
  },
  {
    id: 'sop.embed.img.cors-without-acao-fails',
    area,
    title: 'crossorigin=anonymous without Access-Control-Allow-Origin: the image fails to load',
    claims: ['C51'],
    spec: ['imgFetch', 'corsCheck'],
    responses: { img: PNG },
    probe: { kind: 'embed', params: { element: 'img', target: { at: 'other', response: 'img' }, crossorigin: 'anonymous' } },
    expect: { blocked: true, observation: { loaded: false, event: 'error' }, evidence: { img: { arrived: true } } },
    control: { patch: { responses: { img: { headers: [['Access-Control-Allow-Origin', '*']] } } }, expect: { observation: { loaded: true } } },
  },
  {
    id: 'sop.embed.script.runs',
    area,
    title: 'a cross-site script runs in the including page',
    claims: ['C10', 'C15'],
    spec: ['scriptFetch'],
    responses: { js: JS("OP.signal('ran-sop-embed-script-runs')") },
    probe: { kind: 'embed', params: { element: 'script', target: { at: 'other', response: 'js' }, signal: 'ran-sop-embed-script-runs' } },
    expect: { blocked: false, observation: { loaded: true, signals: [true] }, evidence: { js: { arrived: true, secFetchMode: 'no-cors' } } },
  },
  {
    id: 'sop.embed.script.same-site-runs',
    area,
    title: 'a same-site cross-origin script (sub.site.test) runs',
    claims: ['C15'],
    spec: ['scriptFetch'],
    responses: { js: JS("OP.signal('ran-sop-embed-script-same-site')") },
    probe: { kind: 'embed', params: { element: 'script', target: { at: 'sub', response: 'js' }, signal: 'ran-sop-embed-script-same-site' } },
    expect: { blocked: false, observation: { loaded: true, signals: [true] } },
  },
  {
    id: 'sop.embed.script.jsonp',
    area,
    title: 'JSONP: a cross-site script calls a page-defined callback and delivers its data',
    claims: ['C16', 'C15'],
    spec: ['scriptFetch'],
    responses: { js: JS("OP.signal('jsonp-sop-embed', {secret: 'originproof'})") },
    probe: { kind: 'embed', params: { element: 'script', target: { at: 'other', response: 'js' }, signal: 'jsonp-sop-embed' } },
    expect: { blocked: false, observation: { loaded: true, signals: [{ secret: 'originproof' }] } },
  },
  mutedError(
    'sop.embed.script.error-muted',
    'an error thrown by a no-cors cross-site script is muted ("Script error.") even though its response carries Access-Control-Allow-Origin: *',
    'ran-sop-embed-muted',
    THROWN,
    { acao: true },
  ),
  mutedError(
    'sop.embed.script.error-muted-no-acao',
    'an error thrown by a no-cors cross-site script without any CORS header is muted ("Script error.")',
    'ran-sop-embed-muted-noacao',
    THROWN,
  ),
  mutedError(
    'sop.embed.script.native-error-muted',
    'an engine-created error (ReferenceError) in a no-cors cross-site script is muted ("Script error.")',
    'ran-sop-embed-muted-native',
    NATIVE,
  ),
  mutedThroughRedirects('same-cross-same', 'thrown'),
  mutedThroughRedirects('same-cross-same', 'native'),
  mutedThroughRedirects('cross-same', 'thrown'),
  mutedThroughRedirects('cross-same', 'native'),
  {
    id: 'sop.embed.script.cors-without-acao',
    area,
    title: 'crossorigin=anonymous on a script without Access-Control-Allow-Origin: the script does not run',
    claims: ['C51'],
    spec: ['scriptFetch', 'corsCheck'],
    responses: { js: JS("OP.signal('ran-sop-embed-cors-noacao')") },
    probe: {
      kind: 'embed',
      params: { element: 'script', target: { at: 'other', response: 'js' }, crossorigin: 'anonymous', signal: 'ran-sop-embed-cors-noacao' },
    },
    // signals: the script itself must not have run (its control's signal is not its own).
    expect: { blocked: true, observation: { loaded: false, event: 'error', signals: [] } },
    control: {
      patch: {
        responses: {
          js: {
            headers: [
              ['Content-Type', 'text/javascript'],
              ['Access-Control-Allow-Origin', '*'],
            ],
          },
        },
      },
      expect: { observation: { loaded: true, signals: [true] } },
    },
  },
  {
    id: 'sop.embed.script.source-unreadable',
    area,
    title: 'the source of an embeddable cross-site script cannot be fetched and read without CORS',
    claims: ['C14', 'C13'],
    spec: ['corsCheck'],
    responses: { js: JS("OP.signal('never')") },
    probe: { kind: 'fetch', params: { target: { at: 'other', response: 'js' } } },
    expect: { blocked: true, observation: { resolved: false, error: 'TypeError' }, evidence: { js: { arrived: true } } },
    control: { sameOrigin: true, expect: { observation: { resolved: true, bodyReadable: true } } },
  },
  {
    id: 'sop.embed.style.applies',
    area,
    title: 'a cross-site style sheet loads',
    claims: ['C10'],
    spec: ['stylesheetFetch'],
    responses: { css: CSS() },
    probe: { kind: 'embed', params: { element: 'style', target: { at: 'other', response: 'css' } } },
    expect: { blocked: false, observation: { loaded: true } },
  },
  {
    id: 'sop.embed.style.cssrules-blocked',
    area,
    title: 'cssRules of a cross-site style sheet throws SecurityError',
    claims: ['C14'],
    spec: ['cssRules'],
    responses: { css: CSS() },
    probe: { kind: 'embed', params: { element: 'style', target: { at: 'other', response: 'css' }, read: 'cssRules' } },
    expect: { blocked: true, observation: { loaded: true, read: { allowed: false, error: 'SecurityError' } } },
    control: { sameOrigin: true, expect: { observation: { loaded: true, read: { allowed: true } } } },
  },
  {
    id: 'sop.embed.style.cors-cssrules-readable',
    area,
    title: 'crossorigin=anonymous + Access-Control-Allow-Origin: * makes cssRules readable',
    claims: ['C50'],
    spec: ['cssRules', 'corsCheck'],
    responses: { css: CSS(true) },
    probe: { kind: 'embed', params: { element: 'style', target: { at: 'other', response: 'css' }, crossorigin: 'anonymous', read: 'cssRules' } },
    expect: { blocked: false, observation: { loaded: true, read: { allowed: true } } },
  },
  {
    id: 'sop.embed.audio.loads',
    area,
    title: 'cross-site audio (wav) loads',
    claims: ['C10'],
    spec: ['media'],
    responses: { wav: WAV },
    probe: { kind: 'embed', params: { element: 'audio', target: { at: 'other', response: 'wav' } } },
    expect: { blocked: false, observation: { loaded: true }, evidence: { wav: { arrived: true } } },
  },
  {
    id: 'sop.embed.iframe.loads-unreadable',
    area,
    title: 'a cross-site iframe loads but its document cannot be read',
    claims: ['C10', 'C14', 'C20'],
    spec: ['iframe', 'crossOriginGet'],
    responses: { doc: AGENT },
    probe: { kind: 'embed', params: { element: 'iframe', target: { at: 'other', response: 'doc' }, read: 'frame-document' } },
    expect: { blocked: true, observation: { loaded: true, read: { allowed: false, error: 'SecurityError' } } },
    control: { sameOrigin: true, expect: { observation: { loaded: true, read: { allowed: true } } } },
  },
];

export const scenarios: ScenarioInput[] = withBound(RAW);
