/** What the three Playwright-driven engines share: "open in a fresh context". */
import type { Browser } from '@playwright/test';
import { stepOrDeath, type EngineSession } from './engine.ts';

/** open()/close() of an EngineSession backed by a Playwright Browser: one new context per visit. */
export function playwrightVisits(browser: Browser, label: string): Pick<EngineSession, 'open' | 'close' | 'died'> {
  let deathCause: string | undefined;
  // The connection to the browser closes when its process exits or is killed: noticed at once.
  const disconnected = new Promise<string>((resolve) =>
    browser.once('disconnected', () => resolve((deathCause ??= `${label} disconnected (browser process exited or its connection closed)`))),
  );
  return {
    died: () => deathCause,
    async open(url, options) {
      // Playwright's grantPermissions() names one origin, not the (top-level, embedded) pair Storage Access is keyed by; it
      // grants local-network and loopback-network only together (its 'local-network-access') and never denies.
      if (options?.grants?.length)
        throw new Error(
          `originproof: ${label} driven by Playwright cannot grant ${options.grants.map((g) => `${g.name} ${g.state}`).join(', ')} as declared (grantPermissions names one origin, grants the Local Network Access permissions only together, never denies)`,
        );
      // Every step of opening also ends at the death (seen pending forever with Chromium 156 and Playwright 1.64).
      const orDeath = stepOrDeath(disconnected);
      const context = await orDeath(browser.newContext({ ignoreHTTPSErrors: true }));
      const page = await orDeath(context.newPage()).catch(async (e: Error) => {
        await context.close().catch(() => undefined);
        throw e;
      });
      const died = Promise.race([disconnected, new Promise<string>((resolve) => page.once('crash', () => resolve(`${label} page crashed`)))]);
      // Wait only until the response commits: the page reports through the server, not the driver.
      await orDeath(page.goto(url, { waitUntil: 'commit', timeout: 15_000 })).catch(async (e: Error) => {
        await context.close().catch(() => undefined);
        throw new Error(`originproof: ${label} could not open ${url}: ${e.message.split('\n')[0]}`);
      });
      return { close: () => context.close().catch(() => undefined), died, click: (x, y) => page.mouse.click(x, y) };
    },
    close: () => {
      deathCause ??= `${label} was closed by the harness`;
      return browser.close().catch(() => undefined);
    },
  };
}
