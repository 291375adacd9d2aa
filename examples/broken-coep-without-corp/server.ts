/** Planted mistake: the isolated page (COEP require-corp) embeds https://api.test/widget.js, which is served without Cross-Origin-Resource-Policy. */
import { serveFromCommandLine, type ExampleServer } from '../shared/app.ts';

export const server: ExampleServer = { cors: { origin: 'https://app.test' }, widgetHeaders: {} };

await serveFromCommandLine(server, import.meta.filename);
