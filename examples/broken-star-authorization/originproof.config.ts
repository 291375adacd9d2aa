import { defineConfig } from '../../audit/config.ts';
import { exampleServer } from '../shared/network.ts';

export default defineConfig({
  ...exampleServer(import.meta.dirname, 4315),
  reads: [{ endpoint: 'https://api.test/api/me', by: ['https://app.test'], headers: ['Authorization'] }],
});
