/**
 * Soak of the proxy and the fixture servers: aborted uploads (plain and inside TLS
 * tunnels), abandoned downloads, bodies trickled one byte a second, mail for visits nobody
 * registered, and 1,000 concurrent connections, all on loopback and bounded in count and time.
 * It must end with no connection left open and the heap back within 10 % of where it started.
 * Runs in a child process started with --expose-gc, so the heap is measured after real collections.
 */
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

interface SoakReport {
  before: { heapUsed: number; sockets: number; connections: { http: number; https: number; proxy: number } };
  after: { heapUsed: number; sockets: number; connections: { http: number; https: number; proxy: number } };
  workload: {
    concurrent: { ok: number; peakProxyConnections: number };
    uploads: number;
    tunnels: number;
    downloads: number;
    slow: { cut: number; status408: number };
    mail: { refused: number };
  };
  durationMs: number;
}

test('the proxy soak ends with no leaked connection and the heap within 10 % of its start', async () => {
  test.setTimeout(150_000);
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(here, 'network-soak-child.ts')],
      { cwd: root, timeout: 120_000, maxBuffer: 1024 * 1024 },
      (err, out, errOut) => (err ? reject(new Error(`soak child failed: ${err.message}\n${errOut}`)) : resolve(out)),
    );
  });
  const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as SoakReport;
  console.log(`originproof soak: ${JSON.stringify(report)}`);
  const { before, after, workload } = report;
  // The workloads really ran.
  expect(workload.concurrent.ok).toBe(1000);
  expect(workload.concurrent.peakProxyConnections).toBeGreaterThanOrEqual(1000);
  expect(workload.uploads).toBe(200);
  expect(workload.tunnels).toBe(100);
  expect(workload.downloads).toBe(100);
  expect(workload.slow).toEqual({ cut: 50, status408: 50 });
  expect(workload.mail.refused).toBe(100 + 10_000);
  // Nothing left behind.
  expect(after.connections).toEqual({ http: 0, https: 0, proxy: 0 });
  expect(after.sockets).toBeLessThanOrEqual(before.sockets);
  expect(after.heapUsed / before.heapUsed).toBeLessThanOrEqual(1.1);
});
