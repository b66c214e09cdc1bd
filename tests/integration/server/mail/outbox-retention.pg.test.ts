import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { mailAttempts, mailOutbox } from '../../../../drizzle/schema';
import { purgeOldMail } from '../../../../server/mail/retention';
import { drivers } from '../../../support/test-database';
import { startTestApp, type TestApp } from '../../../support/test-app';

const DAY = 24 * 3600_000;

describe.each(drivers)('purging old mail from the outbox on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(() => t.close());

  const mail = async (status: 'queued' | 'sent' | 'failed', ageDays: number) => {
    const at = new Date(Date.now() - ageDays * DAY);
    const [row] = await t.database.db
      .insert(mailOutbox)
      .values({ kind: 'schedule', toEmail: 'priya@example.com', subject: `${status} ${ageDays}d`, textBody: '-', status, createdAt: at, sentAt: status === 'sent' ? at : null, nextAttemptAt: at })
      .returning({ id: mailOutbox.id });
    if (!row) throw new Error('insert failed');
    await t.database.db.insert(mailAttempts).values({ mailId: row.id, number: 1, startedAt: at, outcome: status === 'queued' ? 'retry' : status });
    return row.id;
  };

  it('deletes sent and failed mail older than the limit, with its attempts, and never queued mail', async () => {
    const oldSent = await mail('sent', 31);
    const oldFailed = await mail('failed', 31);
    const oldQueued = await mail('queued', 400);
    const recentSent = await mail('sent', 29);
    const recentFailed = await mail('failed', 29);
    const ids = [oldSent, oldFailed, oldQueued, recentSent, recentFailed];

    expect(await purgeOldMail(t.database.db, 0)).toBe(0);
    expect(await t.database.db.$count(mailOutbox, inArray(mailOutbox.id, ids))).toBe(5);

    expect(await purgeOldMail(t.database.db, 30)).toBe(2);
    const left = await t.database.db.select({ id: mailOutbox.id }).from(mailOutbox).where(inArray(mailOutbox.id, ids));
    expect(left.map((r) => r.id).sort()).toEqual([oldQueued, recentSent, recentFailed].sort());
    const attemptsLeft = await t.database.db.select({ id: mailAttempts.mailId }).from(mailAttempts).where(inArray(mailAttempts.mailId, ids));
    expect(attemptsLeft.map((r) => r.id).sort()).toEqual([oldQueued, recentSent, recentFailed].sort());
    // A second run finds nothing more.
    expect(await purgeOldMail(t.database.db, 30)).toBe(0);
  });
});
