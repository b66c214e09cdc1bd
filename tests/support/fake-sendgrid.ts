import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for SendGrid's `POST /v3/mail/send`, for tests that drive the real
 * @sendgrid/mail client. Every request is recorded; the answer comes from `respond`, which may
 * also hold a request unanswered (to stand for a server killed mid-send).
 */

export interface ReceivedMail {
  authorization: string | undefined;
  body: {
    from: { email: string };
    subject: string;
    personalizations: { to: { email: string }[] }[];
    content: { type: string; value: string }[];
    custom_args?: Record<string, string>;
  };
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer (the connection stays open until the client goes away). */
  hold?: boolean;
  /** Answer after this long. */
  delayMs?: number;
}

export class FakeSendgrid {
  readonly received: ReceivedMail[] = [];
  respond: (mail: ReceivedMail, index: number) => Answer = () => ({ status: 202 });
  private readonly server: Server;
  private readonly held: ServerResponse[] = [];

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Outbox ids of the mails received, in order (from custom_args). */
  outboxIds(): string[] {
    return this.received.map((m) => m.body.custom_args?.outbox_id ?? '');
  }

  async waitFor(count: number, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`fake SendGrid got ${this.received.length} of ${count} mails`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    if (req.method !== 'POST' || req.url !== '/v3/mail/send') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: `no route ${req.method} ${req.url}` }] }));
      return;
    }
    const mail: ReceivedMail = { authorization: req.headers.authorization, body: JSON.parse(raw) as ReceivedMail['body'] };
    const index = this.received.push(mail) - 1;
    const answer = this.respond(mail, index);
    if (answer.hold) {
      this.held.push(res);
      return;
    }
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }
}
