import { defineConfig } from '../../audit/config.ts';
import { exampleServer } from '../shared/network.ts';

export default defineConfig({
  ...exampleServer(import.meta.dirname, 4316),
  reads: [{ endpoint: 'https://api.test/api/me', by: ['https://app.test'], credentials: true, headers: { 'X-CSRF-Token': 'originproof' } }],
});
