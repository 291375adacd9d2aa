/** The correct configuration: only https://app.test reads the API, with credentials; isolation, CORP and framing as intended. */
import { serveFromCommandLine, type ExampleServer } from '../shared/app.ts';

export const server: ExampleServer = {
  cors: {
    origin: ['https://app.test'],
    credentials: true,
    methods: ['GET', 'PUT'],
    allowedHeaders: ['Content-Type', 'X-CSRF-Token'],
  },
};

await serveFromCommandLine(server, import.meta.filename);
