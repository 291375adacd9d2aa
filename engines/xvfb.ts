/** A private X server for MiniBrowser when there is no display (MiniBrowser has no headless mode). */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface VirtualDisplay {
  display: string;
  close(): Promise<void>;
}

export async function startXvfb(): Promise<VirtualDisplay> {
  if (!fs.existsSync('/usr/bin/Xvfb')) {
    throw new Error('originproof: WebKit needs a display and Xvfb is not installed. Install it with:\n  sudo apt-get install -y xvfb');
  }
  // -displayfd lets Xvfb pick a free display number and tell us, so parallel runs never collide.
  // -noreset: every WebKitGTK visit is a MiniBrowser that connects and leaves; without it the
  // server regenerates itself (and runs xkbcomp again) each time its last client has gone.
  const proc: ChildProcess = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-noreset', '-screen', '0', '1280x1024x24'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`originproof: Xvfb did not report a display within 10 s: ${err}`)), 10_000);
    (proc.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`originproof: Xvfb exited (${code}) before it was ready: ${err.trim().slice(-400)}`));
    });
  });
  return {
    display,
    close: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
