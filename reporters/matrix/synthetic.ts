/**
 * A full-catalog results file for MEASURING the report (size, time to usable) when no full run
 * is at hand: every catalog scenario × the engines of a real captured run. Rows the captured run
 * has are used unchanged; the others are synthesized in the shape the harness writes — the
 * observation a probe of that kind reports (the expectation filled out with the keys the runtime
 * adds), the recorded deviation where the catalog has one, evidence per declared response with
 * logged requests, the control, citations, visit — with a deterministic sprinkle of fails,
 * inconclusive results, timeouts, fixed deviations and the `not-run` / `error` verdicts.
 *
 * Never a verdict about any browser: the file's date is the epoch and `synthetic: true` notes
 * say so wherever it is rendered.
 */
import crypto from 'node:crypto';
import type { EngineName } from '../../engines/engine.ts';
import { deepMerge } from '../../harness/scenario/match.ts';
import { totalsOf, type ResultRow, type ResultsFile } from '../../harness/judge/results.ts';
import type { Scenario } from '../../harness/scenario/scenario.ts';
import type { LoggedRequest } from '../../protocol/visit.ts';
import { originUrl, type OriginName } from '../../protocol/origins.ts';
import { opPath } from '../../protocol/paths.ts';
import { summarize } from '../../harness/judge/evidence.ts';

export const SYNTHETIC_NOTE = 'SYNTHETIC results (reporters/matrix/synthetic.ts): made to measure the report, not observed in any browser.';

