/**
 * The examples (examples/<name>/), each with its own server and originproof.config.ts, audited in
 * real engines through the Playwright fixture other projects import (audit/fixture.ts): the correct
 * configuration holds everywhere; each broken one reports its planted misconfiguration as broken,
 * citing the step of the standard that decides it, and nothing else. No probe may end in error or
 * inconclusive: that would be a harness fault. The fastify examples and the Express ones (on real
 * host names: the Public Suffix List's sites in every engine) run in all three engines; the Koa and
 * Flask ones in Chromium (their verdicts in Firefox and WebKit are recorded in examples/README.md).
 */
import { validateConfig, type AuditConfigInput } from '../../audit/config.ts';
import { test as fixtureTest, expect, notHolding } from '../../audit/fixture.ts';
import type { AuditOutcome } from '../../audit/judge.ts';
import { ENGINE_NAMES, type EngineName } from '../../engines/engine.ts';
import { startExample } from '../../examples/shared/app.ts';
import * as express from '../../examples/express/server.ts';
import expressConfig from '../../examples/express/originproof.config.ts';
import expressBrokenConfig from '../../examples/express/broken.config.ts';
import * as koa from '../../examples/koa/server.ts';
import koaConfig from '../../examples/koa/originproof.config.ts';
import koaBrokenConfig from '../../examples/koa/broken.config.ts';
import flaskConfig from '../../examples/flask/originproof.config.ts';
import flaskBrokenConfig from '../../examples/flask/broken.config.ts';
import { startFlask } from './example-servers.ts';
import * as correct from '../../examples/correct/server.ts';
import correctConfig from '../../examples/correct/originproof.config.ts';
import * as reflect from '../../examples/broken-reflect-any-origin/server.ts';
import reflectConfig from '../../examples/broken-reflect-any-origin/originproof.config.ts';
import * as nullOrigin from '../../examples/broken-null-origin/server.ts';
import nullConfig from '../../examples/broken-null-origin/originproof.config.ts';
import * as suffix from '../../examples/broken-suffix-match/server.ts';
import suffixConfig from '../../examples/broken-suffix-match/originproof.config.ts';
import * as star from '../../examples/broken-star-authorization/server.ts';
import starConfig from '../../examples/broken-star-authorization/originproof.config.ts';
import * as noPreflight from '../../examples/broken-no-preflight/server.ts';
import noPreflightConfig from '../../examples/broken-no-preflight/originproof.config.ts';
import * as coep from '../../examples/broken-coep-without-corp/server.ts';
import coepConfig from '../../examples/broken-coep-without-corp/originproof.config.ts';

interface Example {
  name: string;
  /** Starts the example's server on a free loopback port. */
  start: () => Promise<{ url: string; close: () => Promise<void> }>;
  config: AuditConfigInput;
  /** Ids of the probes the planted misconfiguration breaks (every other probe must hold). */
  broken?: RegExp;
  /** What each of their messages must cite: the step of the standard, on the server's headers. */
  step?: RegExp;
  /** The engines it runs in here (default all three). */
  engines?: EngineName[];
}

const CHROMIUM_ONLY: EngineName[] = ['chromium'];

const EXAMPLES: Example[] = [
  { name: 'correct', start: () => startExample(correct.server), config: correctConfig },
  {
    name: 'broken-reflect-any-origin',
    start: () => startExample(reflect.server),
    config: reflectConfig,
    // Every attacker reads: the server reflects any Origin, with credentials.
    broken: /^reads-0\.(?!allowed)/,
    step: /cors-check step [57]: Access-Control-Allow-Origin "[^"]+" is the request's origin/,
  },
  {
    name: 'broken-null-origin',
    start: () => startExample(nullOrigin.server),
    config: nullConfig,
    broken: /^reads-0\.null\./,
    step: /Access-Control-Allow-Origin "null" is the request's origin/,
  },
  {
    name: 'broken-suffix-match',
    start: () => startExample(suffix.server),
    config: suffixConfig,
    // /app\.test$/ also matches the sibling and the http version: every one of them reads.
    broken: /^reads-0\.(suffix|sibling|http)\./,
    step: /cors-check step [57]: Access-Control-Allow-Origin "https?:\/\/(evilapp|sibling\.app|app)\.test"/,
  },
  {
    name: 'broken-star-authorization',
    start: () => startExample(star.server),
    config: starConfig,
    broken: /^reads-0\.allowed\./,
    step: /cors-preflight-fetch step 7\.6: Authorization must be listed explicitly/,
  },
  {
    name: 'broken-no-preflight',
    start: () => startExample(noPreflight.server),
    config: noPreflightConfig,
    broken: /^reads-0\.allowed\./,
    step: /cors-preflight-fetch step 7: preflight status 404 is not an ok status/,
  },
  {
    name: 'broken-coep-without-corp',
    start: () => startExample(coep.server),
    config: coepConfig,
    broken: /^isolated-0\.embed-0$/,
    step: /CORP internal check step 5: no Cross-Origin-Resource-Policy and the embedder policy require-corp makes it `same-origin`/,
  },
  { name: 'express', start: () => express.startExpress(express.CORRECT), config: expressConfig },
  {
    name: 'express-broken',
    start: () => express.startExpress(express.BROKEN),
    config: expressBrokenConfig,
    // /example\.co\.uk$/ matches the look-alike of the registrable domain, the sibling and the http version.
    broken: /^reads-0\.(suffix|sibling|http)\./,
    step: /cors-check step [57]: Access-Control-Allow-Origin "https?:\/\/(evilexample|sibling\.example|app\.example)\.co\.uk"/,
  },
  { name: 'koa', start: () => koa.startKoa(koa.CORRECT), config: koaConfig, engines: CHROMIUM_ONLY },
  {
    name: 'koa-broken',
    start: () => koa.startKoa(koa.BROKEN),
    config: koaBrokenConfig,
    engines: CHROMIUM_ONLY,
    broken: /^reads-0\.(?!allowed)/,
    step: /cors-check step [57]: Access-Control-Allow-Origin "[^"]+" is the request's origin/,
  },
  { name: 'flask', start: () => startFlask(false), config: flaskConfig, engines: CHROMIUM_ONLY },
  {
    name: 'flask-broken',
    start: () => startFlask(true),
    config: flaskBrokenConfig,
    engines: CHROMIUM_ONLY,
    broken: /^reads-0\.(?!allowed)/,
    step: /cors-check step [57]: Access-Control-Allow-Origin "[^"]+" is the request's origin/,
  },
];

