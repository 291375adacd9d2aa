/**
 * The visit service's scheduler, with visits that end when the test says so: the run's plan
 * starts visits ahead of the requests, never more at once than the run has workers, spread over
 * the engines; a visit a test asks for jumps the queue; each visit starts once; without a plan a
 * visit starts when asked for.
 */
import { test, expect } from '@playwright/test';
import { VisitScheduler } from '../../harness/service/visit-scheduler.ts';

/** A scheduler whose visits finish only when `finish(engine, key)` is called. */
function harness() {
  const started: string[] = [];
  const pending = new Map<string, () => void>();
  const scheduler = new VisitScheduler(
    (engine, key) =>
      new Promise<void>((resolve) => {
        started.push(`${engine}|${key}`);
        pending.set(`${engine}|${key}`, resolve);
      }),
  );
  const finish = async (name: string) => {
    pending.get(name)!();
    pending.delete(name);
    await new Promise((r) => setImmediate(r));
  };
  return { scheduler, started, pending, finish };
}

const plan = (engines: string[], keys: string[]) => engines.flatMap((engine) => keys.map((key) => ({ engine, key })));

test('a plan in project order starts one visit per engine first, and never more than the slots', async () => {
  const { scheduler, started, pending, finish } = harness();
  // Playwright's order: every chromium visit, then firefox's, then webkit's.
  scheduler.plan({ slots: 2, visits: plan(['chromium', 'firefox', 'webkit'], ['a', 'b', 'c']) });
  expect(started).toEqual(['chromium|a', 'firefox|a']);
  await finish('chromium|a');
  // The free slot goes to an engine with nothing running and the most queued: webkit (3) over chromium (2).
  expect(started.at(-1)).toBe('webkit|a');
  expect(pending.size).toBe(2);
  while (pending.size) await finish([...pending.keys()][0]);
  expect(started.sort()).toEqual(
    plan(['chromium', 'firefox', 'webkit'], ['a', 'b', 'c'])
      .map((v) => `${v.engine}|${v.key}`)
      .sort(),
  );
});

test('a visit a test asks for starts at the next free slot, ahead of the plan, and only once', async () => {
  const { scheduler, started, finish } = harness();
  scheduler.plan({ slots: 1, visits: plan(['chromium'], ['a', 'b', 'c']) });
  expect(started).toEqual(['chromium|a']);
  let asked = false;
  const need = scheduler.need('chromium', 'c').then(() => (asked = true));
  await new Promise((r) => setImmediate(r));
  expect(asked).toBe(false); // the one slot is busy
  await finish('chromium|a');
  await need;
  expect(started).toEqual(['chromium|a', 'chromium|c']);
  await scheduler.need('chromium', 'c'); // already started: no second start
  await finish('chromium|c');
  await finish('chromium|b');
  expect(started).toEqual(['chromium|a', 'chromium|c', 'chromium|b']);
});

test('tests waiting on one engine do not take every slot: the engines stay interleaved', async () => {
  const { scheduler, started, finish } = harness();
  scheduler.plan({ slots: 2, visits: [...plan(['chromium'], ['a', 'b', 'c']), ...plan(['firefox'], ['a', 'b'])] });
  expect(started).toEqual(['chromium|a', 'firefox|a']);
  // Both workers are on the chromium project (Playwright deals out tests project by project).
  const asked = [scheduler.need('chromium', 'b'), scheduler.need('chromium', 'c')];
  await finish('chromium|a');
  expect(started.at(-1)).toBe('chromium|b'); // asked for, and chromium had nothing running
  await finish('firefox|a');
  expect(started.at(-1)).toBe('firefox|b'); // not chromium|c: chromium already runs one
  await finish('chromium|b');
  await Promise.all(asked);
  expect(started).toEqual(['chromium|a', 'firefox|a', 'chromium|b', 'firefox|b', 'chromium|c']);
});

test('without a plan, every visit starts when asked for, however many are asked at once', async () => {
  const { scheduler, started } = harness();
  await Promise.all(['a', 'b', 'c', 'd'].map((k) => scheduler.need('firefox', k)));
  expect(started).toEqual(['firefox|a', 'firefox|b', 'firefox|c', 'firefox|d']);
});

test('a visit that fails frees its slot for the next one', async () => {
  const started: string[] = [];
  const scheduler = new VisitScheduler(async (engine, key) => {
    started.push(`${engine}|${key}`);
    throw new Error('engine would not start');
  });
  scheduler.plan({ slots: 1, visits: plan(['webkit'], ['a', 'b']) });
  await new Promise((r) => setTimeout(r, 10));
  expect(started).toEqual(['webkit|a', 'webkit|b']);
});
