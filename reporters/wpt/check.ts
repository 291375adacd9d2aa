/**
 * The assertions every exported test shares: an expectation in originproof's words checked key by
 * key (null: absent), and the server-side evidence summarized from the handler's request log the
 * way originproof's evidence summary counts it (a preflight is an OPTIONS carrying
 * Access-Control-Request-Method; origin, cookies and Sec-Fetch-* are the first actual request's).
 */
export const CHECK_SOURCE = `// Every key the expectation names, at every depth; null means the key is absent.
function check(observed, expected, path) {
  for (const [key, want] of Object.entries(expected)) {
    const at = path + '.' + key;
    const got = observed == null ? undefined : observed[key];
    if (want === null) assert_true(got === null || got === undefined, at + ' is absent (got ' + JSON.stringify(got) + ')');
    else if (Array.isArray(want) && want.some((w) => w && typeof w === 'object')) {
      assert_true(Array.isArray(got), at + ' is a list');
      assert_equals(got.length, want.length, at + '.length');
      want.forEach((w, i) => check(got[i], w, at + '[' + i + ']'));
    } else if (Array.isArray(want)) assert_array_equals(got, want, at);
    else if (typeof want === 'object') check(got, want, at);
    else if (typeof want === 'string' && /^\\{\\{origin:\\w+\\}\\}$/.test(want)) assert_equals(got, ORIGINS[want.slice(9, -2)], at);
    else assert_equals(got, want, at);
  }
}

// A URL as originproof names it: \`origin:response\` for this handler's responses, the origin's name otherwise.
function nameUrl(url) {
  if (typeof url !== 'string' || !url) return null;
  let u;
  try {
    u = new URL(url);
  } catch (e) {
    return url;
  }
  const origin = Object.keys(ORIGINS).find((n) => ORIGINS[n] === u.origin);
  if (!origin) return url;
  return u.pathname === HANDLER && u.searchParams.get('r') ? origin + ':' + u.searchParams.get('r') : origin;
}

// A received report, by the fields that say what was reported (originproof's evidence words).
function reportSeen(r) {
  const b = r.body || {};
  const field = (...names) => names.map((n) => b[n]).find((v) => typeof v === 'string') ?? null;
  return {
    type: r.type, url: nameUrl(r.url), bodyType: r.type === 'csp-report' ? null : field('type'), disposition: field('disposition'),
    effectivePolicy: field('effectivePolicy', 'effective-policy'), blockedURL: nameUrl(field('blockedURL', 'blocked-uri', 'blockedURI')),
    destination: field('destination'), directive: field('effectiveDirective', 'effective-directive', 'violated-directive'),
  };
}

function summarize(log) {
  const out = {};
  for (const name of new Set(log.map((r) => r.response))) {
    const list = log.filter((r) => r.response === name);
    const pre = list.filter((r) => r.method === 'OPTIONS' && r.acrMethod !== null);
    const actual = list.filter((r) => !pre.includes(r));
    const first = actual[0] || {};
    const cookies = (first.cookie || '').split(/;\\s*/).map((c) => c.split('=')[0].trim()).filter(Boolean).sort();
    out[name] = {
      arrived: list.length > 0, count: list.length, preflight: pre.length > 0, preflightCount: pre.length,
      actual: actual.length > 0, actualCount: actual.length, methods: actual.map((r) => r.method),
      origin: first.origin ?? null, cookies, acrMethod: pre.length ? pre[0].acrMethod : null,
      acrHeaders: pre.length ? pre[0].acrHeaders : null, secFetchSite: first.secFetchSite ?? null,
      secFetchMode: first.secFetchMode ?? null, secFetchDest: first.secFetchDest ?? null, secFetchUser: first.secFetchUser ?? null,
      reports: list.flatMap((r) => r.reports || []).map(reportSeen),
    };
  }
  return out;
}

const NOTHING = { arrived: false, count: 0, preflight: false, preflightCount: 0, actual: false, actualCount: 0, methods: [], origin: null, cookies: [], reports: [] };

// What the server saw for this test's token, per response name.
async function evidence(id) {
  const log = await (await fetch(location.origin + HANDLER + '?token=' + id + '&log=1', { cache: 'no-store' })).json();
  const summary = summarize(log);
  return new Proxy(summary, { get: (o, k) => o[k] || NOTHING });
}`;
