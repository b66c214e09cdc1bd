import type { Config } from '../config/config';
import type { Db } from '../db/database';
import { sendgridTransport } from './sendgrid';
import { MailWorker } from './worker';

/**
 * The delivery worker for this configuration, or null when no SENDGRID_API_KEY is set: then nothing
 * is sent and the outbox keeps every mail (shown to admins at /dev/mail).
 */
export function mailWorkerFor(db: Db, config: Config): MailWorker | null {
  if (!config.sendgridApiKey || !config.mailFrom) return null;
  const claimMs = config.mailClaimSeconds * 1000;
  // A send must end (answer or time-out) well before its claim does, or a second server could take it over.
  const timeoutMs = Math.min(30_000, claimMs / 2);
  const transport = sendgridTransport({ apiKey: config.sendgridApiKey, baseUrl: config.sendgridBaseUrl, from: config.mailFrom, timeoutMs });
  return new MailWorker(db, { transport, claimMs });
}
