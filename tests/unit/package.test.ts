/**
 * The package as a user installs it: what `files` ships, where `exports` point, that the README's and docs' links
 * work from the published tarball, and that the front matter's JSON Schema accepts the sample knowledge base.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, relative } from 'node:path';
import { parse } from 'yaml';
import { root } from '../helpers.js';
import { ID_PATTERN } from '../../src/knowledge/article.js';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** Files npm always ships, whatever `files` says. */
const ALWAYS = ['package.json', 'README.md', 'LICENSE'];
const shipped = (file: string) => ALWAYS.includes(file) || (pkg.files as string[]).some((f) => file === f || file.startsWith(f.replace(/\/$/, '') + '/'));

/** Every string target of the `exports` map. */
function targets(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  return Object.values(node as Record<string, unknown>).flatMap(targets);
}

describe('the published package', () => {
  it('has the metadata a registry page and a git install need', () => {
    expect(pkg).toMatchObject({ license: 'MIT', type: 'module', repository: expect.any(String), homepage: expect.any(String), bugs: expect.anything() });
    expect(pkg.keywords.length).toBeGreaterThan(3);
    expect(pkg.engines.node).toBe('>=20');
    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 Helpline contributors\n/);
  });

  it('exports files that exist and are shipped, among them the script-tag file, the schema and package.json', () => {
    expect(Object.keys(pkg.exports)).toEqual(
      expect.arrayContaining(['.', './node', './widget', './helpline.js', './package.json', './knowledge-format.schema.json']),
    );
    for (const target of targets(pkg.exports)) {
      const file = normalize(target.replace('*', ''));
      expect(shipped(file), `${target} is not in "files"`).toBe(true);
      if (!target.includes('*') && !target.startsWith('./dist/')) expect(existsSync(join(root, file)), target).toBe(true);
    }
  });

  it('keeps the SDK entry to the SDK: internals are in helpline/internal, with no stability promise', async () => {
    const sdk = Object.keys(await import('../../src/index.js')).sort();
    expect(sdk).toEqual(
      [
        'BOT_EVENTS',
        'MANIFEST_FILE',
        'MAX_MESSAGE',
        'PACK_VERSION',
        'PackError',
        'checkHours',
        'createBot',
        'createRedactor',
        'isOpen',
        'loadPack',
        'nextOpening',
        'redactSecrets',
      ].sort(),
    );
    const internal = Object.keys(await import('../../src/internal.js'));
    expect(internal).toEqual(expect.arrayContaining(['detectLanguage', 'detectFrustration', 'messages', 'safeUrl']));
    expect(internal.filter((name) => sdk.includes(name))).toEqual([]);
    expect(pkg.exports['./internal'].import.default).toBe('./dist/internal.js');
  });

  it("refuses require('helpline') with an error that says to use import", () => {
    const require = createRequire(join(root, 'package.json'));
    expect(() => require(join(root, pkg.exports['.'].require.default))).toThrow(/helpline is an ES module.*import/);
  });

  it('has README and docs links that work from the tarball: relative ones point at shipped files', () => {
    for (const doc of [
      'README.md',
      ...readdirSync(join(root, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ]) {
      const text = readFileSync(join(root, doc), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const file = relative(root, join(root, dirname(doc), target.split('#')[0]));
        expect(existsSync(join(root, file)), `${doc}: ${target} does not exist`).toBe(true);
        expect(shipped(file), `${doc}: ${target} is not in the package's "files": link to the repository instead`).toBe(true);
      }
    }
  });
});

describe('schema/article.schema.json', () => {
  const schema = JSON.parse(readFileSync(join(root, 'schema', 'article.schema.json'), 'utf8'));

  /** The subset of JSON Schema the file uses: type, required, additionalProperties, pattern, enum, items, minLength. */
  function errors(value: unknown, s: Record<string, any>, at = ''): string[] {
    const out: string[] = [];
    if (s.enum && !s.enum.includes(value)) out.push(`${at}: not one of ${s.enum.join(', ')}`);
    if (s.type === 'string') {
      if (typeof value !== 'string') return [`${at}: not a string`];
      if (s.pattern && !new RegExp(s.pattern).test(value)) out.push(`${at}: does not match ${s.pattern}`);
      if (s.minLength && value.length < s.minLength) out.push(`${at}: too short`);
    }
    if (s.type === 'boolean' && typeof value !== 'boolean') out.push(`${at}: not a boolean`);
    if (s.type === 'array') {
      if (!Array.isArray(value)) return [`${at}: not a list`];
      value.forEach((v, i) => out.push(...errors(v, s.items, `${at}[${i}]`)));
    }
    if (s.type === 'object') {
      if (!value || typeof value !== 'object') return [`${at}: not an object`];
      for (const key of s.required ?? []) if (!(key in value)) out.push(`${at}: missing ${key}`);
      for (const [key, v] of Object.entries(value)) {
        if (s.properties[key]) out.push(...errors(v, s.properties[key], `${at}.${key}`));
        else if (s.additionalProperties === false) out.push(`${at}: unknown field ${key}`);
      }
    }
    return out;
  }

  it('accepts the front matter of every sample article', () => {
    let articles = 0;
    for (const entry of readdirSync(join(root, 'knowledge'), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
      const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
      const front = parse(text.split(/^---$/m)[1]);
      expect(errors(front, schema), join(entry.parentPath, entry.name)).toEqual([]);
      articles++;
    }
    expect(articles).toBeGreaterThan(100);
  });

  it("uses the engine's own id and language patterns (one rule, checked in both places)", () => {
    expect(schema.properties.id.pattern).toBe(ID_PATTERN.source);
    expect(schema.properties.category.pattern).toBe(ID_PATTERN.source);
  });

  it('refuses what the contract refuses', () => {
    expect(errors({ title: 'x' }, schema)).toEqual([': missing id']);
    expect(errors({ id: 'Bad_Id', title: 'x' }, schema)).toHaveLength(1);
    expect(errors({ id: 'a', title: 'x', titel: 'typo' }, schema)).toEqual([': unknown field titel']);
    expect(errors({ id: 'a', title: 'x', priority: 'soon' }, schema)).toHaveLength(1);
    expect(errors({ id: 'a', title: 'x', url: 'javascript:alert(1)', featured: true }, schema)).toHaveLength(1);
    expect(errors({ id: 'a', title: 'x', url: 'https://help.example.com/a', featured: true, questions: ['q'], lang: 'zh-TW' }, schema)).toEqual([]);
  });
});
