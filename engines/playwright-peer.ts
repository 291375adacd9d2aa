/**
 * originproof drives Chromium and Firefox through the project's own @playwright/test (a peer
 * dependency: one copy per process, or Playwright stops with "Requiring @playwright/test second
 * time"). Only 1.64.1 is known to work: 1.65 cannot open a page in stock Firefox ESR over
 * WebDriver BiDi (`emulation.setMediaFeaturesOverride: unknown command`). Checked before anything
 * loads Playwright, so a bad install gets one message naming the fix.
 */
import { createRequire } from 'node:module';

export const PLAYWRIGHT_VERSION = '1.64.1';

const FIX = `npm install --save-dev --save-exact @playwright/test@${PLAYWRIGHT_VERSION}`;
const WHY = `1.65 and later cannot open a page in stock Firefox ESR over WebDriver BiDi`;

/** Why the @playwright/test that `fromUrl` resolves cannot be used, or undefined when it is the pinned version. */
export function playwrightPeerProblem(fromUrl: string): string | undefined {
  const require = createRequire(fromUrl);
  let file: string;
  try {
    file = require.resolve('@playwright/test/package.json');
  } catch {
    return `originproof: @playwright/test is not installed in this project. originproof uses your project's copy (a peer dependency) and needs exactly ${PLAYWRIGHT_VERSION}: ${FIX}`;
  }
  const { version } = require(file) as { version: string };
  if (version === PLAYWRIGHT_VERSION) return undefined;
  return `originproof: @playwright/test ${version} is installed (${file}), but originproof needs exactly ${PLAYWRIGHT_VERSION} (${WHY}): ${FIX}`;
}

/** Throws the message of playwrightPeerProblem (for library entry points: the fixture). */
export function assertPlaywrightPeer(fromUrl: string): void {
  const problem = playwrightPeerProblem(fromUrl);
  if (problem) throw new Error(problem);
}
