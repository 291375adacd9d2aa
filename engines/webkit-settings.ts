/**
 * The WebKitGTK settings record: MiniBrowser's environment, arguments and capabilities, and the
 * reason for each as the engine record reports it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NonDefaultSetting } from './engine.ts';
import type { VirtualDisplay } from './xvfb.ts';

/** An empty GTK theme (engines/gtk-data/themes/originproof-plain) for MiniBrowser's windows under a private Xvfb. */
export const PLAIN_GTK_THEME = 'originproof-plain';
const GTK_DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'gtk-data');

/** The environment WebKitWebDriver (and so MiniBrowser) runs in; `xvfb` when the harness started a display. */
export function webkitEnvironment(base: NodeJS.ProcessEnv, xvfb: VirtualDisplay | undefined): NodeJS.ProcessEnv {
  const env = { ...base };
  if (xvfb) {
    env.DISPLAY = xvfb.display;
    // Nobody sees these windows: GTK draws them without its Adwaita theme (each visit is a new
    // MiniBrowser window, and each popup one more; measured in docs/performance.md).
    env.GTK_THEME = PLAIN_GTK_THEME;
    env.XDG_DATA_DIRS = [GTK_DATA, env.XDG_DATA_DIRS || '/usr/local/share:/usr/share'].join(':');
  }
  // Without a GPU, accelerated compositing renders through Mesa's llvmpipe: pixels nobody looks at
  // (its cost is in docs/performance.md).
  env.WEBKIT_DISABLE_COMPOSITING_MODE = '1';
  return env;
}

export function miniBrowserArgs(proxyUrl: string): string[] {
  return ['--automation', `--proxy=${proxyUrl}`, '--javascript-can-open-windows-automatically=true'];
}

export function miniBrowserCapabilities(miniBrowser: string, args: string[]): Record<string, unknown> {
  return {
    browserName: 'MiniBrowser',
    acceptInsecureCerts: true,
    pageLoadStrategy: 'none',
    'webkitgtk:browserOptions': { binary: miniBrowser, args },
  };
}

export function webkitNonDefault(proxyUrl: string, xvfb: VirtualDisplay | undefined): NonDefaultSetting[] {
  const nonDefault: NonDefaultSetting[] = [
    { setting: '--automation', reason: 'required for WebDriver control (ephemeral website data per session)' },
    { setting: `--proxy=${proxyUrl}`, reason: 'routes every catalog host to the fixture network (the WebDriver proxy capability does not route HTTPS)' },
    {
      setting: '--javascript-can-open-windows-automatically=true',
      reason: 'popup probes call window.open without a user gesture (same allowance as the other engines); without it window.open returns null',
    },
    { setting: 'capability acceptInsecureCerts=true', reason: 'the fixture certificate is self-signed per run' },
    {
      setting: 'Local Network Access address spaces: none placed',
      reason:
        'WebKitGTK 2.50 offers no switch or setting that places a host or an endpoint in an address space (WebKit bug 323474 asks for one for tests): every host is reached through the loopback proxy, so to WebKit every page and target is loopback',
      boundary: true,
    },
    {
      setting: 'WEBKIT_DISABLE_COMPOSITING_MODE=1',
      reason: 'pages are drawn without accelerated compositing (software GL under Xvfb cost a third of the web process CPU); rendering only',
    },
  ];
  if (xvfb) {
    nonDefault.push(
      { setting: `DISPLAY=${xvfb.display} (Xvfb -noreset)`, reason: 'MiniBrowser has no headless mode' },
      {
        setting: `GTK_THEME=${PLAIN_GTK_THEME} (XDG_DATA_DIRS=${GTK_DATA}:…)`,
        reason:
          "MiniBrowser's own windows are drawn without GTK's Adwaita theme, a theme with no rules (a fifth of the UI process's CPU per visit); web content is drawn by WebKit, rendering only",
      },
    );
  }
  return nonDefault;
}
