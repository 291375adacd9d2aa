/** Whether a run includes the parsing area (kept apart from the catalog, so a command can ask without loading it). */
const ENV = 'ORIGINPROOF_PARSING';

/**
 * Whether this run includes the parsing area: ORIGINPROOF_PARSING=1/0 decides; otherwise a
 * `--grep` (or -g) naming "parsing" in Playwright's command line. The answer is written back to
 * the environment, so Playwright's workers (which load the test files again, without the
 * command line) build the same tests.
 */
export function parsingRequested(argv: string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[ENV] === '1' || env[ENV] === '0') return env[ENV] === '1';
  let asked = false;
  argv.forEach((a, i) => {
    const value = a.startsWith('--grep=') ? a.slice(7) : a === '--grep' || a === '-g' ? argv[i + 1] : undefined;
    if (value && /parsing/.test(value)) asked = true;
  });
  env[ENV] = asked ? '1' : '0';
  return asked;
}
