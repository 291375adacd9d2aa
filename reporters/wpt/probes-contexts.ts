/**
 * Exported probes that act through another browsing context or a worker: a form submitted into a
 * named frame (form-post), a popup whose document reports to the server when its script runs
 * (popup), and the contexts a page creates without a response of its own (local-scheme). Each does
 * what originproof's runtime probe of that kind does (probes/<kind>/runtime.js) and reports the
 * same observation keys.
 */

export const FORM_POST = `// A form submitted into a named frame, the way a CSRF page would (originproof's form-post probe);
// what arrived, with which Origin, is the server's evidence.
async function probe(p, url) {
  const name = 'form-' + token();
  const frame = document.createElement('iframe');
  frame.name = name;
  document.body.appendChild(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const form = document.createElement('form');
  form.method = p.method || 'POST';
  if (p.enctype) form.enctype = p.enctype;
  if (p.rel) form.setAttribute('rel', p.rel);
  form.action = url;
  form.target = name;
  for (const [k, v] of Object.entries(p.fields || { op: 'csrf' })) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = k;
    input.value = v;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  const out = {};
  try {
    form.submit();
    out.submitted = true;
  } catch (e) {
    out.submitted = false;
    out.error = e.name;
  }
  await Promise.race([loaded, new Promise((r) => step_timeout(r, p.waitMs || 4000))]);
  frame.remove();
  form.remove();
  return out;
}`;

/** The popup's document: when its script runs it tells the server (it may be severed from its opener, in an opaque origin). */
export const AGENT_REPORTS = `<!doctype html><meta charset="utf-8"><script>fetch(location.href + '&report=1', { mode: 'no-cors' });</script>`;

export const POPUP = `// A popup opened with window.open (originproof's popup probe): whether its document's script ran
// (it reports to the server, which works severed from the opener and in an opaque origin).
async function probe(p, url) {
  const id = new URL(url).searchParams.get('token');
  const name = new URL(url).searchParams.get('r');
  const w = window.open(url, '_blank');
  const out = { opened: !!w, report: false };
  for (let waited = 0; waited < (p.waitMs || 4000) && !out.report; waited += 200) {
    await new Promise((r) => step_timeout(r, 200));
    out.report = (await evidence(id))['report:' + name].arrived;
  }
  if (w) w.close();
  return out;
}`;

