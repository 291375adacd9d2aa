/**
 * One conformance run at a time per checkout: two runs side by side would overwrite each
 * other's results/, playwright-report/ and test-results/ and both exit 0. The second run
 * refuses with the first one's pid. Evaluated in Playwright's main process only (workers load
 * the config too, and must not take the lock). A lock left by a dead process is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export const RUN_LOCK = path.join('test-results', '.originproof-run.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function claimRunLock(file = RUN_LOCK): void {
  if (process.env.TEST_WORKER_INDEX !== undefined || process.env.ORIGINPROOF_RUN_LOCK_HELD === String(process.pid)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let tries = 0; tries < 2; tries++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      process.env.ORIGINPROOF_RUN_LOCK_HELD = String(process.pid);
      process.on('exit', () => fs.rmSync(file, { force: true }));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      if (holder && alive(holder)) {
        throw new Error(
          `originproof: another conformance run (pid ${holder}) is using results/, playwright-report/ and test-results/ in ${process.cwd()}; ` +
            `wait for it to finish, or run from another checkout. (Lock: ${file})`,
          { cause: e },
        );
      }
      fs.rmSync(file, { force: true }); // left by a run that died
    }
  }
}
