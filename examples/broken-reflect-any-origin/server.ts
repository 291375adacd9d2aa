/** Planted mistake: `origin: true` reflects whatever Origin asks, and with credentials any site reads the logged-in user. */
import { serveFromCommandLine, type ExampleServer } from '../shared/app.ts';

export const server: ExampleServer = { cors: { origin: true, credentials: true } };

await serveFromCommandLine(server, import.meta.filename);
