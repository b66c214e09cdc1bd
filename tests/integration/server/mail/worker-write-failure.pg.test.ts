import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailOutbox } from '../../../../drizzle/schema';
import { MailWorker } from '../../../../server/mail/worker';
import { writeWaitingMail } from '../../../../server/mail/write-mail';
import type { MailTransport } from '../../../../server/mail/sendgrid';
import type * as WriteMail from '../../../../server/mail/write-mail';
import { drivers } from '../../../support/test-database';
import { startTestApp, type TestApp } from '../../../support/test-app';

// Writing the mail that pushes left as events fails once (whatever the cause: a bad event, the
// database): the worker must still send what is already in the outbox.
vi.mock('../../../../server/mail/write-mail', async (original) => {
  const actual = await original<typeof WriteMail>();
  return { ...actual, writeWaitingMail: vi.fn(actual.writeWaitingMail) };
});

describe.each(drivers)('a mail worker whose writing of waiting mail fails, on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(() => t.close());

  it('still sends the mail already written, in the same round, and logs the failure', async () => {
    const [queued] = await t.database.db
      .insert(mailOutbox)
      .values({ kind: 'ticketAssigned', toEmail: 'priya@example.com', subject: 'Assigned to you: Boiler', textBody: 'Plain words', htmlBody: '<p>Plain words</p>' })
      .returning();
    if (!queued) throw new Error('insert failed');
    const transport: MailTransport = { send: () => Promise.resolve({ kind: 'sent', status: 202 }) };
    // Once per driver: the test app starts no mail writer of its own, so this round is the caller.
    vi.mocked(writeWaitingMail).mockRejectedValueOnce(new Error('writing failed'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await new MailWorker(t.database.db, { transport, claimMs: 5_000 }).round()).toBe(1);
    expect(logged).toHaveBeenCalledWith('Writing waiting mail failed:', expect.any(Error));
    const [after] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.id, queued.id));
    expect(after?.status).toBe('sent');
    logged.mockRestore();
  });
});
