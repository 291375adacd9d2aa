/**
 * A WebDriver remote end started on this machine (WebKitWebDriver for the webkit engine;
 * chromedriver or WebKitWebDriver for the self-tests of the webdriver engine): on a free
 * loopback port, ready when it answers /status; stop(hard) also ends every browser it started.
 */
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { WebDriverClient } from './webdriver-client.ts';
import { descendants } from './process-info.ts';

export interface DriverProcess {
  url: string;
  client: WebDriverClient;
  pid: number | undefined;
  /** Settles with the cause when the driver process exits. */
  exited: Promise<string>;
  /**
   * Settles once the driver has exited. hard: a driver that stopped answering may not act on
   * SIGTERM, and its browsers would be orphans; a driver that ignores SIGTERM for 5 s is stopped hard.
   */
  stop(hard?: boolean): Promise<void>;
  /** The end of what the driver wrote on stderr (its browser's too), for errors. */
  stderrTail(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startDriverProcess(binary: string, args: (port: number) => string[], env: NodeJS.ProcessEnv = process.env): Promise<DriverProcess> {
  const port = await freePort();
  const driver: ChildProcess = spawn(binary, args(port), { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let driverErr = '';
  driver.stderr?.on('data', (d: Buffer) => (driverErr = (driverErr + d.toString()).slice(-2000)));
  driver.on('error', (e) => (driverErr += e.message));
  const name = binary.split('/').pop();
  const exited = new Promise<string>((resolve) =>
    driver.once('exit', (code, signal) =>
      resolve(`${name} exited (${signal ?? `code ${code}`})${driverErr.trim() ? `: ${driverErr.trim().slice(-300)}` : ''}`),
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  const client = new WebDriverClient(url);
  const gone = exited.then(() => undefined);
  const stop = (hard = false): Promise<void> => {
    if (driver.pid === undefined) return Promise.resolve();
    if (driver.exitCode !== null || driver.signalCode !== null) return gone;
    if (!hard) {
      driver.kill('SIGTERM');
      const timer = setTimeout(() => void stop(true), 5000);
      return gone.finally(() => clearTimeout(timer));
    }
    const children = driver.pid ? descendants(driver.pid) : [];
    driver.kill('SIGKILL');
    for (const c of children) {
      try {
        process.kill(c.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    return gone;
  };
  const deadline = Date.now() + 15_000;
  while (!(await client.ready())) {
    if (driver.exitCode !== null || driver.pid === undefined || Date.now() > deadline) {
      await stop(true);
      throw new Error(`originproof: ${binary} did not start on 127.0.0.1:${port}: ${driverErr.trim() || 'no answer on /status'}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, client, pid: driver.pid, exited, stop, stderrTail: () => driverErr.trim().slice(-300) };
}
