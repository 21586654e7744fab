// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { html, render } from 'lit';
import { renderMarkdown, safeUrl } from '../../widget/markdown.js';
import { uiLanguage } from '../../widget/i18n.js';

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
