/**
 * Entry point of the visit service process (started by a suite's global setup, spawn.ts).
 * Prints one line `originproof-visit-service <url>` when ready; closes its browsers on SIGTERM
 * or SIGINT, and when its parent goes away. The suite is the module ORIGINPROOF_SUITE_MODULE
 * names (its `serviceSuite()`, suite.ts): the library has no default, it runs what a suite composes
 * (suites/conformance.ts, suites/audit.ts).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startVisitService } from './visit-service.ts';
import type { SuiteModule } from './suite.ts';
import { READY_PREFIX, SUITE_MODULE_ENV } from './client.ts';

const suiteFile = process.env[SUITE_MODULE_ENV];
if (!suiteFile) throw new Error(`originproof: the visit service needs ${SUITE_MODULE_ENV} (the module whose serviceSuite() composes the run)`);
const { serviceSuite } = (await import(pathToFileURL(path.resolve(suiteFile)).href)) as SuiteModule;
const service = await startVisitService(await serviceSuite(), (line) => console.log(line));
let closing = false;
async function shutdown(code: number) {
  if (closing) return;
  closing = true;
  const force = setTimeout(() => process.exit(code), 15_000);
  force.unref();
  await service.close();
  process.exit(code);
}
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(130));
process.on('disconnect', () => void shutdown(0));
// A parent killed with SIGKILL cannot tell us: notice that our stdin (its pipe) closed.
process.stdin.on('end', () => void shutdown(0));
process.stdin.resume();
console.log(`${READY_PREFIX}${service.url}`);
