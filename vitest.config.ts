import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The widget imports the engine as 'helpline' (the package's own entry): in tests, its source.
  resolve: { alias: [{ find: /^helpline$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] },
  // The script-tag loader imports the hashed widget file's name from the build (rollup.config.mjs); tests that
  // load the loader define the element themselves, so any name does.
  plugins: [
    {
      name: 'widget-chunk-name',
      resolveId: (id: string) => (id === 'helpline:widget-chunk' ? '\0helpline:widget-chunk' : null),
      load: (id: string) =>
        id === '\0helpline:widget-chunk' ? 'export const WIDGET_CHUNK = "helpline-widget.test.js"; export const LOCALE_CHUNKS = {};' : null,
    },
  ],
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