/** The example's own config, its origins on this worker's server (its webServer is npm run audit's). */
function configOf(example: Example, url: string): AuditConfigInput {
  return { ...example.config, origins: Object.fromEntries(Object.keys(example.config.origins).map((o) => [o, url])), webServer: undefined };
}

function checkOutcomes(example: Example, engine: string, outcomes: AuditOutcome[]): void {
  expect(outcomes.length, 'every derived probe has an outcome').toBeGreaterThan(0);
  for (const o of outcomes) {
    expect(['holds', 'broken'], `${o.probe.id} must be judged, not ${o.verdict}: ${o.message}`).toContain(o.verdict);
    const planted = !!example.broken?.test(o.probe.id);
    expect(o.verdict, `${example.name} in ${engine}: ${o.probe.id}: ${o.message}`).toBe(planted ? 'broken' : 'holds');
    if (planted) {
      expect(o.message).toMatch(example.step!);
      // The server's actual headers are part of every explanation.
      expect(o.message).toContain('your server answered:');
    }
  }
  if (example.broken) expect(outcomes.some((o) => o.verdict === 'broken')).toBe(true);
}

// Per engine one worker, one network and one browser; each example's server runs in it, and the
// session is pointed at each example's own config in turn (useConfig).
for (const engine of ENGINE_NAMES) {
  const examples = EXAMPLES.filter((e) => !e.engines || e.engines.includes(engine));
  const test = fixtureTest.extend<{}, { exampleUrls: Map<string, string> }>({
    originproofEngine: [engine, { scope: 'worker' }],
    exampleUrls: [
      async ({}, use) => {
        const servers = await Promise.all(examples.map((e) => e.start()));
        await use(new Map(examples.map((e, i) => [e.name, servers[i].url])));
        await Promise.all(servers.map((s) => s.close()));
      },
      { scope: 'worker' },
    ],
    originproofConfig: [async ({ exampleUrls }, use) => use(configOf(EXAMPLES[0], exampleUrls.get(EXAMPLES[0].name)!)), { scope: 'worker' }],
  });
  test.describe(`examples in ${engine}`, () => {
    for (const example of examples) {
      test(`${example.name}: ${example.broken ? 'reports the planted misconfiguration, with the step of the standard' : 'every intent holds'}`, async ({
        originproof,
        exampleUrls,
      }) => {
        originproof.useConfig(validateConfig(configOf(example, exampleUrls.get(example.name)!), `examples/${example.name}/originproof.config.ts`));
        const outcomes = await originproof.run();
        if (!example.broken) expect(notHolding(outcomes)).toEqual([]);
        checkOutcomes(example, engine, outcomes);
      });
    }
    test('the network serves the app on its virtual origins: a page, and what it embeds cross-origin, reach the server', async ({
      originproof,
      exampleUrls,
    }) => {
      originproof.useConfig(validateConfig(configOf(EXAMPLES[0], exampleUrls.get(EXAMPLES[0].name)!), 'examples/correct/originproof.config.ts'));
      const opened = await originproof.open('https://app.test/isolated');
      try {
        const widget = await originproof.waitForTraffic((r) => r.at === 'https://api.test' && r.path === '/widget.js' && !!r.answer);
        expect(widget?.secFetchDest).toBe('script');
        expect(widget?.answer?.headers).toContainEqual(['cross-origin-resource-policy', 'cross-origin']);
      } finally {
        await opened.close();
      }
      const page = originproof.traffic().find((r) => r.at === 'https://app.test' && r.path === '/isolated');
      expect(page?.answer?.status).toBe(200);
    });
  });
}
