/**
 * Entry point of the visit service process (started by a suite's global setup, spawn.ts).
 * Prints one line `originproof-visit-service <url>` when ready; closes its browsers on SIGTERM
 * or SIGINT, and when its parent goes away. The suite is the module ORIGINPROOF_SUITE_MODULE
 * names (its `serviceSuite()`): the conformance catalog by default, or an audit (audit/suite.ts).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startVisitService, type ServiceSuite } from './visit-service.ts';
import { READY_PREFIX, SUITE_MODULE_ENV } from './client.ts';

const suiteModule = process.env[SUITE_MODULE_ENV] ? pathToFileURL(path.resolve(process.env[SUITE_MODULE_ENV])).href : '../suite.ts';
const { serviceSuite } = (await import(suiteModule)) as { serviceSuite: () => ServiceSuite | Promise<ServiceSuite> };
const suite = await serviceSuite();
const service = await startVisitService(suite.visits, (line) => console.log(line), suite.network);
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
