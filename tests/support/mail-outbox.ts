import { eq, sql } from 'drizzle-orm';
import { mailOutbox } from '../../drizzle/schema';
import type { MailTransport, OutgoingMail } from '../../server/mail/sendgrid';
import type { TestApp } from './test-app';

/** A transport that accepts every mail and keeps what it was given. */
export function recordingTransport(): MailTransport & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    sent,
    send: (mail) => {
      sent.push(mail);
      return Promise.resolve({ kind: 'sent', status: 202 });
    },
  };
}

/**
 * Time passes for the waiting mail: every queued row was written, and falls due, `seconds` earlier
 * (a minute and a bit by default, past MAIL_BATCH_SECONDS=60), as if the clock had moved on.
 */
export async function windowPasses(t: TestApp, seconds = 61): Promise<void> {
  await t.database.db
    .update(mailOutbox)
    .set({
      createdAt: sql`${mailOutbox.createdAt} - make_interval(secs => ${seconds})`,
      nextAttemptAt: sql`${mailOutbox.nextAttemptAt} - make_interval(secs => ${seconds})`,
    })
    .where(eq(mailOutbox.status, 'queued'));
}
