/**
 * Planted mistake: `Access-Control-Allow-Headers: *` for a bearer-token API. The Fetch standard
 * never lets `*` cover Authorization (#cors-preflight-fetch step 7.6): it must be listed by name.
 */
import { serveFromCommandLine, type ExampleServer } from '../shared/app.ts';

export const server: ExampleServer = { cors: { origin: 'https://app.test', methods: ['GET', 'PUT'], allowedHeaders: '*' } };

await serveFromCommandLine(server, import.meta.filename);
