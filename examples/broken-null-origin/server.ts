/** Planted mistake: "null" on the allow-list, so any sandboxed frame (Origin: null) reads the logged-in user. */
import { serveFromCommandLine, type ExampleServer } from '../shared/app.ts';

export const server: ExampleServer = { cors: { origin: ['https://app.test', 'null'], credentials: true } };

await serveFromCommandLine(server, import.meta.filename);
