/**
 * The probe runtime's files (plain browser JS: servers/runtime/ and each probe kind's
 * probes/<kind>/runtime.js) and the two documents that load them: the agent document (served as a declared response of kind `agent`) and the script
 * tags of a runner page.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { opPath } from '../protocol/paths.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const RUNTIME_DIR = path.join(here, 'runtime');
/** The probe kinds' folders (a floor below this one: read by path, never imported). */
const PROBES_DIR = path.join(here, '..', 'probes');

/** Runtime scripts in load order: core first, then every probe kind's runtime (probes/<kind>/runtime.js). */
export function runtimeScripts(): string[] {
  const kinds = fs
    .readdirSync(PROBES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(PROBES_DIR, d.name, 'runtime.js')))
    .map((d) => d.name)
    .sort();
  return ['core.js', ...kinds.map((k) => `probes/${k}/runtime.js`)];
}

/** A runtime script's source, by the name runtimeScripts() gives it. */
export function runtimeSource(name: string): string {
  return fs.readFileSync(name.startsWith('probes/') ? path.join(PROBES_DIR, name.slice('probes/'.length)) : path.join(RUNTIME_DIR, name), 'utf8');
}

/**
 * The whole runtime (core + every probe) as one script, named by its content hash and cached by
 * the browser: a frame costs one request for it instead of one per file, and the second frame of
 * an origin in a visit none (each visit is a fresh context, so nothing outlives it).
 */
function buildBundle(): { path: string; body: string } {
  const body = runtimeScripts()
    .map((s) => `// ---- ${s}\n${runtimeSource(s)}`)
    .join('\n');
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { path: opPath.runtime(`bundle-${hash}.js`), body };
}
let bundle: { path: string; body: string } | undefined;
export function runtimeBundle(): { path: string; body: string } {
  return (bundle ??= buildBundle());
}

/** The scripts a document runs after the bundle: a runner page's, an agent's. */
export const ENTRY_SCRIPTS = ['start.js', 'agent.js'] as const;

/** `<script>` tags for the runtime bundle, then `main` (start.js or agent.js). */
export function runtimeScriptTags(main: (typeof ENTRY_SCRIPTS)[number]): string {
  return `<script src="${runtimeBundle().path}"></script>\n<script src="${opPath.runtime(main)}"></script>`;
}

let agent: string | undefined;

/** The document every agent frame or popup gets: runtime only; it learns its job by postMessage or URL. */
export function agentDocument(): string {
  agent ??= `<!doctype html><meta charset="utf-8"><title>originproof agent</title>
<p id="op-agent-marker">agent</p>
${runtimeScriptTags('agent.js')}`;
  return agent;
}
