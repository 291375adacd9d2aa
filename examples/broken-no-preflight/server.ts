/** Planted mistake: CORS headers on responses, but no preflight handling: an OPTIONS for the custom X-CSRF-Token header gets a 404. */
import { serveFromCommandLine, type ExampleServer } from '../shared/app.ts';

export const server: ExampleServer = { cors: { origin: 'https://app.test', credentials: true, preflight: false } };

await serveFromCommandLine(server, import.meta.filename);
