import { defineConfig } from '../../audit/config.ts';
import { exampleServer } from '../shared/network.ts';

export default defineConfig({
  ...exampleServer(import.meta.dirname, 4317),
  isolated: [{ page: 'https://app.test/isolated', embeds: [{ url: 'https://api.test/widget.js', as: 'script' }] }],
});
