/**
 * The examples' servers that are not Node, started for a self-test: Flask (Debian's python3-flask
 * and python3-flask-cors) on a free loopback port, waited for until /health answers.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from './user-servers.ts';

const FLASK = path.resolve(import.meta.dirname, '../../examples/flask/server.py');

export async function startFlask(broken: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn('/usr/bin/python3', [FLASK, ...(broken ? ['--broken'] : [])], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const url = `http://127.0.0.1:${port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    });
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the Flask example stopped (exit ${child.exitCode}): ${stderr}`);
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, close };
    if (Date.now() > deadline) {
      await close();
      throw new Error(`the Flask example did not answer ${url}/health within 15 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
