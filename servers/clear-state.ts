/**
 * Clearing a browser that cannot get a fresh profile per visit (a person's browser in serve mode,
 * a WebDriver window): a chain of top-level pages, one per catalog origin, each answered with
 * `Clear-Site-Data: "cookies", "storage"` (honoured on https origins; cookies go for the whole
 * site) and a script that also empties that origin's localStorage, sessionStorage, IndexedDB and
 * script-visible cookies (http origins, and browsers without Clear-Site-Data), then moves on.
 * The last page goes to the visit. Top-level, because storage in frames is partitioned.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ORIGIN_NAMES, lookupAuthority, originUrl } from '../protocol/origins.ts';

export const CLEAR_PREFIX = '/__op/clear';

/** The first page of the chain that ends at `to`; every origin of the catalog is visited once. */
export function clearStateUrl(to: string, from = originUrl(ORIGIN_NAMES[0])): string {
  return `${from}${CLEAR_PREFIX}/0?to=${encodeURIComponent(to)}`;
}

/** Only catalog origins may be a destination: the chain is no open redirect. */
export function isCatalogUrl(value: string): boolean {
  try {
    const u = new URL(value);
    const scheme = u.protocol.slice(0, -1);
    const port = u.port ? Number(u.port) : scheme === 'https' ? 443 : 80;
    const found = lookupAuthority(u.hostname, port);
    return !!found && found.entry.scheme === scheme;
  } catch {
    return false;
  }
}

const PAGE_SCRIPT = `(async function () {
  var next = JSON.parse(document.getElementById('op-next').textContent);
  function quiet(f) { try { return f(); } catch (e) { return undefined; } }
  quiet(function () { localStorage.clear(); });
  quiet(function () { sessionStorage.clear(); });
  var host = location.hostname, parts = host.split('.');
  // Every parent domain: a cookie may be set on any of them (example.co.uk for app.example.co.uk).
  var domains = [''];
  for (var i = 0; i < parts.length - 1; i++) domains.push(parts.slice(i).join('.'), '.' + parts.slice(i).join('.'));
  (quiet(function () { return document.cookie; }) || '').split(/;\\s*/).filter(Boolean).forEach(function (c) {
    var name = c.split('=')[0];
    domains.forEach(function (d) {
      quiet(function () { document.cookie = name + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/' + (d ? '; domain=' + d : ''); });
    });
  });
  var dbs = (await quiet(function () { return indexedDB.databases().catch(function () { return []; }); })) || [];
  await Promise.all(dbs.map(function (db) {
    return new Promise(function (resolve) {
      var r = quiet(function () { return indexedDB.deleteDatabase(db.name); });
      if (!r) return resolve();
      r.onsuccess = r.onerror = r.onblocked = function () { resolve(); };
      setTimeout(resolve, 2000);
    });
  }));
  // The fragment (a visit's secret) goes along; it is never sent to a server.
  location.replace(next + location.hash);
})();`;

function htmlJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function send(reply: FastifyReply, status: number, type: string, body: string, extra: Record<string, string> = {}) {
  return reply
    .code(status)
    .headers({ 'Content-Type': type, 'Cache-Control': 'no-store', ...extra })
    .send(body);
}

/** Fastify plugin for both fixture listeners: GET /__op/clear/:step?to=URL. */
export async function clearStatePlugin(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { step: string }; Querystring: { to?: string } }>(`${CLEAR_PREFIX}/:step`, async (req, reply) => {
    const step = Number(req.params.step);
    const to = req.query.to ?? '';
    if (!Number.isInteger(step) || step < 0 || step >= ORIGIN_NAMES.length) return send(reply, 404, 'text/plain', 'originproof: no such clearing step');
    if (!isCatalogUrl(to)) return send(reply, 400, 'text/plain', 'originproof: the clearing chain only leads to catalog origins');
    const next = step + 1 < ORIGIN_NAMES.length ? `${originUrl(ORIGIN_NAMES[step + 1])}${CLEAR_PREFIX}/${step + 1}?to=${encodeURIComponent(to)}` : to;
    const body = `<!doctype html><meta charset="utf-8"><title>originproof: clearing ${originUrl(ORIGIN_NAMES[step])}</title>
<p>Clearing cookies and storage of the catalog origins before the next visit (${step + 1} of ${ORIGIN_NAMES.length})…</p>
<script type="application/json" id="op-next">${htmlJson(next)}</script>
<script>${PAGE_SCRIPT}</script>`;
    return send(reply, 200, 'text/html; charset=utf-8', body, { 'Clear-Site-Data': '"cookies", "storage"' });
  });
}
