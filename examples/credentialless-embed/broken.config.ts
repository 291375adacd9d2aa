import path from 'node:path';
import { defineConfig } from '../../audit/config.ts';
import { stackServer } from '../shared/network.ts';
import { INTENTS, ORIGINS } from './intents.ts';

export default defineConfig({
  ...stackServer({ origins: ORIGINS, command: `npx tsx ${path.join(import.meta.dirname, 'server.ts')}`, port: 4346, broken: true }),
  ...INTENTS,
});
