/**
 * How soon the matrix page is usable in a real browser: the page marks the moment its front page
 * is rendered and its handlers are attached (`<html data-usable="ms since navigation start">`);
 * this opens the file in Chromium and reads that mark, plus opening the largest area.
 * A measurement for benchmarks and test attachments — never an assertion.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { SYSTEM_CHROMIUM } from '../../engines/chromium.ts';

/** Playwright's Chromium where installed, else Debian's (as root without its sandbox, like engines/chromium.ts). */
export async function launchReportBrowser(): Promise<Browser> {
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  if (bundled && fs.existsSync(bundled)) return chromium.launch({ args });
  return chromium.launch({ executablePath: SYSTEM_CHROMIUM, args });
}

export interface UsableFigures {
  file: string;
  bytes: number;
  /** Navigation start → front page rendered and interactive (the page's own mark). */
  usableMs: number;
  /** Navigation start → load event. */
  loadMs: number;
  /** Click on the largest area → its grids and rows are in the DOM. */
  openLargestAreaMs: number;
  largestArea: string;
  browser: string;
}

/** Waits until the page has marked itself usable and returns that mark. */
export async function usableMark(page: Page): Promise<number> {
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-usable'), undefined, { timeout: 60_000 });
  return Number(await page.evaluate(() => document.documentElement.getAttribute('data-usable')));
}

export async function measureUsable(browser: Browser, htmlFile: string): Promise<UsableFigures> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(`file://${htmlFile}`);
    const usableMs = await usableMark(page);
    const loadMs = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return nav ? Math.round(nav.loadEventEnd || nav.domContentLoadedEventEnd) : -1;
    });
    // The largest area: the one whose summary names the most scenarios.
    const largest = await page.evaluate(() => {
      let best = { id: '', n: -1 };
      for (const d of Array.from(document.querySelectorAll('details.area'))) {
        const n = Number((d.querySelector('summary')?.textContent ?? '').match(/(\d+) scenario/)?.[1] ?? 0);
        if (n > best.n) best = { id: d.id, n };
      }
      return best.id;
    });
    const openLargestAreaMs = await page.evaluate(async (id) => {
      const d = document.getElementById(id) as HTMLDetailsElement;
      const t0 = performance.now();
      d.querySelector('summary')!.click();
      // The toggle event renders the area; wait for the frame after it.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      if (!d.querySelector('.body')!.children.length) throw new Error(`area ${id} did not render`);
      return Math.round(performance.now() - t0);
    }, largest);
    return {
      file: htmlFile,
      bytes: fs.statSync(htmlFile).size,
      usableMs,
      loadMs,
      openLargestAreaMs,
      largestArea: largest.replace(/^area-/, ''),
      browser: `Chromium ${browser.version()}`,
    };
  } finally {
    await page.close();
  }
}

export function formatUsable(f: UsableFigures, label: string): string {
  return `matrix ${label}: ${(f.bytes / 1e6).toFixed(2)} MB, usable ${f.usableMs} ms after navigation start (load ${f.loadMs} ms), opening the largest area (${f.largestArea}) ${f.openLargestAreaMs} ms — ${f.browser}`;
}
