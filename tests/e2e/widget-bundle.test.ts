/**
 * One engine for an app that bundles `helpline` and `helpline/widget`: dist/widget.js imports the engine from
 * 'helpline' (the package's public entry) and carries no copy of it. Needs the build (`npx rollup -c`), like the
 * other suites here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rollup } from 'rollup';
import { root } from '../helpers.js';

const dist = (f: string) => join(root, 'dist', f);
/** A line only createBot's own code has (src/bot/create-bot.ts): each copy of the engine has it once. */
const CREATE_BOT = 'createBot: hours';

describe('the engine in dist/widget.js', () => {
  it('is imported from helpline, not copied', () => {
    if (!existsSync(dist('widget.js'))) throw new Error('dist/widget.js is missing: run `npx rollup -c` first');
    const code = readFileSync(dist('widget.js'), 'utf8');
    expect(code).toMatch(/^import \{[^}]*\bcreateBot\b[^}]*\} from 'helpline';$/m);
    expect(code).not.toContain(CREATE_BOT);
    // nor the engine's dependencies
    expect(code).not.toMatch(/from 'minisearch'|from 'natural'/);
  });

  it('an app importing both bundles one createBot', async () => {
    const app = '\0app';
    const bundle = await rollup({
      input: app,
      plugins: [
        {
          name: 'app-and-package',
          resolveId(id) {
            if (id === app) return app;
            if (id === 'helpline') return dist('index.js');
            if (id === 'helpline/widget') return dist('widget.js');
            // the package's own chunks; every other dependency is the app's bundler's business
            return id.startsWith('.') ? null : { id, external: true };
          },
          load: (id) =>
            id === app ? "import { createBot } from 'helpline'; import { HelplineChat } from 'helpline/widget'; console.log(createBot, HelplineChat);" : null,
        },
      ],
      onwarn: () => {},
    });
    const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
    await bundle.close();
    const code = output.map((c) => ('code' in c ? c.code : '')).join('\n');
    expect(code.split(CREATE_BOT).length - 1).toBe(1);
    expect(code).toContain('customElements.define');
  });
});