/** A number in [0, 1) fixed by the text. */
function unit(text: string): number {
  return crypto.createHash('sha1').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/** Keys the runtime reports beside the ones a scenario expects (probes/<kind>/runtime.js). */
function filled(kind: string, expected: Record<string, unknown>): Record<string, unknown> {
  const e = expected;
  switch (kind) {
    case 'fetch':
      return e.resolved === false
        ? { resolved: false, error: 'TypeError', ...e }
        : { resolved: true, status: 200, type: 'cors', redirected: false, bodyReadable: true, body: '{"secret":"originproof"}', headers: {}, ...e };
    case 'xhr':
      return e.loaded === false
        ? { loaded: false, error: 'error-event', status: 0, ...e }
        : { loaded: true, status: 200, bodyReadable: true, body: '{}', ...e };
    case 'window-access':
      return e.allowed === false
        ? { allowed: false, error: 'SecurityError', targetReady: true, ...e }
        : { allowed: true, valueType: 'object', targetReady: true, ...e };
    case 'embed':
      return { loaded: true, event: e.loaded === false ? 'error' : 'load', ...e };
    case 'popup':
      return {
        opened: true,
        report: true,
        popupOpener: 'present',
        popupOrigin: 'https://other.test',
        popupIsolated: false,
        hello: true,
        closed: false,
        pong: true,
        ...e,
      };
    case 'isolation':
      return {
        origin: 'https://site.test',
        isSecureContext: true,
        crossOriginIsolated: false,
        sharedArrayBuffer: false,
        sabConstructible: false,
        sharedWasmMemory: false,
        ...e,
      };
    case 'post-message':
      return { targetReady: true, posted: true, delivered: true, origin: 'https://site.test', receiverOrigin: 'https://other.test', ...e };
    default:
      return { ...e };
  }
}

function requestsFor(s: Scenario, engine: string, visitId: string, key: string): LoggedRequest[] {
  const out: LoggedRequest[] = [];
  let t = 120;
  for (const [name, declared] of Object.entries(s.responses ?? {})) {
    const at = (JSON.stringify(s.probe.params).match(new RegExp(`"at":"(\\w+)","response":"${name}"`))?.[1] ?? 'other') as OriginName;
    const path = `${opPath.response(key, name)}?v=${visitId}&p=${encodeURIComponent(key)}`;
    const page = (s.page?.at ?? 'site') as OriginName;
    const base = {
      visitId,
      probe: key,
      response: name,
      at,
      path,
      referer: `${originUrl(page)}/`,
      secFetchSite: at === page ? 'same-origin' : 'cross-site',
    };
    const method = String((s.probe.params as { method?: string }).method ?? 'GET');
    if (declared.preflight && !['GET', 'HEAD', 'POST'].includes(method)) {
      out.push({ ...base, t: (t += 9), method: 'OPTIONS', origin: originUrl(page), secFetchMode: 'cors', secFetchDest: 'empty', acrMethod: method });
    }
    out.push({
      ...base,
      t: (t += 14),
      method,
      origin: originUrl(page),
      cookie: engine === 'webkit' ? 'opo=1' : undefined,
      secFetchMode: s.probe.kind === 'fetch' ? 'cors' : 'navigate',
      secFetchDest: s.probe.kind === 'fetch' ? 'empty' : 'iframe',
    });
  }
  return out;
}

export function syntheticRow(s: Scenario, engine: EngineName, n: number): ResultRow {
  const dev = s.deviations?.[engine];
  const u = unit(`${s.id}|${engine}`);
  let verdict: string = dev ? (u < 0.1 ? 'fixed-deviation' : 'known-deviation') : 'pass';
  if (u > 0.99) verdict = 'fail';
  else if (u > 0.985) verdict = 'inconclusive';
  else if (u > 0.98) verdict = 'timeout';
  else if (u > 0.978) verdict = 'error';
  else if (u > 0.976) verdict = 'not-run';
  const visitId = `${engine}-g${n}c0-${crypto.createHash('md5').update(s.id).digest('hex').slice(0, 8)}`;
  const expectedObs = s.expect.observation;
  let observed: Record<string, unknown> | null = filled(s.probe.kind, expectedObs);
  const mismatches: string[] = [];
  if (verdict === 'known-deviation' && dev) observed = deepMerge(observed, dev.observed);
  if (verdict === 'fail') {
    const k = Object.keys(expectedObs)[0] ?? 'allowed';
    observed = { ...observed, [k]: typeof expectedObs[k] === 'boolean' ? !expectedObs[k] : 'other' };
    mismatches.push(`${k}: expected ${JSON.stringify(expectedObs[k])}, observed ${JSON.stringify(observed[k])}`);
  }
  if (verdict === 'known-deviation')
    for (const [k, v] of Object.entries(dev?.observed ?? {})) mismatches.push(`${k}: expected …, observed ${JSON.stringify(v)}`);
  if (verdict === 'timeout' || verdict === 'not-run' || verdict === 'error') observed = verdict === 'timeout' ? { timedOut: true } : null;
  if (observed) observed._ms = Math.round(80 + u * 900);
  const requests = verdict === 'not-run' || verdict === 'error' ? [] : requestsFor(s, engine, visitId, s.id);
  const controlRequests = s.control && requests.length ? requestsFor(s, engine, visitId, `${s.id}~control`) : [];
  const reason =
    {
      pass: 'observed what the standard expects',
      'known-deviation': dev ? `${dev.reason} (${dev.link})` : '',
      'fixed-deviation': `${engine} now behaves as the standard says; remove the recorded deviation (${dev?.link})`,
      fail: `observed differs from the standard: ${mismatches.join('; ')}`,
      inconclusive: 'the control failed, so this probe proves nothing: allowed: expected true, observed false',
      timeout: 'the probe did not finish within its time bound',
      error: 'the engine stopped answering before this scenario ran (synthetic)',
      'not-run': 'the run ended before this scenario (synthetic)',
    }[verdict] ?? verdict;
  const scenario = { id: s.id, area: s.area, title: s.title, claims: s.claims ?? [], probe: s.probe.kind, spec: s.spec };
  return {
    ...scenario,
    engine,
    expected: { blocked: s.expect.blocked, observation: s.expect.observation, evidence: s.expect.evidence },
    observed: observed as ResultRow['observed'],
    verdict: verdict as ResultRow['verdict'],
    reason,
    mismatches,
    control: s.control
      ? {
          expected: s.control.expect.observation,
          observed: { ...filled(s.probe.kind, s.control.expect.observation), _ms: 140 },
          ok: verdict !== 'inconclusive',
        }
      : null,
    deviation: dev ? { observed: dev.observed, reason: dev.reason, link: dev.link } : null,
    evidence: { summary: summarize(requests), requests: [...requests, ...controlRequests] },
    durationMs: Math.round(300 + u * 2500),
    visit: {
      id: visitId,
      page: `${originUrl((s.page?.at ?? 'site') as OriginName)}/__op/visit/${visitId}`,
      probes: 40,
      durationMs: Math.round(2000 + u * 9000),
      attempts: [visitId],
    },
  };
}

/** Every catalog scenario × the base run's engines; the base run's own rows are kept as they are. */
export function syntheticRun(catalog: Scenario[], base: ResultsFile): ResultsFile {
  const real = new Map(base.rows.map((r) => [`${r.engine}|${r.id}`, r]));
  const engines = base.engines.map((e) => e.engine);
  const rows: ResultRow[] = [];
  catalog.forEach((s, i) => {
    for (const e of engines) rows.push(real.get(`${e}|${s.id}`) ?? syntheticRow(s, e, Math.floor(i / 40)));
  });
  return { ...base, date: new Date(0).toISOString(), totals: totalsOf(rows), rows };
}
