/** Finding an engine's executable: the system (Debian) build at its path, Playwright's own build, or a path given by the caller. */
import fs from 'node:fs';
import type { Flavour } from './engine.ts';

export type Availability = { ok: true; executable: string } | { ok: false; detail: string; install: string };

/** The system build at a fixed path, or Playwright's own build where `npx playwright install` put it. */
export function availability(
  flavour: Flavour,
  systemPath: string,
  systemInstall: string,
  playwrightPath: string,
  playwrightInstall: string,
  label: string,
): Availability {
  if (flavour === 'system') {
    return fs.existsSync(systemPath) ? { ok: true, executable: systemPath } : { ok: false, detail: `${systemPath} does not exist`, install: systemInstall };
  }
  return playwrightPath && fs.existsSync(playwrightPath)
    ? { ok: true, executable: playwrightPath }
    : { ok: false, detail: `Playwright's ${label} is not installed (${playwrightPath})`, install: playwrightInstall };
}

/** A path the caller chose (self-tests run a broken or wrapped build) wins over the flavour's lookup. */
export function givenOrAvailable(executableOverride: string | undefined, install: string, lookup: () => Availability): Availability {
  if (!executableOverride) return lookup();
  return fs.existsSync(executableOverride)
    ? { ok: true, executable: executableOverride }
    : { ok: false, detail: `${executableOverride} does not exist`, install };
}

/** WebKitGTK's MiniBrowser under the multiarch library folder, whichever WebKitGTK API version is installed. */
export function findMiniBrowser(): string | undefined {
  const libs = ['/usr/lib', '/usr/lib64'];
  for (const lib of libs) {
    if (!fs.existsSync(lib)) continue;
    for (const dir of [lib, ...fs.readdirSync(lib).map((d) => `${lib}/${d}`)]) {
      for (const api of ['webkit2gtk-4.1', 'webkit2gtk-4.0', 'webkitgtk-6.0']) {
        const p = `${dir}/${api}/MiniBrowser`;
        if (fs.existsSync(p)) return p;
      }
    }
  }
  return undefined;
}
