/**
 * A user's server that is down, answers something that is not HTTP, or hangs: in every
 * engine, every probe against it ends as an `error` naming the cause — never a hang, never a pass,
 * never a broken or holding intent — whether the probe expected a read (allowed) or a refusal
 * (an attacker), and whether it fetches, opens a popup or frames.
 */
import { test, expect } from '@playwright/test';
import { validateConfig } from '../../audit/config.ts';
import { AuditSession } from '../../audit/session.ts';
import { ENGINE_NAMES } from '../../engines/engine.ts';
import { clearExtraOrigins } from '../../protocol/origins.ts';
import { deadPort, rawServer } from './user-servers.ts';

for (const engine of ENGINE_NAMES) {
  test(`${engine}: a server that is down, answers garbage or hangs gives an error per probe, with its cause`, async () => {
    const garbage = await rawServer('SSH-2.0-OpenSSH_9.2 this is not HTTP\r\n\r\n');
    const silent = await rawServer(undefined);
    const causes: Record<string, RegExp> = {
      'https://down.test': /refused the connection: is it running\?/,
      'https://garbage.test': /answered something that is not HTTP/,
      'https://silent.test': /sent no response within 1 s \(it hangs\)/,
    };
    const config = validateConfig(
      {
        origins: {
          'https://down.test': `http://127.0.0.1:${await deadPort()}`,
          'https://garbage.test': `http://127.0.0.1:${garbage.port}`,
          'https://silent.test': `http://127.0.0.1:${silent.port}`,
        },
        upstreamTimeoutMs: 1000,
        // A public read (allowed from another site) and a refusal (a sandboxed frame with credentials) per server.
        reads: Object.keys(causes).map((o) => ({ endpoint: `${o}/api`, by: '*' as const })),
        isolated: [{ page: 'https://silent.test/isolated' }],
        notFramed: [{ page: 'https://down.test/account' }],
      },
      'failing servers',
    );
    const session = await AuditSession.start(config, engine);
    try {
      const outcomes = await session.run();
      expect(outcomes.length).toBeGreaterThanOrEqual(3 * 2 + 1 + 2);
      for (const o of outcomes) {
        expect(o.verdict, `${o.probe.id}: ${o.message}`).toBe('error');
        expect(o.message).toMatch(causes[o.probe.target.origin]);
      }
      // Both sides of a read: what the intent allows and what it refuses are errors alike.
      expect(new Set(outcomes.filter((o) => o.probe.kind === 'read').map((o) => o.probe.requester.attacker))).toEqual(new Set([true, false]));
    } finally {
      await session.close();
      await garbage.close();
      await silent.close();
      clearExtraOrigins();
    }
  });
}
