/** Reads Server-Sent Events from a fetch Response, for tests. */
export class SseReader {
  private buffer = '';
  private readonly events: { event: string; data: string }[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  constructor(response: Response) {
    if (!response.body) throw new Error('no body');
    this.reader = response.body.getReader();
  }

  /** Waits for the next event of the given type (skipping others) or fails after `timeoutMs`. */
  async next(type: string, timeoutMs = 2_000): Promise<{ event: string; data: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex((e) => e.event === type);
      if (index >= 0) return this.events.splice(index, 1)[0] as { event: string; data: string };
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} event within ${timeoutMs} ms`);
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), left)),
      ]);
      if (chunk === null) continue;
      if (chunk.done) throw new Error('event stream ended');
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = this.buffer.indexOf('\n\n')) >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const event = /^event: ?(.*)$/m.exec(block)?.[1];
        const data = [...block.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join('\n');
        if (event) this.events.push({ event, data });
      }
    }
  }

  /** Drops events received so far. */
  clear(): void {
    this.events.length = 0;
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }
}
