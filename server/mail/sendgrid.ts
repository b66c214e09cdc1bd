import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';

/*
 * Delivery through SendGrid's v3 API (POST /v3/mail/send) with the official client. The outcome
 * follows api.md: 2xx sent; 429, 5xx and network errors are worth another try; any other 4xx is
 * final, with SendGrid's own error text kept for the admin.
 */

export interface OutgoingMail {
  /** The outbox id: sent as `custom_args.outbox_id`, so a resend after a crash can be recognised. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type SendOutcome =
  | { kind: 'sent'; status: number }
  | { kind: 'retry'; status: number | null; error: string; retryAfterMs?: number }
  /** status null: refused before reaching SendGrid (the recipient can no longer be mailed). */
  | { kind: 'failed'; status: number | null; error: string };

export interface MailTransport {
  send(mail: OutgoingMail): Promise<SendOutcome>;
}

export interface SendgridOptions {
  apiKey: string;
  /** SENDGRID_BASE_URL, without a trailing slash. */
  baseUrl: string;
  from: string;
  timeoutMs: number;
}

interface SendgridErrorBody {
  errors?: { message?: string; field?: string | null }[];
}

/** SendGrid's own words for a refusal ("The from address does not match a verified Sender Identity…"). */
function errorText(status: number, statusText: string, body: unknown): string {
  const errors = (body as SendgridErrorBody | null)?.errors;
  const said = Array.isArray(errors)
    ? errors.map((e) => [e.message, e.field ? `(field: ${e.field})` : ''].filter(Boolean).join(' ')).filter(Boolean)
    : [];
  if (said.length) return `${status}: ${said.join('; ')}`;
  if (typeof body === 'string' && body.trim()) return `${status}: ${body.trim().slice(0, 500)}`;
  return `${status} ${statusText}`.trim();
}

function retryAfterMs(headers: Record<string, unknown> | undefined): number | undefined {
  const value = headers?.['retry-after'];
  const seconds = Number(value);
  if (typeof value === 'string' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return undefined;
}

interface ResponseErrorShape {
  code: number;
  message: string;
  response: { headers?: Record<string, unknown>; body?: unknown };
}

const isResponseError = (e: unknown): e is ResponseErrorShape =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number' && 'response' in e;

export function classifySendError(error: unknown): SendOutcome {
  if (isResponseError(error)) {
    const status = error.code;
    const text = errorText(status, error.message, error.response.body);
    if (status === 429 || status >= 500) {
      const after = retryAfterMs(error.response.headers);
      return { kind: 'retry', status, error: text, ...(after === undefined ? {} : { retryAfterMs: after }) };
    }
    return { kind: 'failed', status, error: text };
  }
  // No answer at all: refused connection, reset, DNS, time-out. SendGrid may or may not have it;
  // the outbox id in custom_args lets a duplicate be recognised.
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'retry', status: null, error: typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message };
}

export function sendgridTransport(options: SendgridOptions): MailTransport {
  const client = new Client();
  client.setApiKey(options.apiKey);
  // setApiKey sets the base URL back to the region's host (@sendgrid/client 8.1.6,
  // src/classes/client.js), so ours must come after it.
  client.setDefaultRequest('baseUrl', `${options.baseUrl}/`);
  const service = new MailService();
  service.setClient(client);
  service.setTimeout(options.timeoutMs);
  return {
    async send(mail) {
      try {
        const [response] = await service.send({
          to: mail.to,
          from: options.from,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          customArgs: { outbox_id: mail.id },
        });
        return { kind: 'sent', status: response.statusCode };
      } catch (error) {
        return classifySendError(error);
      }
    },
  };
}
