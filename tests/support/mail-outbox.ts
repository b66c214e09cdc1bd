import { eq, sql } from 'drizzle-orm';
import { mailOutbox } from '../../drizzle/schema';
import type { Db } from '../../server/db/database';
import type { MailTransport, OutgoingMail } from '../../server/mail/sendgrid';
import { writeAllWaitingMail } from '../../server/mail/write-mail';
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
 * The mail the pushes so far warrant is written into the outbox, as the mail worker (or, without
 * SendGrid, the mail writer) does within a second of each push (server/mail/write-mail.ts). A
 * comment's mail waits for transactions older than its push, here too those of other databases on
 * the same PostgreSQL (other test files): tried again until every event is written.
 */
export async function mailWritten(db: Db): Promise<void> {
  if (!(await writeAllWaitingMail(db, 10_000))) throw new Error('mail events still waiting after 10 s');
}

/**
 * Time passes for the waiting mail: every queued row was written, and falls due, `seconds` earlier
 * (a minute and a bit by default, past MAIL_BATCH_SECONDS=60), as if the clock had moved on.
 */
export async function windowPasses(t: TestApp, seconds = 61): Promise<void> {
  await mailWritten(t.database.db);
  await t.database.db
    .update(mailOutbox)
    .set({
      createdAt: sql`${mailOutbox.createdAt} - make_interval(secs => ${seconds})`,
      nextAttemptAt: sql`${mailOutbox.nextAttemptAt} - make_interval(secs => ${seconds})`,
    })
    .where(eq(mailOutbox.status, 'queued'));
}
