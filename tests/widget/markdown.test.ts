// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { html, render } from 'lit';
import { renderMarkdown, safeUrl } from '../../widget/markdown.js';
import { uiLanguage } from '../../widget/i18n.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers.js';

/** An item's own text, without the lists nested in it. */
const ownText = (li: Element) => {
  const copy = li.cloneNode(true) as Element;
  copy.querySelectorAll('ul, ol').forEach((l) => l.remove());
  return copy.textContent!.trim();
};
const toDom = (md: string) => {
  const div = document.createElement('div');
  render(html`${renderMarkdown(md)}`, div);
  return div;
};

describe('renderMarkdown', () => {
  it('renders headings, lists, emphasis, code and safe links', () => {
    const div = toDom('## Steps\n1. Open **Assets**\n2. Check the `TXID`\n\n- see [guide](https://ex.com/g) and [home](/help)\n\nDone *now*.');
    expect(div.querySelector('h3')!.textContent).toBe('Steps');
    expect([...div.querySelectorAll('ol li')].map((li) => li.textContent)).toEqual(['Open Assets', 'Check the TXID']);
    expect(div.querySelector('a[href="https://ex.com/g"]')!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(div.querySelector('a[href="/help"]')!.getAttribute('target')).toBeNull();
    expect(div.querySelector('em')!.textContent).toBe('now');
  });

  it('nests lists by indentation, as the sample articles write them', () => {
    const div = toDom(readFileSync(join(root, 'knowledge/en/deposits/deposit-missing-memo.md'), 'utf8').split(/^---$/m)[2]);
    const steps = div.querySelector('ol')!;
    expect(steps.children).toHaveLength(4); // not flattened into 7 numbered items
    const nested = steps.children[2].querySelector('ul')!;
    expect(nested.parentElement).toBe(steps.children[2]);
    expect([...nested.children].map((li) => li.textContent)).toEqual([
      'the coin and network,',
      'the TXID,',
      'the amount and time,',
      'a screenshot of the withdrawal record from the sending platform that shows the TXID.',
    ]);
    expect(ownText(steps.children[2])).toBe('Provide:');
    expect(steps.children[3].textContent).toMatch(/^We'll match the transaction/);
  });

  it('renders three levels, ordered in unordered, a list continued after a blank line, and a start number', () => {
    const div = toDom('- a\n  1. a1\n     - a1x\n  2. a2\n\n- b\n\n3. third\n4. fourth');
    const top = div.querySelector('ul')!;
    expect([...top.children].map(ownText)).toEqual(['a', 'b']);
    expect(top.querySelector('ol > li > ul > li')!.textContent).toBe('a1x');
    expect(div.querySelector(':scope > ol')!.getAttribute('start')).toBe('3');
  });

  it('renders tables, fenced code and quotes, with every cell escaped', () => {
    const div = toDom(
      '| Coin | Fee |\n| --- | ---: |\n| **USDT** | 1 <b>x</b> |\n| BTC |\n\n```\n<script>alert(1)</script>\n  indented\n```\n\n> Never share your **2FA** code.',
    );
    expect([...div.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['Coin', 'Fee']);
    expect([...div.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent))).toEqual([
      ['USDT', '1 <b>x</b>'],
      ['BTC', ''],
    ]);
    expect(div.querySelector('td strong')!.textContent).toBe('USDT');
    expect(div.querySelector('pre code')!.textContent).toBe('<script>alert(1)</script>\n  indented');
    expect(div.querySelector('script, b')).toBeNull();
    expect(div.querySelector('blockquote strong')!.textContent).toBe('2FA');
  });

  it('never turns article text into markup or runnable links', () => {
    const div = toDom('<img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](data:text/html,hi) <script>alert(1)</script>');
    expect(div.querySelector('img, script')).toBeNull();
    expect(div.querySelectorAll('a')).toHaveLength(0);
    expect(div.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(safeUrl(' JavaScript:alert(1)')).toBeUndefined();
    expect(safeUrl('//evil.example')).toBeUndefined();
    expect(safeUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
  });
});

describe('uiLanguage', () => {
  it('follows data-lang, then the page, then the browser', () => {
    expect(uiLanguage('ko', 'en', ['ja'])).toBe('ko');
    expect(uiLanguage('auto', 'pt-BR', ['ja'])).toBe('pt');
    expect(uiLanguage(undefined, '', ['zh-Hant-TW', 'en'])).toBe('zh-TW');
    expect(uiLanguage(undefined, 'xx', ['tr-TR'])).toBe('tr');
    expect(uiLanguage(undefined, undefined, ['fi'])).toBe('en');
  });
});
