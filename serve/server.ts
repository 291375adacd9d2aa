/**
 * Serve mode's routes on every catalog origin (through the proxy): the start page a person opens,
 * the run window's "next visit" and "done" pages, and a small JSON API the start page polls for
 * progress. Several browsers may run at once, each its own column.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RUNTIME_DIR } from '../servers/runtime-files.ts';
import type { EngineInfo } from '../engines/engine.ts';
import { planVisits, type PlannedVisit } from '../harness/plan/planner.ts';
import type { Scenario } from '../harness/scenario/scenario.ts';
import type { VisitStore } from '../servers/visit-store.ts';
import { ORIGIN_NAMES, ORIGINS, originUrl, catalogHosts } from '../protocol/origins.ts';
import { PersonRun, SERVE_PREFIX } from './person-run.ts';
import type { ResultsSink } from './results-sink.ts';
import { columnName, identify } from './user-agent.ts';
import { slugName } from '../protocol/names.ts';

export interface ServeOptions {
  scenarios: Scenario[];
  sink: ResultsSink;
  /** A run window silent this long is taken as gone (its remaining visits become not-run). */
  quietLimitMs: number;
  /** How the certificates were made, for the start page: a local CA the person may trust, or one made per run. */
  certificate: { localCa?: string };
  /** Said on the console: a run ended (finished or stopped) and where its rows went. */
  log: (line: string) => void;
}

/** The start page's own files, named by their content: the runtime folder is served cacheable for a day. */
function assetUrls(): { js: string; css: string } {
  const url = (file: string) => {
    const rev = crypto
      .createHash('sha256')
      .update(fs.readFileSync(path.join(RUNTIME_DIR, 'serve', file)))
      .digest('hex')
      .slice(0, 12);
    return `/__op/runtime/serve/${file}?rev=${rev}`;
  };
  return { js: url('driver.js'), css: url('driver.css') };
}

function htmlJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function bodyJson(req: FastifyRequest): Record<string, unknown> {
  try {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : typeof req.body === 'string' ? req.body : '';
    const v = raw ? (JSON.parse(raw) as unknown) : {};
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Runs going at once, and runs kept in memory once ended (the newest): a flood of starts is refused, not stored. */
export const MAX_ACTIVE_RUNS = 4;
export const MAX_ENDED_RUNS = 20;

/**
 * Why a control request (start or stop a run) is not from serve's own start page, or undefined:
 * a browser says where a request comes from (Sec-Fetch-Site, Origin), and only the start page
 * knows this server's token. Another site's page, in a browser that uses the serve proxy, is refused.
 */
export function crossSite(req: FastifyRequest, token: string): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin')
    return `a request from another ${site === 'same-site' ? 'origin of the site' : 'site'} (Sec-Fetch-Site: ${site})`;
  const origin = req.headers.origin;
  const own = `${req.protocol}://${req.headers.host ?? ''}`;
  if (origin !== undefined && origin !== own) return `a request from ${origin}, not from ${own}`;
  const given = req.headers['x-op-serve-token'];
  if (typeof given !== 'string' || given.length !== token.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(token)))
    return "a request without the start page's token";
  return undefined;
}

function page(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).headers({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).send(body);
}

export class ServeController {
  readonly runs = new Map<string, PersonRun>();
  readonly visits: PlannedVisit[];
  private timer: NodeJS.Timeout;
  private endListeners: Array<(run: PersonRun) => void> = [];
  private store?: VisitStore;
  private assets = assetUrls();
  /** Only the start page knows it (in its inline config): control requests must carry it. */
  readonly token = crypto.randomBytes(16).toString('hex');

  constructor(private readonly opts: ServeOptions) {
    this.visits = planVisits(opts.scenarios);
    this.timer = setInterval(() => {
      for (const run of this.runs.values()) run.tick();
    }, 1000);
    this.timer.unref();
  }

  /** The fixture network's visit store: the network is started with this controller's plugin, so it comes second. */
  attach(store: VisitStore): void {
    this.store = store;
  }

