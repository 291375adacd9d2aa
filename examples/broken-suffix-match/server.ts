/** Planted mistake: the allow-list is a regular expression matching any origin that ends in "app.test" (https://evilapp.test too). */
import { serveFromCommandLine, type ExampleServer } from '../shared/app.ts';

export const server: ExampleServer = { cors: { origin: /app\.test$/, credentials: true } };

await serveFromCommandLine(server, import.meta.filename);