export const LOCAL_SCHEME = `// A context the page creates without a response of its own (originproof's local-scheme probe):
// it fetches the target with mode no-cors; whether that loads says which embedder policy it holds.
async function probe(p, url) {
  const answerer = (reply) =>
    'function answer(d, post) {' +
    "  const base = { scheme: self.location.protocol.replace(':', ''), origin: self.origin, crossOriginIsolated: self.crossOriginIsolated === true };" +
    "  fetch(d.url, { mode: 'no-cors', credentials: 'include' }).then(() => post(Object.assign(base, { loaded: true })), (e) => post(Object.assign(base, { loaded: false, error: e.name })));" +
    '}' +
    reply;
  const DEDICATED = answerer('onmessage = (e) => answer(e.data, (r) => postMessage(r)); postMessage({ hello: true });');
  const SHARED = answerer('onconnect = (c) => { const port = c.ports[0]; port.onmessage = (e) => answer(e.data, (r) => port.postMessage(r)); port.postMessage({ hello: true }); };');
  const blobUrl = (text, type) => URL.createObjectURL(new Blob([text], { type }));
  const until = async (test) => {
    for (;;) {
      try {
        if (test()) return;
      } catch (e) {}
      await new Promise((r) => step_timeout(r, 50));
    }
  };
  // A same-origin window fetches itself: the request's client is that window's settings object.
  const inWindow = async (win) => {
    const base = { ready: true, scheme: win.location.protocol.replace(':', ''), origin: win.origin, crossOriginIsolated: win.crossOriginIsolated === true };
    try {
      await win.fetch(url, { mode: 'no-cors', credentials: 'include' });
      return Object.assign(base, { loaded: true });
    } catch (e) {
      return Object.assign(base, { loaded: false, error: e.name });
    }
  };
  // A worker: it says hello, is asked to fetch, and answers.
  const byMessage = (post, listen) =>
    new Promise((resolve) => listen((d) => (d && d.hello ? post({ url }) : resolve(Object.assign({ ready: true }, d)))));
  const dedicated = (src) => {
    const w = new Worker(src);
    return byMessage((m) => w.postMessage(m), (on) => (w.onmessage = (e) => on(e.data)));
  };
  const shared = (src) => {
    const w = new SharedWorker(src);
    return byMessage((m) => w.port.postMessage(m), (on) => ((w.port.onmessage = (e) => on(e.data)), w.port.start()));
  };
  const popup = async (open, settle) => {
    const w = window.open(open, '_blank');
    if (!w) return { ready: false };
    await settle(w);
    const r = await inWindow(w);
    w.close();
    return r;
  };
  const CONTEXTS = {
    'blob-worker': () => dedicated(blobUrl(DEDICATED, 'text/javascript')),
    'data-worker': () => dedicated('data:text/javascript,' + encodeURIComponent(DEDICATED)),
    'blob-shared-worker': () => shared(blobUrl(SHARED, 'text/javascript')),
    'data-shared-worker': () => shared('data:text/javascript,' + encodeURIComponent(SHARED)),
    'about-blank-popup': () => popup('', (w) => until(() => w.location.href === 'about:blank')),
    // A popup at a same-origin document, which the page then navigates to about:blank.
    'about-blank-popup-navigated': () =>
      popup(p.via, async (w) => {
        await until(() => w.location.href.startsWith(p.via) && w.document.readyState === 'complete');
        const first = w.document;
        w.location.href = 'about:blank';
        await until(() => w.document !== first && w.location.href === 'about:blank' && w.document.readyState === 'complete');
      }),
  };
  if (!CONTEXTS[p.context]) throw new Error('this export does not carry the context ' + p.context);
  return Promise.race([CONTEXTS[p.context](), new Promise((r) => step_timeout(() => r({ ready: false }), p.waitMs || 6000))]);
}`;

/** The local-scheme contexts LOCAL_SCHEME carries. */
export const LOCAL_SCHEME_CONTEXTS = [
  'blob-worker',
  'data-worker',
  'blob-shared-worker',
  'data-shared-worker',
  'about-blank-popup',
  'about-blank-popup-navigated',
];

export const SEQUENCE = `// Steps in order, each observed as originproof's probe of that kind (its sequence probe): a popup
// (window.open; whether its document's script ran), a fetch (in a frame of the page when the step
// names one) and an arrival (whether the server saw a response within a bound). Frames first.
async function probe(p) {
  const sleep = (ms) => new Promise((r) => step_timeout(r, ms));
  const named = (url) => ({ id: new URL(url).searchParams.get('token'), name: new URL(url).searchParams.get('r') });
  const arrived = async (url, ms, prefix) => {
    const { id, name } = named(url);
    for (let waited = 0; waited < ms; waited += 200) {
      await sleep(200);
      if ((await evidence(id))[prefix + name].arrived) return true;
    }
    return false;
  };
  const out = { steps: [] };
  const frames = {};
  if (p.contexts) out.contexts = {};
  for (const [name, c] of Object.entries(p.contexts || {})) {
    const f = document.createElement('iframe');
    const loaded = new Promise((r) => f.addEventListener('load', () => r(true), { once: true }));
    f.src = c.url;
    document.body.appendChild(f);
    out.contexts[name] = await Promise.race([loaded, sleep(5000).then(() => false)]);
    frames[name] = f;
  }
  for (const step of p.steps) {
    const q = step.params;
    if (step.kind === 'popup') {
      const w = window.open(q.open.url, '_blank');
      out.steps.push({ opened: !!w, report: await arrived(q.open.url, q.waitMs || 4000, 'report:') });
      if (w) w.close();
    } else if (step.kind === 'fetch') {
      const win = step.in ? frames[step.in].contentWindow : self;
      try {
        const res = await win.fetch(q.target.url, { mode: q.mode, credentials: q.credentials });
        out.steps.push({ resolved: true, status: res.status, type: res.type });
      } catch (e) {
        out.steps.push({ resolved: false, error: e.name });
      }
    } else if (step.kind === 'arrival') out.steps.push({ arrived: await arrived(q.target.url, q.waitMs || 2000, '') });
    else throw new Error('this export does not carry the step ' + step.kind);
  }
  for (const f of Object.values(frames)) f.remove();
  return out;
}`;