  onRunEnd(listener: (run: PersonRun) => void): void {
    this.endListeners.push(listener);
  }

  get active(): PersonRun[] {
    return [...this.runs.values()].filter((r) => !r.ended);
  }

  /** Stops every run still going (the server is shutting down): finished verdicts stay, the rest is not-run. */
  stopAll(reason: string): void {
    for (const run of this.active) run.stop(reason);
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** Forgets ended runs beyond the newest MAX_ENDED_RUNS (their rows are in the results file). */
  private prune(): void {
    const ended = [...this.runs.values()].filter((r) => r.ended);
    for (const r of ended.slice(0, Math.max(0, ended.length - MAX_ENDED_RUNS))) this.runs.delete(r.id);
  }

  createRun(userAgent: string, typedName: string | undefined): PersonRun {
    if (!this.store) throw new Error('originproof serve: the controller has no fixture network attached');
    this.prune();
    if (this.active.length >= MAX_ACTIVE_RUNS) throw new Error(`originproof serve: ${MAX_ACTIVE_RUNS} runs are going already; stop one first`);
    const id = identify(userAgent.slice(0, 512));
    const base = columnName(id, typedName) || 'person';
    // A column of an earlier run in the results file is never replaced by a new run of the same name.
    const taken = new Set([...[...this.runs.values()].map((r) => r.info.engine), ...this.opts.sink.columns()]);
    let engine = base;
    for (let n = 2; taken.has(engine); n++) engine = `${base}-${n}`;
    const info: EngineInfo = {
      engine,
      ...(id.family ? { family: id.family } : {}),
      flavour: 'person',
      backend: 'person (proxy + start URL)',
      browser: `${id.browser} ${id.version}${typedName ? ` (${typedName})` : ''}`,
      version: id.version,
      executable: userAgent.slice(0, 512),
      ...(id.platform ? { platform: id.platform } : {}),
      commandLine: [],
      nonDefault: [
        {
          setting: "the person's own settings",
          reason:
            'a browser the harness did not launch: its proxy, popup permission and certificate trust are what the person set, and any other setting is unknown',
          boundary: true,
        },
        {
          setting: 'state cleared between visits',
          reason:
            'no fresh profile per visit: every catalog origin gets Clear-Site-Data "cookies", "storage" plus a script that empties its storage before each visit',
        },
      ],
    };
    const run = new PersonRun({
      visits: this.visits,
      store: this.store,
      info,
      quietLimitMs: this.opts.quietLimitMs,
      onRows: (r) => this.opts.sink.writeColumn(r.info, [...r.rows.values()]),
      onEnd: (r) => {
        const p = r.progress();
        const counts = Object.entries(p.verdicts)
          .map(([v, n]) => `${v} ${n}`)
          .join(', ');
        this.opts.log(
          `originproof serve: ${r.info.engine} (${r.info.browser}) ${r.state}${r.stopReason ? ` — ${r.stopReason}` : ''}: ${counts || 'no rows'} → ${this.opts.sink.resultsFile}`,
        );
        for (const l of this.endListeners) l(r);
      },
    });
    this.runs.set(run.id, run);
    this.opts.log(`originproof serve: ${engine} started (${userAgent})`);
    return run;
  }

  private startPage(): string {
    const https = ORIGIN_NAMES.filter((n) => ORIGINS[n].scheme === 'https').map((n) => originUrl(n));
    const config = {
      scenarios: this.opts.scenarios.length,
      visits: this.visits.length,
      httpsOrigins: https,
      popupSites: [...new Set(catalogHosts().map((h) => h.split('.').slice(-2).join('.')))],
      origins: ORIGIN_NAMES.map((n) => originUrl(n)),
      localCa: this.opts.certificate.localCa ?? null,
      token: this.token,
    };
    return `<!doctype html><meta charset="utf-8"><title>originproof — run the catalog in this browser</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${this.assets.css}">
<script type="application/json" id="op-serve">${htmlJson(config)}</script>
<body><main id="app"><h1>originproof</h1><p>Loading…</p></main>
<script src="${this.assets.js}"></script></body>`;
  }

  private donePage(run: PersonRun): string {
    const p = run.progress();
    const counts = Object.entries(p.verdicts)
      .map(([v, n]) => `<li>${v}: ${n}</li>`)
      .join('');
    const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<!doctype html><meta charset="utf-8"><title>originproof: run ${run.state}</title>
<link rel="stylesheet" href="${this.assets.css}">
<main><h1>This browser's run is ${run.state}</h1>
<p>Column <b>${esc(run.info.engine)}</b> (${esc(run.info.browser)}): ${p.scenarios.done} of ${p.scenarios.total} scenarios.${run.stopReason ? ` ${esc(run.stopReason)}.` : ''}</p>
<ul>${counts}</ul><p>The results are on the server (${esc(this.opts.sink.resultsFile)}). You may close this window.</p></main>
<script>setTimeout(function () { try { window.close(); } catch (e) {} }, 3000);</script>`;
  }

  /** Fastify plugin: mounted on both fixture listeners, so every catalog origin answers. */
  plugin = async (app: FastifyInstance): Promise<void> => {
    app.get(`${SERVE_PREFIX}/`, async (_req, reply) => page(reply, 200, this.startPage()));
    app.get(SERVE_PREFIX, async (_req, reply) => reply.redirect(`${SERVE_PREFIX}/`));

    // Reachability check of an origin from the start page (a certificate not accepted fails it).
    app.get(`${SERVE_PREFIX}/ping`, async (_req, reply) => reply.code(204).headers({ 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' }).send());

    app.post(`${SERVE_PREFIX}/api/runs`, async (req, reply) => {
      const refused = crossSite(req, this.token);
      if (refused) return reply.code(403).send({ error: `originproof serve: refused ${refused}` });
      const typed = typeof bodyJson(req).name === 'string' ? slugName(String(bodyJson(req).name).trim().slice(0, 40), '') : '';
      let run: PersonRun;
      try {
        run = this.createRun(String(req.headers['user-agent'] ?? ''), typed || undefined);
      } catch (e) {
        return reply.code(429).send({ error: (e as Error).message });
      }
      return reply.code(201).headers({ 'Cache-Control': 'no-store' }).send({ id: run.id, column: run.info.engine, next: run.nextPath });
    });

    app.get<{ Params: { id: string } }>(`${SERVE_PREFIX}/api/runs/:id`, async (req, reply) => {
      const run = this.runs.get(req.params.id);
      if (!run) return reply.code(404).send({ error: `no run ${req.params.id} on this server` });
      return reply.headers({ 'Cache-Control': 'no-store' }).send(run.progress());
    });

    app.post<{ Params: { id: string } }>(`${SERVE_PREFIX}/api/runs/:id/stop`, async (req, reply) => {
      const refused = crossSite(req, this.token);
      if (refused) return reply.code(403).send({ error: `originproof serve: refused ${refused}` });
      const run = this.runs.get(req.params.id);
      if (!run) return reply.code(404).send({ error: `no run ${req.params.id} on this server` });
      run.stop('stopped by the person on the start page');
      return reply.headers({ 'Cache-Control': 'no-store' }).send(run.progress());
    });

    app.get<{ Params: { id: string } }>(`${SERVE_PREFIX}/run/:id/next`, async (req, reply) => {
      const run = this.runs.get(req.params.id);
      if (!run) return page(reply, 404, `<p>originproof: no run ${req.params.id} on this server (was it restarted?). Open the start page again.</p>`);
      return reply.code(302).headers({ Location: run.advance(), 'Cache-Control': 'no-store' }).send();
    });

    app.get<{ Params: { id: string } }>(`${SERVE_PREFIX}/run/:id/done`, async (req, reply) => {
      const run = this.runs.get(req.params.id);
      if (!run) return page(reply, 404, `<p>originproof: no run ${req.params.id} on this server.</p>`);
      return page(reply, 200, this.donePage(run));
    });
  };
}
