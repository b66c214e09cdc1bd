import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../../../server/backup/backup-document';
import { RESTORED_MAIL_HELD } from '../../../../server/backup/restore-backup';
import { readEpoch } from '../../../../server/sync/epoch';
import type { PushResponse } from '../../../../sync/protocol/push';
import { BACKUP_TABLE_NAMES, databaseTables, downloadBackup, seedEveryTable, tableSnapshot, type BackupDoc } from '../../../support/backup-fixtures';
import { seededRandom } from '../../../support/random';
import { SimulatedDevice } from '../../../support/simulated-device';
import { SYNC_HEADERS, SyncDevice } from '../../../support/sync-client';
import { useTestApp } from '../../../support/test-app';
import { drivers } from '../../../support/test-database';

describe.each(drivers)('backup and restore on %s', (driver) => {
  const t = useTestApp(driver);

  it('backs up every table but sessions, and a restore after a wipe gives back identical rows in every table', async () => {
    const { admin } = await seedEveryTable(t);
    expect([...BACKUP_TABLE_NAMES].sort()).toEqual((await databaseTables(t.database)).filter((n) => n !== 'sessions').sort());

    const res = await admin.http.request('GET', '/api/admin/backup');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="technician-scheduler-\d{8}T\d{9}Z\.json"$/);
    const doc = res.body as BackupDoc;
    expect(doc).toMatchObject({ format: BACKUP_FORMAT, version: BACKUP_VERSION });
    expect(Object.keys(doc.tables)).not.toContain('sessions');
    for (const name of BACKUP_TABLE_NAMES) expect(doc.tables[name], name).toBeInstanceOf(Array);
    expect(doc.tables.ticket_history?.length).toBeGreaterThan(0);
    expect(doc.tables.sync_conflicts?.length).toBeGreaterThan(0);
    expect(doc.tables.change_log?.some((e) => e.op === 'del')).toBe(true);
    const before = await tableSnapshot(t.database.db);
    const epochBefore = await readEpoch(t.database.db);

    // The disaster: every synced row deleted (leaving tombstones), other tables emptied, new data.
    for (const table of ['ticket_history', 'ticket_comments', 'tickets', 'schedules', 'time_off', 'quick_links', 'mail_outbox', 'sync_conflicts', 'auth_throttle']) {
      await t.database.db.execute(sql.raw(`delete from ${table}`));
    }
    await admin.do('location.create', { id: crypto.randomUUID(), name: 'Written after the backup', timezone: 'UTC' });
    expect(await tableSnapshot(t.database.db)).not.toEqual(before);

    const restored = await admin.http.request('POST', '/api/admin/restore', JSON.stringify(doc));
    expect(restored.status).toBe(200);
    expect((restored.body as { restored: Record<string, number> }).restored).toEqual(
      Object.fromEntries(BACKUP_TABLE_NAMES.map((n) => [n, doc.tables[n]?.length ?? 0])),
    );

    const after = await tableSnapshot(t.database.db);
    for (const name of BACKUP_TABLE_NAMES) {
      if (name === 'server_meta' || name === 'mail_outbox') continue;
      expect(after[name], name).toEqual(before[name]);
    }
    // Mail still waiting in the backup is held, not sent a second time: failed, saying why.
    type Mail = { id: string; status: string; lastError: string | null };
    const waiting = (before.mail_outbox as Mail[]).filter((m) => m.status === 'queued');
    expect(waiting.length).toBeGreaterThan(0);
    expect(after.mail_outbox).toEqual(
      (before.mail_outbox as Mail[]).map((m) => (m.status === 'queued' ? { ...m, status: 'failed', lastError: RESTORED_MAIL_HELD } : m)),
    );
    // …and an admin can send it again from the outbox.
    const again = await admin.http.request('POST', `/api/admin/mail/${waiting[0]?.id}/retry`);
    expect(again.status).toBe(204);
    const [retried] = await t.database.rows<{ status: string }>(sql`select status from mail_outbox where id = ${waiting[0]?.id}`);
    expect(retried?.status).toBe('queued');
    // …but the epoch is new, so devices start over instead of diverging.
    expect(after.server_meta?.filter((r) => (r as { key: string }).key !== 'epoch')).toEqual(before.server_meta?.filter((r) => (r as { key: string }).key !== 'epoch'));
    expect(await readEpoch(t.database.db)).not.toBe(epochBefore);

    // The restoring admin stays signed in; the next change gets a version above every restored one.
    const fresh = new SyncDevice(admin.http);
    const created = crypto.randomUUID();
    expect((await fresh.do('category.create', { id: created, name: 'After restore' })).status).toBe('applied');
    const [row] = await t.database.rows<{ version: string; top: string }>(
      sql`select c.version::text as version, (select max(seq) from change_log where entity_id <> ${created})::text as top from categories c where c.id = ${created}`,
    );
    expect(BigInt(row?.version ?? 0)).toBeGreaterThan(BigInt(row?.top ?? 0));
    const changes = await fresh.pullAll();
    expect(changes.filter((c) => c.entity === 'ticket')).toHaveLength(1);
    expect(changes.some((c) => c.op === 'put' && c.entity === 'location' && c.row.name === 'Written after the backup')).toBe(false);
  });

  it('refuses a truncated, tampered, wrong-version or inconsistent backup with 400 invalid_backup and changes nothing', async () => {
    const { admin } = await seedEveryTable(t);
    const text = await downloadBackup(admin.http);
    const before = await tableSnapshot(t.database.db);
    const epoch = await readEpoch(t.database.db);
    const edited = (edit: (doc: BackupDoc) => void) => {
      const doc = JSON.parse(text) as BackupDoc;
      edit(doc);
      return JSON.stringify(doc);
    };
    const firstRow = (doc: BackupDoc, table: string) => {
      const row = doc.tables[table]?.[0];
      if (!row) throw new Error(`no ${table} row`);
      return row;
    };
    const cases: [string, string, RegExp][] = [
      ['truncated', text.slice(0, Math.floor(text.length * 0.6)), /truncated/],
      ['wrong version', edited((d) => (d.version = 2)), /version 2/],
      ['not a backup', JSON.stringify({ hello: 'world' }), /format/],
      ['missing table', edited((d) => delete d.tables.tickets), /missing.*tickets/],
      ['unknown table', edited((d) => (d.tables.extra = [])), /Unknown tables.*extra/],
      ['a role no user can have', edited((d) => (firstRow(d, 'users').role = 'owner')), /tables\.users\[0\]\.role/],
      ['an unknown column', edited((d) => (firstRow(d, 'locations').secret = 1)), /tables\.locations\[0\]/],
      ['a timestamp that is not one', edited((d) => (firstRow(d, 'tickets').createdAt = 'yesterday')), /tables\.tickets\[0\]\.createdAt/],
      ['a version the change log does not have', edited((d) => (firstRow(d, 'tickets').version = 999_999)), /change_log/],
      ['a shift ending before it starts', edited((d) => {
        const s = firstRow(d, 'schedules');
        s.endsAt = '2026-03-09T07:00:00.000Z';
      }), /database refused/],
      ['a ticket in a category that is not there', edited((d) => (firstRow(d, 'tickets').categoryId = crypto.randomUUID())), /database refused/],
    ];
    for (const [what, body, message] of cases) {
      const res = await admin.http.request('POST', '/api/admin/restore', body);
      expect(res.status, what).toBe(400);
      expect(res.code, what).toBe('invalid_backup');
      expect((res.body as { error: { message: string } }).error.message, what).toMatch(message);
    }
    expect(await tableSnapshot(t.database.db)).toEqual(before);
    expect(await readEpoch(t.database.db)).toBe(epoch);
  });

  it('lets only admins download or restore', async () => {
    const tech = await t.signedIn('technician');
    expect((await tech.client.request('GET', '/api/admin/backup')).status).toBe(403);
    expect((await tech.client.request('POST', '/api/admin/restore', '{}')).status).toBe(403);
    expect((await t.client().request('GET', '/api/admin/backup')).status).toBe(401);
  });

  it('after a restore, a device’s next pull and push get 409 reset_required, and after its resync its unpushed mutations arrive', async () => {
    const { admin } = await seedEveryTable(t);
    const text = await downloadBackup(admin.http);
    const device = new SyncDevice(admin.http);
    await device.pullAll();
    const kept = crypto.randomUUID();
    expect((await device.do('category.create', { id: kept, name: 'Pushed after the backup' })).status).toBe('applied');

    expect((await admin.http.request('POST', '/api/admin/restore', text)).status).toBe(200);

    const q = new URLSearchParams({ clientId: device.clientId, cursor: device.cursor ?? '' });
    const pulled = await device.http.request('GET', `/api/sync/pull?${q}`, undefined, SYNC_HEADERS);
    expect(pulled.status).toBe(409);
    expect(pulled.code).toBe('reset_required');
    const unpushed = device.mutation('category.create', { id: crypto.randomUUID(), name: 'Made offline during the restore' });
    const pushed = await device.pushRaw([unpushed]);
    expect(pushed.status).toBe(409);
    expect(pushed.code).toBe('reset_required');

    // The device starts over: a new client id, the unpushed mutation renumbered from 1, a full pull.
    const resynced = new SyncDevice(admin.http);
    const again = await resynced.pushRaw([{ ...unpushed, id: 1 }]);
    expect(again.status).toBe(200);
    expect((again.body as PushResponse).results[0]?.status).toBe('applied');
    const names = (await resynced.pullAll()).flatMap((c) => (c.op === 'put' && c.entity === 'category' ? [c.row.name] : []));
    expect(names).toContain('Made offline during the restore');
    // What was pushed after the backup is gone with the restore, as the admin was told.
    expect(names).not.toContain('Pushed after the backup');
  });

  it('a phone with the real replicator: offline work made during a restore arrives after its resync, and what the restore took away leaves the phone', async () => {
    const { admin } = await seedEveryTable(t);
    const tech = await t.signedIn('technician');
    const phone = new SimulatedDevice(t, tech.client, { id: tech.userId, role: 'technician' }, seededRandom(7));
    try {
      await phone.sync();
      const text = await downloadBackup(admin.http);
      const later = crypto.randomUUID();
      await phone.replicator.mutate('ticket.create', { id: later, title: 'Sent after the backup', priority: 'low' });
      await phone.sync();
      expect(await phone.db.ticket.get(later)).toBeDefined();

      phone.offline = true;
      const offline = crypto.randomUUID();
      await phone.replicator.mutate('ticket.create', { id: offline, title: 'Written in the basement', priority: 'high' });
      await phone.replicator.settle();
      expect((await admin.http.request('POST', '/api/admin/restore', text)).status).toBe(200);

      phone.offline = false;
      await phone.sync();
      await phone.sync();
      expect(phone.pushStatuses).toContain(409);
      expect(phone.replicator.getStatus()).toMatchObject({ pending: 0, attention: [] });
      const stored = await t.database.rows<{ id: string }>(sql`select id from tickets where id in (${offline}, ${later})`);
      expect(stored.map((r) => r.id)).toEqual([offline]);
      expect(await phone.db.ticket.get(offline)).toMatchObject({ title: 'Written in the basement' });
      expect(await phone.db.ticket.get(later)).toBeUndefined();
    } finally {
      phone.close();
    }
  });
});
