import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tickets } from '../../../../drizzle/schema';
import { drivers } from '../../../support/test-database';
import { startTestApp, type TestApp } from '../../../support/test-app';
import { latest, SyncDevice } from '../../../support/sync-client';

/*
 * Deleting a category leaves its tickets: the foreign key sets their category to none, and the
 * change-tracking trigger (a row trigger, which fires on the FK's own UPDATE too) turns that into a
 * new ticket version, so devices that hold the ticket learn it on their next pull.
 */
describe.each(drivers)('deleting a category on %s', (driver) => {
  let t: TestApp;
  let admin: SyncDevice;
  let tech: SyncDevice;

  beforeAll(async () => {
    t = await startTestApp(driver);
    admin = new SyncDevice((await t.signedIn('admin')).client);
    tech = new SyncDevice((await t.signedIn('technician')).client);
  });
  afterAll(() => t.close());

  it('leaves its tickets uncategorised and sends each of them to devices as a new version', async () => {
    const category = crypto.randomUUID();
    const kept = crypto.randomUUID();
    const filed = [crypto.randomUUID(), crypto.randomUUID()];
    const other = crypto.randomUUID();
    expect((await admin.do('category.create', { id: category, name: 'Plumbing', color: '#0f766e' })).status).toBe('applied');
    expect((await admin.do('category.create', { id: kept, name: 'Electrical' })).status).toBe('applied');
    for (const id of filed) expect((await tech.do('ticket.create', { id, title: 'Leak', priority: 'high', categoryId: category })).status).toBe('applied');
    expect((await tech.do('ticket.create', { id: other, title: 'Socket', priority: 'low', categoryId: kept })).status).toBe('applied');

    // The technician's device is up to date before the delete: what follows is news to it.
    const before = await tech.pullUntil((all) => [...filed, other].every((id) => latest(all, 'ticket', id)));
    const versionBefore = filed.map((id) => BigInt(String(latest(before, 'ticket', id)?.version)));
    expect(filed.map((id) => latest(before, 'ticket', id)?.categoryId)).toEqual([category, category]);

    const version = String((await admin.pullRow('category', category)).version);
    expect((await admin.do('category.delete', { id: category, baseVersion: version })).status).toBe('applied');

    const news = await tech.pullUntil((all) => latest(all, 'category', category) === null && filed.every((id) => latest(all, 'ticket', id)));
    expect(news.find((c) => c.entity === 'category' && c.id === category)).toMatchObject({ op: 'del' });
    for (const [i, id] of filed.entries()) {
      const change = news.find((c) => c.entity === 'ticket' && c.id === id);
      expect(change, `ticket ${i}`).toMatchObject({ op: 'put', row: { id, title: 'Leak', categoryId: null } });
      expect(BigInt(change?.version ?? '0')).toBeGreaterThan(versionBefore[i] ?? 0n);
    }
    // Tickets in other categories are not touched, so not sent again.
    expect(news.some((c) => c.entity === 'ticket' && c.id === other)).toBe(false);

    // The server's rows agree, and a device that starts from nothing gets them the same way.
    for (const id of filed) expect((await t.database.db.select().from(tickets).where(eq(tickets.id, id)))[0]?.categoryId).toBeNull();
    const fresh = new SyncDevice((await t.signedIn('technician')).client);
    const all = await fresh.pullUntil((changes) => [...filed, other].every((id) => latest(changes, 'ticket', id)));
    expect(filed.map((id) => latest(all, 'ticket', id)?.categoryId)).toEqual([null, null]);
    expect(latest(all, 'ticket', other)?.categoryId).toBe(kept);
    expect(latest(all, 'category', category)).toBeUndefined();
  });
});