/** The step kinds SEQUENCE carries, and the contexts it makes. */
export const SEQUENCE_STEPS = ['popup', 'fetch', 'arrival'];

/**
 * The framed document of a storage-access probe: it answers the test page's message with what the
 * Storage Access API says, requesting access inside a click of the user on its button (WPT's
 * test_driver.click: the runner's click under automation, the person's in a manual run; the
 * button is marked data-manual-click while the test waits for it). Opened as a popup, it sets a
 * first-party cookie instead.
 */
export const AGENT_STORAGE_ACCESS = `<!doctype html><meta charset="utf-8">
<script src="/resources/testdriver.js"></script><script src="/resources/testdriver-vendor.js"></script>
<button id="go">request storage access</button>
<script>
const home = parent !== self ? parent : opener;
if (test_driver.set_test_context) test_driver.set_test_context(home);
const cookie = (name) => document.cookie.split(/;\\s*/).some((c) => c.split('=')[0] === name);
const has = () => document.hasStorageAccess().then((v) => v === true, (e) => e.name);
addEventListener('message', async (e) => {
  const p = e.data;
  if (p.setCookie) return void ((document.cookie = p.setCookie), e.source.postMessage('set', '*'));
  const obs = { has: await has() };
  if (p.cookie) obs.cookieBefore = cookie(p.cookie);
  try {
    obs.permission = (await navigator.permissions.query({ name: 'storage-access' })).state;
  } catch (err) {
    obs.permission = 'error:' + err.name;
  }
  if (p.request) {
    const button = document.getElementById('go');
    let requested;
    button.addEventListener('click', (ev) => {
      obs.trusted = ev.isTrusted;
      obs.activation = !!(navigator.userActivation && navigator.userActivation.isActive);
      requested = document.requestStorageAccess().then(() => 'granted', (err) => err.name);
    }, { once: true });
    button.setAttribute('data-manual-click', '');
    await test_driver.click(button);
    button.removeAttribute('data-manual-click');
    obs.clicked = true;
    // A request still unsettled after 1.5 s waits on a prompt.
    obs.requested = await Promise.race([requested, new Promise((r) => setTimeout(() => r('pending'), 1500))]);
    obs.hasAfter = await has();
    if (p.cookie) obs.cookieAfter = cookie(p.cookie);
  }
  e.source.postMessage(obs, '*');
});
home.postMessage('ready', '*');
</script>`;

export const STORAGE_ACCESS_IN_FRAME = `// The Storage Access API as a framed document sees it (originproof's storage-access probe), its
// request inside a click of the user. originproof's page sets its first-party cookies first: here
// each is set by a document of its origin (a popup for another origin), its Domain left out.
async function probe(p, url) {
  const talk = (win, message, ms) =>
    new Promise((resolve) => {
      const on = (e) => {
        if (e.source !== win || e.data === 'ready') return;
        removeEventListener('message', on);
        resolve(e.data);
      };
      addEventListener('message', on);
      win.postMessage(message, '*');
      step_timeout(() => resolve({ clicked: false, error: 'no answer' }), ms);
    });
  const opened = (make) =>
    new Promise((resolve) => {
      let win;
      const on = (e) => {
        if (e.source !== win || e.data !== 'ready') return;
        removeEventListener('message', on);
        resolve(win);
      };
      addEventListener('message', on);
      win = make();
    });
  for (const c of p.setCookies || []) {
    if (new URL(c.url).origin === location.origin) document.cookie = c.setCookie;
    else {
      const w = await opened(() => window.open(c.url, '_blank'));
      await talk(w, { setCookie: c.setCookie }, 5000);
      w.close();
    }
  }
  const frame = document.createElement('iframe');
  if (p.allow) frame.setAttribute('allow', p.allow);
  const win = await opened(() => {
    frame.src = url;
    document.body.appendChild(frame);
    return frame.contentWindow;
  });
  const observed = await talk(win, { request: p.request, cookie: p.cookie }, 15000);
  frame.remove();
  return observed;
}`;
