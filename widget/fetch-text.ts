/** A download slower than this fails (the slow-link target is 6 s; this is for links that do not work at all). */
export const PACK_TIMEOUT_MS = 30_000;

/** Fetches a text with the timeout; an HTTP error is an error. Shared by the loader and the widget. */
export function fetchText(url: string): Promise<string> {
  return fetch(url, { credentials: 'same-origin', signal: AbortSignal.timeout(PACK_TIMEOUT_MS) }).then((res) => {
    if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
    return res.text();
  });
}
