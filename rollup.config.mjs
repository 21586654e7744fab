import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const deps = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})];
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
/**
 * The widget imports the engine as 'helpline', the package's public entry: dist/widget.js leaves it to the app's
 * bundler (one engine for an app that imports helpline and helpline/widget); the script-tag files bundle its source.
 */
const ENGINE = fileURLToPath(new URL('./src/index.ts', import.meta.url));
const engineSource = () => ({ name: 'engine-source', resolveId: (source) => (source === 'helpline' ? ENGINE : null) });
const warn = (w, next) => (w.code === 'CIRCULAR_DEPENDENCY' && w.ids?.every((i) => i.includes('node_modules')) ? undefined : next(w));

const configs = [
  {
    // serve-worker: `helpline serve` builds in a worker thread, which loads this file on its own.
    input: { index: 'src/index.ts', internal: 'src/internal.ts', node: 'src/node/index.ts', cli: 'src/cli/main.ts', 'serve-worker': 'src/cli/serve-worker.ts' },
    output: { dir: 'dist', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    external,
    // natural is a build-time dependency: its three stemmers and stop-word lists are bundled here, so installing
    // helpline does not install natural's database clients.
    plugins: [resolve({ preferBuiltins: true }), commonjs(), ts()],
    onwarn: warn,
  },
];

/** The widget code's hashed name, from its build to the loader's (rollup builds the configs in order). */
let widgetChunk;
/** Its UI strings' chunks per language (widget/locales/<lang>.ts), which the loader fetches beside it. */
let localeChunks = {};
const LOCALE_MODULE = /[\\/]widget[\\/]locales[\\/]([a-z-]+)\.ts$/;
/** The widget code's files in dist/: helpline-widget.<hash>.js and the chunks it imports on demand (helpline-api-bot.<hash>.js). */
const WIDGET_CHUNK = /^helpline-[a-z-]+\.[\w-]+\.js$/;
/**
 * Chromium keeps a failed dynamic import failed for the page's life (its module map caches the error, 150 does):
 * a chunk that could not load while offline would never load after. Each dynamic import of the browser files
 * tries the URL, then a fresh one (`?retry=<time>`) that no cache has seen. Importers that keep state hold on to
 * their module's promise once it resolved (widget/chatwoot-link.ts), so a retry cannot make a second instance.
 */
const RETRY_IMPORT = '((u)=>import(u).catch(()=>import(u+(u.includes("?")?"&":"?")+"retry="+Date.now())))';
const importAgain = () => ({
  name: 'import-again',
  renderDynamicImport: ({ targetModuleId }) =>
    // a chunk of this build: its relative name, resolved against this chunk's URL as import() itself would
    targetModuleId ? { left: `${RETRY_IMPORT}(new URL(`, right: ', import.meta.url).href)' } : { left: `${RETRY_IMPORT}(`, right: ')' },
});
const minify = () => terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } });

if (existsSync('widget/index.ts')) {
  configs.push(
    {
      // The widget code the script-tag loader imports: content-hashed, so a CDN may cache it forever.
      input: 'widget/widget-chunk.ts',
      output: {
        dir: 'dist',
        format: 'es',
        entryFileNames: 'helpline-widget.[hash].js',
        chunkFileNames: (c) => (LOCALE_MODULE.test(c.facadeModuleId ?? '') ? 'helpline-locale-[name].[hash].js' : 'helpline-[name].[hash].js'),
      },
      // terser squeezes ~2 KB gzip more than esbuild's minifier from the script-tag file (bench/RESULTS.md).
      plugins: [
        engineSource(),
        deferWordLists(),
        resolve({ browser: true }),
        commonjs(),
        ts(),
        importAgain(),
        minify(),
        {
          name: 'widget-chunk-name',
          generateBundle(_, bundle) {
            const chunks = Object.values(bundle).filter((f) => f.type === 'chunk');
            widgetChunk = chunks.find((f) => f.isEntry).fileName;
            localeChunks = Object.fromEntries(
              chunks.filter((f) => LOCALE_MODULE.test(f.facadeModuleId ?? '')).map((f) => [LOCALE_MODULE.exec(f.facadeModuleId)[1], f.fileName]),
            );
          },
          // Older builds' chunks would pile up in dist/ (and in the npm package).
          writeBundle(_, bundle) {
            for (const f of readdirSync('dist')) if (WIDGET_CHUNK.test(f) && !(f in bundle)) rmSync(`dist/${f}`);
          },
        },
      ],
      onwarn: warn,
    },
    {
      // The script-tag file: the loader, a few KB, which draws the launcher and imports the widget code.
      input: 'widget/script-tag.ts',
      output: { file: 'dist/helpline.js', format: 'iife', name: 'HelplineBundle' },
      // The loader takes a few small functions and the event names from the engine (src/): nothing there runs at
      // import for it, so the stemmers (CommonJS, kept whole by default) and word lists the engine's modules pull
      // in are left out (26 KB gzip of a 12 KB budget).
      treeshake: { moduleSideEffects: (id) => !/[\\/](src|node_modules)[\\/]/.test(id) },
      plugins: [
        {
          name: 'widget-chunk-import',
          resolveId: (id) => (id === 'helpline:widget-chunk' ? '\0helpline:widget-chunk' : null),
          load(id) {
            if (id !== '\0helpline:widget-chunk') return null;
            if (!widgetChunk) this.error('the widget code must be built before the loader (rollup.config.mjs order)');
            return `export const WIDGET_CHUNK = ${JSON.stringify(widgetChunk)}; export const LOCALE_CHUNKS = ${JSON.stringify(localeChunks)};`;
          },
        },
        engineSource(),
        resolve({ browser: true }),
        commonjs(),
        ts(),
        importAgain(),
        minify(),
      ],
      onwarn: warn,
    },
    {
      input: 'widget/index.ts',
      output: { file: 'dist/widget.js', format: 'esm', inlineDynamicImports: true },
      external: (id) => id === 'helpline' || external(id),
      plugins: [deferWordLists(), resolve({ browser: true }), commonjs(), ts()],
      onwarn: warn,
    },
  );
}

export default configs;
