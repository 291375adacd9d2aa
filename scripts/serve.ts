/**
 * Serve mode: a person's own browser runs the suite.
 *   npm run serve -- [--grep REGEX] [--once | --runs N] [--ca [--ca-dir DIR]] [--listen ADDRESS] [--port N]
 *                    [--results FILE] [--matrix-dir DIR] [--quiet-limit SECONDS]
 * Starts the fixture network, prints the proxy address, a PAC file URL and the start URL, and
 * waits. Every browser that uses the proxy and opens the start URL runs the selection visit by
 * visit and becomes its own column in the results file and the matrix. Ctrl-C (or, with --once,
 * the end of the first run and of any that started beside it; with --runs N, the end of N runs
 * with none still going) writes everything and exits.
 */
import path from 'node:path';
import { loadCatalog } from '../scenarios/index.ts';
import { startFixtureNetwork } from '../servers/network.ts';
import { claimRunLock } from '../harness/service/run-lock.ts';
import { createLeafCertificate, defaultCaDir, loadOrCreateLocalCa, trustInstructions } from '../servers/certificate.ts';
import { originUrl } from '../protocol/origins.ts';
import { outputPaths } from '../reporters/matrix/write.ts';
import { clearStatePlugin } from '../servers/clear-state.ts';
import { pacFile } from '../servers/pac.ts';
import { ResultsSink } from '../serve/results-sink.ts';
import { ServeController } from '../serve/server.ts';
import { SERVE_PREFIX } from '../serve/person-run.ts';

interface Args {
  grep?: RegExp;
  grepText?: string;
  /** Exit once this many runs have ended and none is going (--once is 1). */
  runs?: number;
  ca: boolean;
  caDir: string;
  listen?: string;
  port: number;
  results: string;
  matrixDir?: string;
  quietLimitMs: number;
}

const USAGE =
  'usage: npm run serve -- [--grep REGEX] [--once | --runs N] [--ca [--ca-dir DIR]] [--listen ADDRESS] [--port N] [--results FILE] [--matrix-dir DIR] [--quiet-limit SECONDS]';

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): Args {
  const args: Args = {
    ca: false,
    caDir: defaultCaDir(env),
    port: 0,
    results: env.ORIGINPROOF_RESULTS ?? path.join('results', 'conformance.json'),
    quietLimitMs: 30_000,
  };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`originproof serve: ${flag} needs a value\n${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--grep':
        try {
          args.grepText = value(i, a);
          args.grep = new RegExp(args.grepText);
        } catch (e) {
          throw new Error(`originproof serve: --grep ${argv[i + 1]} is not a regular expression: ${(e as Error).message}`, { cause: e });
        }
        i++;
        break;
      case '--once':
        args.runs ??= 1;
        break;
      case '--runs': {
        const n = Number(value(i++, a));
        if (!Number.isInteger(n) || n < 1) throw new Error(`originproof serve: --runs ${argv[i]} is not a number of runs (1 or more)`);
        args.runs = n;
        break;
      }
      case '--ca':
        args.ca = true;
        break;
      case '--ca-dir':
        args.caDir = value(i++, a);
        args.ca = true;
        break;
      case '--listen':
        args.listen = value(i++, a);
        break;
      case '--port': {
        const n = Number(value(i++, a));
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`originproof serve: --port ${argv[i]} is not a port number`);
        args.port = n;
        break;
      }
      case '--results':
        args.results = value(i++, a);
        break;
      case '--matrix-dir':
        args.matrixDir = value(i++, a);
        break;
      case '--quiet-limit': {
        const s = Number(value(i++, a));
        if (!(s > 0)) throw new Error(`originproof serve: --quiet-limit ${argv[i]} is not a number of seconds`);
        args.quietLimitMs = s * 1000;
        break;
      }
      default:
        throw new Error(`originproof serve: unknown argument ${a}\n${USAGE}`);
    }
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // Serve writes results/ like any run: one run at a time per checkout.
  claimRunLock();
  const scenarios = loadCatalog().filter((s) => !args.grep || args.grep.test([s.area, s.id, ...(s.claims ?? []).map((c) => `@${c}`)].join(' ')));
  if (!scenarios.length) throw new Error(`originproof serve: no scenario matches --grep ${args.grepText}`);
  const matrix = outputPaths(
    { ...process.env, ORIGINPROOF_RESULTS: args.results === path.join('results', 'conformance.json') ? undefined : args.results },
    args.matrixDir,
  );
  const sink = new ResultsSink(args.results, matrix);

  const ca = args.ca ? await loadOrCreateLocalCa(args.caDir) : undefined;
  const certificate = ca ? await createLeafCertificate(ca) : undefined;
  const controller = new ServeController({
    scenarios,
    sink,
    quietLimitMs: args.quietLimitMs,
    certificate: { localCa: ca?.certFile },
    log: (line) => console.log(line),
  });
  const network = await startFixtureNetwork({
    ports: { proxy: args.port },
    proxyHost: args.listen,
    certificate,
    plugins: [clearStatePlugin, controller.plugin],
    pac: pacFile,
  });
  controller.attach(network.store);

  let closing: Promise<void> | undefined;
  const shutdown = (reason: string) =>
    (closing ??= (async () => {
      controller.stopAll(reason);
      controller.close();
      const files = await sink.writeMatrix().catch((e: Error) => [`(matrix not written: ${e.message})`]);
      if (files.length) console.log(`originproof serve: matrix ${files.join(', ')}`);
      await network.close();
    })().then(() => process.exit(0)));
  process.on('SIGINT', () => void shutdown('the server was stopped (Ctrl-C)'));
  process.on('SIGTERM', () => void shutdown('the server was stopped (SIGTERM)'));
  let ended = 0;
  controller.onRunEnd(() => {
    ended++;
    if (args.runs !== undefined && ended >= args.runs && controller.active.length === 0)
      void shutdown(args.runs === 1 ? '--once: the first run ended' : `--runs ${args.runs}: ${ended} runs ended`);
    else void sink.writeMatrix().then((files) => files.length && console.log(`originproof serve: matrix ${files.join(', ')}`));
  });

  const proxy = network.proxy.url;
  const start = `${originUrl('httpSite')}${SERVE_PREFIX}/`;
  console.log(
    [
      `originproof serve: ${scenarios.length} scenarios in ${controller.visits.length} visits${args.grepText ? ` (--grep ${args.grepText})` : ''}`,
      `  proxy:      ${proxy}   (HTTP and HTTPS proxy for the catalog hosts; every other destination is refused)`,
      `  PAC file:   ${proxy}/proxy.pac   (sends only the catalog hosts to the proxy)`,
      `  start URL:  ${start}   (open it in a browser that uses the proxy)`,
      `  results:    ${args.results}, a column per browser; matrix: ${matrix.html}`,
      ca
        ? trustInstructions(ca)
        : '  certificates: made for this run and trusted by no browser: each https origin shows a warning to accept once (the start page lists them); --ca uses a local CA you can trust instead',
      `  e.g. chromium --user-data-dir=$(mktemp -d) --proxy-server=${proxy} ${start}`,
      `       Firefox: Settings → Network Settings → Automatic proxy configuration URL = ${proxy}/proxy.pac`,
      args.runs !== undefined
        ? `Waiting for browsers; exits when ${args.runs === 1 ? 'the first run' : `${args.runs} runs`} (and any started beside ${args.runs === 1 ? 'it' : 'them'}) ${args.runs === 1 ? 'has' : 'have'} ended.`
        : 'Waiting for browsers; Ctrl-C ends (runs still going are written as not-run).',
    ].join('\n'),
  );
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
