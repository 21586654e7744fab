import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const deps = Object.keys(pkg.dependencies);
/** Node and bundler builds leave dependencies to the installer; only the script-tag file carries them. */
const external = (id) => id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(d + '/'));
const ts = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' });
/**
 * The browser files have no room for the BIP39 lists (17 KB gzip against a 60 KB budget): there
 * src/safety/bip39-deferred.ts stands in for the data, and the lists arrive with the pack (src/safety/word-lists.ts).
 */
const DEFERRED_LISTS = fileURLToPath(new URL('./src/safety/bip39-deferred.ts', import.meta.url));
const deferWordLists = () => ({
  name: 'defer-word-lists',
  resolveId: (source, importer) => (importer && /[\\/]src[\\/]safety[\\/]/.test(importer) && /^\.\/bip39-data(\.js)?$/.test(source) ? DEFERRED_LISTS : null),
});
const warn = (w, next) => (w.code === 'CIRCULAR_DEPENDENCY' && w.ids?.every((i) => i.includes('node_modules')) ? undefined : next(w));

const configs = [
  {
    // serve-worker: `helpline serve` builds in a worker thread, which loads this file on its own.
    input: { index: 'src/index.ts', node: 'src/node/index.ts', cli: 'src/cli/main.ts', 'serve-worker': 'src/cli/serve-worker.ts' },
    output: { dir: 'dist', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    external,
    // natural is a build-time dependency: its three stemmers and stop-word lists are bundled here, so installing
    // helpline does not install natural's database clients.
    plugins: [resolve({ preferBuiltins: true }), commonjs(), ts()],
    onwarn: warn,
  },
];

if (existsSync('widget/index.ts')) {
  configs.push(
    {
      input: 'widget/script-tag.ts',
      output: { file: 'dist/helpline.js', format: 'iife', name: 'HelplineBundle' },
      // terser squeezes ~2 KB gzip more than esbuild's minifier from the script-tag file (bench/RESULTS.md).
      plugins: [deferWordLists(), resolve({ browser: true }), commonjs(), ts(), terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } })],
      onwarn: warn,
    },
    {
      input: 'widget/index.ts',
      output: { file: 'dist/widget.js', format: 'esm' },
      external,
      plugins: [deferWordLists(), resolve({ browser: true }), commonjs(), ts()],
      onwarn: warn,
    },
  );
}

export default configs;
