/**
 * happy-dom has no EventSource: this one reads the stream with fetch (the same bytes a browser gets) and
 * calls `onmessage` per event. Enough for the widget's use (no reconnection); Chromium tests use the real one.
 */
export class FetchEventSource {
  onmessage: ((e: { data: string; lastEventId: string }) => void) | null = null;
  private readonly controller = new AbortController();

  constructor(readonly url: string) {
    void this.read();
  }

  private async read(): Promise<void> {
    try {
      const res = await fetch(this.url, { headers: { Accept: 'text/event-stream' }, signal: this.controller.signal });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data !== undefined) this.onmessage?.({ data, lastEventId: /^id: (.*)$/m.exec(block)?.[1] ?? '' });
        }
      }
    } catch {
      /* closed */
    }
  }

  close(): void {
    this.controller.abort();
  }
}
