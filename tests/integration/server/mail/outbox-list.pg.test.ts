import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../../drizzle/schema';
import { MAIL_PAGE_SIZE, type MailList } from '../../../../sync/protocol/mail';
import { drivers } from '../../../support/test-database';
import { startTestApp, type TestApp, type TestClient } from '../../../support/test-app';

describe.each(drivers)('the admin outbox list, a page at a time, on %s', (driver) => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startTestApp(driver);
    admin = (await t.signedIn('admin')).client;
  });
  afterAll(() => t.close());

  const everything = async (query: string) => {
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await admin.request('GET', `/api/admin/mail?${query}${before ? `&before=${before}` : ''}`);
      expect(res.status).toBe(200);
      const list = res.body as MailList;
      expect(list.mails.length).toBeLessThanOrEqual(MAIL_PAGE_SIZE);
      seen.push(...list.mails.map((m) => m.id));
      if (!list.hasMore) return seen;
      before = list.mails.at(-1)?.id;
    }
    throw new Error('too many pages');
  };

  it('reaches every mail, each once, newest first, even when many were written in the same instant', async () => {
    const now = new Date();
    const older = new Date(now.getTime() - 60_000);
    // More than one page, and more than the 500 the list used to stop at.
    const rows = Array.from({ length: 520 }, (_, i) => ({
      kind: 'schedule',
      toEmail: `tech${i}@example.com`,
      subject: `Mail ${i}`,
      textBody: '-',
      status: i % 3 === 0 ? ('failed' as const) : ('sent' as const),
      // One transaction's worth of mail shares one created_at.
      createdAt: i < 200 ? now : older,
    }));
    const inserted = await t.database.db.insert(mailOutbox).values(rows).returning({ id: mailOutbox.id, createdAt: mailOutbox.createdAt, status: mailOutbox.status });
    const all = await everything('');
    expect(all).toHaveLength(inserted.length);
    expect(new Set(all).size).toBe(all.length);
    // The 200 newest come before the 320 older ones.
    const olderIds = new Set(inserted.filter((r) => r.createdAt.getTime() === older.getTime()).map((r) => r.id));
    expect(olderIds.size).toBe(320);
    expect(all.slice(200).every((id) => olderIds.has(id))).toBe(true);

    const failed = await everything('status=failed');
    expect(failed.sort()).toEqual(inserted.filter((r) => r.status === 'failed').map((r) => r.id).sort());
  });

  it('a page after a mail that is gone is a 404; a bad cursor is a 400', async () => {
    expect((await admin.request('GET', `/api/admin/mail?before=${crypto.randomUUID()}`)).code).toBe('not_found');
    expect((await admin.request('GET', '/api/admin/mail?before=yesterday')).code).toBe('invalid');
  });
});
