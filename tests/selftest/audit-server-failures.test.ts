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
import { rawServer, refusedPort, scriptedServer } from './user-servers.ts';

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
          'https://down.test': `http://127.0.0.1:${await refusedPort()}`,
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

for (const engine of ENGINE_NAMES) {
  test(`${engine}: a server answering status 0, 101, a control byte in its reason phrase or a body without end gives errors naming it; the others are judged`, async () => {
    const odd: Record<string, { server: Awaited<ReturnType<typeof scriptedServer>>; cause: RegExp }> = {
      'https://zero.test': {
        server: await scriptedServer('HTTP/1.1 000 Zero\r\nContent-Length: 2\r\n\r\nhi'),
        cause: /answered status 0, which is no HTTP status/,
      },
      'https://upgrade.test': {
        server: await scriptedServer('HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: Upgrade\r\n\r\n'),
        cause: /answered 101 Switching Protocols to a request that asked for no upgrade/,
      },
      'https://reason.test': {
        server: await scriptedServer('HTTP/1.1 200 O\x01K\r\nContent-Length: 2\r\nAccess-Control-Allow-Origin: *\r\n\r\nhi'),
        cause: /answered a reason phrase with a control byte/,
      },
      'https://endless.test': {
        server: await scriptedServer('HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nTransfer-Encoding: chunked\r\n\r\n', {
          chunk: '2\r\nab\r\n',
          everyMs: 50,
        }),
        cause: /its body was still coming after 1 s \(a never-ending answer\)/,
      },
    };
    const good = await scriptedServer(
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nAccess-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n{}',
    );
    const origins: Record<string, string> = { 'https://good.test': `http://127.0.0.1:${good.port}` };
    for (const [origin, { server }] of Object.entries(odd)) origins[origin] = `http://127.0.0.1:${server.port}`;
    const config = validateConfig(
      { origins, upstreamTimeoutMs: 1000, reads: Object.keys(origins).map((o) => ({ endpoint: `${o}/api`, by: '*' as const })) },
      'odd servers',
    );
    const session = await AuditSession.start(config, engine);
    try {
      const outcomes = await session.run();
      for (const [origin, { cause }] of Object.entries(odd)) {
        const all = outcomes.filter((o) => o.probe.target.origin === origin);
        expect(all.length, origin).toBeGreaterThan(0);
        // A body without end matters where the browser reads it; a refusal decided on the headers alone is judged on them.
        const refusedOnHeaders = (o: (typeof all)[number]) => origin === 'https://endless.test' && o.probe.requester.attacker && o.verdict === 'holds';
        const mine = all.filter((o) => !refusedOnHeaders(o));
        expect(mine.filter((o) => !o.probe.requester.attacker).length, origin).toBeGreaterThan(0);
        for (const o of mine) {
          expect(o.verdict, `${o.probe.id}: ${o.message}`).toBe('error');
          expect(o.message).toMatch(cause);
          expect(o.message).toContain(origins[origin]);
        }
      }
      const judged = outcomes.filter((o) => o.probe.target.origin === 'https://good.test');
      expect(judged.length).toBeGreaterThan(0);
      for (const o of judged) expect(o.verdict, `${o.probe.id}: ${o.message}`).not.toBe('error');
    } finally {
      await session.close();
      for (const { server } of Object.values(odd)) await server.close();
      await good.close();
      clearExtraOrigins();
    }
  });
}
