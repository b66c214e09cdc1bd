/** Reads Server-Sent Events from a fetch Response, for tests. */
export class SseReader {
  private buffer = '';
  private readonly events: { event: string; data: string }[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  /** A read that outlived its caller's timeout; the next caller takes it over, so no chunk is lost. */
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  private done = false;

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
      if (this.done) throw new Error('event stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} event within ${timeoutMs} ms`);
      await this.readFor(left);
    }
  }

  /** Reads until the server ends the stream; says whether it did within `timeoutMs`. */
  async ended(timeoutMs = 2_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.done) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.readFor(left);
    }
    return true;
  }

  /** Drops events received so far. */
  clear(): void {
    this.events.length = 0;
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }

  /** Takes in at most one chunk, waiting no longer than `ms`. */
  private async readFor(ms: number): Promise<void> {
    this.pending ??= this.reader.read();
    let timer: NodeJS.Timeout | undefined;
    const chunk = await Promise.race([this.pending, new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)))]);
    clearTimeout(timer);
    if (chunk === null) return;
    this.pending = undefined;
    if (chunk.done) {
      this.done = true;
      return;
    }
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
