import path from 'node:path';
import { defineConfig } from '../../audit/config.ts';
import { stackServer } from '../shared/network.ts';
import { INTENTS, ORIGINS } from '../shared/stack-intents.ts';

// Debian's interpreter, where python3-flask and python3-flask-cors are installed.
export default defineConfig({
  ...stackServer({ origins: ORIGINS, command: `/usr/bin/python3 ${path.join(import.meta.dirname, 'server.py')}`, port: 4335 }),
  ...INTENTS,
});
