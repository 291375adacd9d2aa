/**
 * Firefox's preferences read back from the running browser. WebDriver BiDi has no preference
 * command; Firefox's remote agent, started with --remote-allow-system-access, lets a BiDi client
 * see the browser's own (chrome) windows ("moz:scope": "chrome") and evaluate script there, where
 * Services.prefs answers with the value in force and the shipped default (the default branch).
 * That is the browser's own answer, not the profile's user.js as written before the start.
 */
import type { CommandChannel } from './command-channel.ts';
import type { NonDefaultSetting } from './engine.ts';
import { FIREFOX_BOUNDARY_PREFS } from './boundary.ts';

export type PrefValue = string | number | boolean | null;
export interface RunningPref {
  /** The value in force; null when the preference does not exist. */
  value: PrefValue;
  /** The shipped default (default branch); null when there is none. */
  shipped: PrefValue;
}

export const READ_FROM = 'the running browser (WebDriver BiDi, chrome scope: Services.prefs)';

function expression(keys: string[]): string {
  return `(() => {
    const read = (branch, k) => {
      const t = branch.getPrefType(k);
      try {
        return t === branch.PREF_INT ? branch.getIntPref(k) : t === branch.PREF_BOOL ? branch.getBoolPref(k) : t === branch.PREF_STRING ? branch.getStringPref(k) : null;
      } catch { return null; }
    };
    const shipped = Services.prefs.getDefaultBranch('');
    return JSON.stringify(Object.fromEntries(${JSON.stringify(keys)}.map((k) => [k, { value: read(Services.prefs, k), shipped: read(shipped, k) }])));
  })()`;
}

/** A string-valued expression evaluated in the browser's first own (chrome) window. */
async function inBrowserWindow(bidi: CommandChannel, what: string, expr: string): Promise<string> {
  const tree = await bidi.send<{ contexts: Array<{ context: string }> }>('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const context = tree.contexts[0]?.context;
  if (!context) throw new Error(`no chrome window to read ${what} in`);
  const r = await bidi.send<{ type: string; result?: { value?: unknown }; exceptionDetails?: { text?: string } }>('script.evaluate', {
    expression: expr,
    target: { context },
    awaitPromise: false,
  });
  if (r.type !== 'success' || typeof r.result?.value !== 'string') throw new Error(`reading ${what} failed: ${r.exceptionDetails?.text ?? r.type}`);
  return r.result.value;
}

/** Every preference in `keys`, as the running browser has it. */
export async function readRunningPrefs(bidi: CommandChannel, keys: string[]): Promise<Record<string, RunningPref>> {
  return JSON.parse(await inBrowserWindow(bidi, 'preferences', expression(keys))) as Record<string, RunningPref>;
}

export const UI_READ_FROM = "the running browser's window (WebDriver BiDi, chrome scope: getComputedStyle)";

/**
 * How the browser window shows its tab strip and its navigation toolbar (CSS display), as laid
 * out: the toolbar is the read's control (an element the profile's stylesheet leaves alone).
 */
export async function readBrowserUi(bidi: CommandChannel): Promise<{ tabStrip: string; navBar: string }> {
  const expr = `JSON.stringify(Object.fromEntries([['tabStrip', 'TabsToolbar'], ['navBar', 'nav-bar']].map(([k, id]) => {
    const el = document.getElementById(id);
    return [k, el ? getComputedStyle(el).display : 'absent'];
  })))`;
  return JSON.parse(await inBrowserWindow(bidi, 'the browser window', expr)) as { tabStrip: string; navBar: string };
}

const show = (v: PrefValue | string | number | boolean | undefined) => (v === null || v === undefined ? '(unset)' : String(v));

/**
 * The record of every preference the harness wrote and every boundary preference: the value the
 * running browser reports beside the one meant (written, or else the shipped default), and the
 * boundary preferences whose real value is not the one meant (the engine is then refused).
 */
export function prefRecord(
  written: Record<string, string | number | boolean>,
  running: Record<string, RunningPref> | { error: string },
  reasonOf: (key: string) => { reason: string; boundary: boolean },
): { nonDefault: NonDefaultSetting[]; boundaryProblems: string[] } {
  const keys = [...new Set([...Object.keys(written), ...Object.keys(FIREFOX_BOUNDARY_PREFS)])];
  const nonDefault: NonDefaultSetting[] = [];
  const boundaryProblems: string[] = [];
  for (const k of keys) {
    const { reason, boundary } = reasonOf(k);
    const isBoundary = boundary || k in FIREFOX_BOUNDARY_PREFS;
    const got = 'error' in running ? undefined : running[k];
    // A preference this build does not have (no value, no default) decides nothing here.
    if (got && got.value === null && got.shipped === null && !(k in written)) continue;
    const meant = k in written ? written[k] : got ? got.shipped : FIREFOX_BOUNDARY_PREFS[k]?.shipped;
    const value = got ? show(got.value) : `unknown (${(running as { error: string }).error})`;
    const asShipped = !(k in written) && got && show(got.value) === show(got.shipped);
    if (asShipped && !isBoundary) continue;
    const wrong = got !== undefined && show(got.value) !== show(meant);
    const off = FIREFOX_BOUNDARY_PREFS[k]?.off;
    nonDefault.push({
      setting: `pref ${k}=${value}`,
      reason: wrong
        ? `NOT what the harness meant (${show(meant)})${off ? `: ${off}` : ''}; the engine is refused`
        : asShipped
          ? 'as shipped (read back)'
          : reason,
      ...(isBoundary ? { boundary: true } : {}),
      value,
      meant: show(meant),
      readFrom: got ? READ_FROM : 'not read back',
    });
    if (wrong && isBoundary) boundaryProblems.push(`pref ${k}=${value} in the running browser, the harness meant ${show(meant)}${off ? ` (${off})` : ''}`);
  }
  return { nonDefault, boundaryProblems };
}
