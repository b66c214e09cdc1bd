import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { authThrottle, mailOutbox } from '../../drizzle/schema';
import { RESTORED_MAIL_HELD } from '../../server/backup/restore-backup';
import { BACKUP_TABLE_NAMES, backupTables } from '../../server/backup/backup-tables';
import type { Database, Db } from '../../server/db/database';
import { SyncDevice } from './sync-client';
import type { TestApp, TestClient } from './test-app';

/**
 * Puts rows in every table a backup holds, through sync where the data is synced: updates (field
 * versions and writers), a conflict (sync_conflicts, conflict history), deletes (tombstones), a
 * comment, a throttled sign-in and a queued mail. Returns the admin's device.
 */
export async function seedEveryTable(t: TestApp): Promise<{ admin: SyncDevice; technicianId: string }> {
  const admin = await t.signedIn('admin');
  const tech = await t.signedIn('technician');
  const a = new SyncDevice(admin.client);
  const b = new SyncDevice(tech.client);
  const location = crypto.randomUUID();
  const category = crypto.randomUUID();
  const ticket = crypto.randomUUID();
  await a.do('location.create', { id: location, name: 'Depot', address: '1 Main St', timezone: 'Europe/Berlin' });
  await a.do('category.create', { id: category, name: 'Network' });
  await a.do('quickLink.create', { id: crypto.randomUUID(), title: 'Wiki', url: 'https://wiki.example.com' });
  const gone = crypto.randomUUID();
  await a.do('quickLink.create', { id: gone, title: 'Old', url: 'https://old.example.com' });
  await a.do('quickLink.delete', { id: gone, baseVersion: 0 });
  await b.do('schedule.create', {
    id: crypto.randomUUID(),
    technicianId: tech.userId,
    locationId: location,
    start: '2026-03-09T08:00:00.000Z',
    end: '2026-03-09T16:00:00.000Z',
    note: 'Früh',
  });
  await b.do('timeOff.create', { id: crypto.randomUUID(), technicianId: tech.userId, startDate: '2026-04-01', endDate: '2026-04-03', kind: 'vacation' });
  await a.do('ticket.create', { id: ticket, title: 'Printer jam', priority: 'high', categoryId: category, locationId: location, assigneeId: tech.userId });
  await a.do('ticket.update', { id: ticket, baseVersion: 0, patch: { title: 'Printer jam, floor 2' } });
  // The technician edits from the version before: the title is a conflict, kept in history.
  await b.do('ticket.update', { id: ticket, baseVersion: 0, patch: { title: 'Printer jam (tray 2)' } });
  await b.do('comment.create', { id: crypto.randomUUID(), ticketId: ticket, body: 'On my way' });
  await a.do('profile.update', { patch: { theme: 'dark' } });
  await t.database.db.insert(authThrottle).values({ key: `email:${crypto.randomUUID()}@example.com`, failures: 2, windowStartedAt: new Date() });
  await t.database.db.insert(mailOutbox).values({ toEmail: 'tech@example.com', subject: 'Assigned', textBody: 'Printer jam', kind: 'ticket' });
  return { admin: a, technicianId: tech.userId };
}

/**
 * Every backed-up table's rows in primary-key order, as Drizzle reads them (so the same data reads
 * the same on PGlite and Postgres). Transaction ids are left out: they belong to one database.
 */
export async function tableSnapshot(db: Db): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const t of backupTables) {
    const fields = Object.fromEntries(t.columns.map((c) => [c.key, c.column]));
    const rows = await db.select(fields).from(t.table).orderBy(...t.primaryKey);
    snapshot[t.name] = JSON.parse(JSON.stringify(rows)) as unknown[];
  }
  return snapshot;
}

/** The tables the database has, as Postgres lists them (not as the code under test does). */
export async function databaseTables(database: Database): Promise<string[]> {
  const rows = await database.rows<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  return rows.map((r) => r.name);
}

export { BACKUP_TABLE_NAMES };

/**
 * What a restore gives back for backed-up tables: the same rows, but mail that was still waiting is
 * held (failed, saying why) rather than sent a second time.
 */
export function asRestored<T extends Record<string, unknown[] | undefined>>(tables: T): T {
  const mail = tables.mail_outbox as { status: string; lastError: string | null }[] | undefined;
  if (!mail) return tables;
  return { ...tables, mail_outbox: mail.map((m) => (m.status === 'queued' ? { ...m, status: 'failed', lastError: RESTORED_MAIL_HELD } : m)) };
}

/** A backup document as the tests read it. */
export type BackupDoc = { format: string; version: number; tables: Record<string, Record<string, unknown>[]> };

/** Downloads a backup through the admin API, as its text. */
export async function downloadBackup(client: TestClient): Promise<string> {
  const res = await client.request('GET', '/api/admin/backup');
  expect(res.status).toBe(200);
  return JSON.stringify(res.body);
}
