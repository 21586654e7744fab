/**
 * Text on the accent colour (header, launcher, send, the user's bubbles) is black or white, whichever contrasts
 * more with the accent the page chose (data-accent or --helpline-accent): AA on any accent. Shared by the
 * widget and the loader's launcher, which shows before the widget code arrives.
 */
export function pickOnAccent(host: HTMLElement, swatch: Element | null | undefined): void {
  const m = swatch && /rgba?\((\d+)[, ]+(\d+)[, ]+(\d+)/.exec(getComputedStyle(swatch).backgroundColor);
  if (!m) return;
  const [r, g, b] = m.slice(1).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // contrast with white is 1.05 / (lum + 0.05), with #111827 (luminance 0.0089) (lum + 0.05) / 0.0589
  const on = 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.0589 ? '#ffffff' : '#111827';
  if (host.style.getPropertyValue('--_auto-on-accent') !== on) host.style.setProperty('--_auto-on-accent', on);
}
