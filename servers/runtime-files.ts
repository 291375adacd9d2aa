/**
 * The probe runtime's files (plain browser JS under servers/runtime/) and the two documents that
 * load them: the agent document (served as a declared response of kind `agent`) and the script
 * tags of a runner page.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { opPath } from '../protocol/paths.ts';

export const RUNTIME_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'runtime');

/** Runtime scripts in load order: core first, then every probe module. */
export function runtimeScripts(): string[] {
  const probes = fs
    .readdirSync(path.join(RUNTIME_DIR, 'probes'))
    .filter((f) => f.endsWith('.js'))
    .sort();
  return ['core.js', ...probes.map((f) => `probes/${f}`)];
}

/**
 * The whole runtime (core + every probe) as one script, named by its content hash and cached by
 * the browser: a frame costs one request for it instead of one per file, and the second frame of
 * an origin in a visit none (each visit is a fresh context, so nothing outlives it).
 */
function buildBundle(): { path: string; body: string } {
  const body = runtimeScripts()
    .map((s) => `// ---- ${s}\n${fs.readFileSync(path.join(RUNTIME_DIR, s), 'utf8')}`)
    .join('\n');
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { path: opPath.runtime(`bundle-${hash}.js`), body };
}
let bundle: { path: string; body: string } | undefined;
export function runtimeBundle(): { path: string; body: string } {
  return (bundle ??= buildBundle());
}

/** `<script>` tags for the runtime bundle, then `main` (start.js or agent.js). */
export function runtimeScriptTags(main: string): string {
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
