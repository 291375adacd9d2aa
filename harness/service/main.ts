/**
 * Entry point of the visit service process (started by the conformance suite's global setup).
 * Prints one line `originproof-visit-service <url>` when ready; closes its browsers on SIGTERM
 * or SIGINT, and when its parent goes away.
 */
import { runVisits } from '../suite.ts';
import { startVisitService } from './visit-service.ts';
import { READY_PREFIX } from './client.ts';

const service = await startVisitService(runVisits(), (line) => console.log(line));
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
