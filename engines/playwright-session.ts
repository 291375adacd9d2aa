/** What the three Playwright-driven engines share: finding a build, and "open in a fresh context". */
import fs from 'node:fs';
import type { Browser } from '@playwright/test';
import type { EngineSession, Flavour } from './engine.ts';

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

/** open()/close() of an EngineSession backed by a Playwright Browser: one new context per visit. */
export function playwrightVisits(browser: Browser, label: string): Pick<EngineSession, 'open' | 'close'> {
  return {
    async open(url) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      // Wait only until the response commits: the page reports through the server, not the driver.
      await page.goto(url, { waitUntil: 'commit', timeout: 15_000 }).catch(async (e: Error) => {
        await context.close().catch(() => undefined);
        throw new Error(`originproof: ${label} could not open ${url}: ${e.message.split('\n')[0]}`);
      });
      return { close: () => context.close().catch(() => undefined) };
    },
    close: () => browser.close().catch(() => undefined),
  };
}
