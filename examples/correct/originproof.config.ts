import { defineConfig } from '../../audit/config.ts';
import { exampleServer } from '../shared/network.ts';

export default defineConfig({
  ...exampleServer(import.meta.dirname, 4311),
  reads: [
    {
      endpoint: 'https://api.test/api/me',
      by: ['https://app.test'],
      credentials: true,
      methods: ['GET', 'PUT'],
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'originproof' },
    },
  ],
  isolated: [{ page: 'https://app.test/isolated', embeds: [{ url: 'https://api.test/widget.js', as: 'script' }] }],
  sameSiteOnly: [{ resource: 'https://api.test/avatar.png', as: 'img' }],
  notFramed: [{ page: 'https://app.test/account' }],
});
