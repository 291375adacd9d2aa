// Lint: the recommended JS and TypeScript rules, plus browser globals for the probe runtime.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'playwright-report/', 'test-results/', 'results/', 'blob-report/', '.tmp/', 'wpt-export/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-empty-pattern': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'tests/selftest/fixtures/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  // The test project's server: CORS_OPTIONS is the line the install self-test writes in.
  { files: ['tests/selftest/fixtures/install/server.mjs'], languageOptions: { globals: { CORS_OPTIONS: 'readonly' } } },
  {
    files: ['servers/runtime/**/*.js', 'probes/*/runtime.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        location: 'readonly',
        navigator: 'readonly',
        fetch: 'readonly',
        XMLHttpRequest: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        Promise: 'readonly',
        localStorage: 'readonly',
        sessionStorage: 'readonly',
        indexedDB: 'readonly',
        Worker: 'readonly',
        WebSocket: 'readonly',
        Image: 'readonly',
        Blob: 'readonly',
        FormData: 'readonly',
        self: 'readonly',
        performance: 'readonly',
        OP: 'writable',
        BroadcastChannel: 'readonly',
        MessageChannel: 'readonly',
        HTMLCanvasElement: 'readonly',
        crypto: 'readonly',
        Response: 'readonly',
        SharedArrayBuffer: 'readonly',
        btoa: 'readonly',
        atob: 'readonly',
        parent: 'readonly',
        opener: 'readonly',
        top: 'readonly',
        WebAssembly: 'readonly',
        name: 'readonly',
      },
    },
  },
);
