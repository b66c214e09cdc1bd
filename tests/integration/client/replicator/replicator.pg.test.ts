import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { schedules, tickets } from '../../../../drizzle/schema';
import { Dexie } from 'dexie';
import { DeviceDatabase, STORES_V1, STORES_V3 } from '../../../../client/db/device-db';
import { decodeCursor, encodeCursor } from '../../../../server/sync/cursor';
import { TOMBSTONE_RETENTION_MS } from '../../../../server/sync/pull';
import { MutationRejected } from '../../../../sync/mutators/rejection';
import { drivers } from '../../../support/test-database';
import { seededRandom } from '../../../support/random';
import { SimulatedDevice } from '../../../support/simulated-device';
import { startTestApp, type TestApp } from '../../../support/test-app';

describe.each(drivers)('the replicator against a real server on %s', (driver) => {
  let t: TestApp;
  const r = seededRandom(42);
  const devices: SimulatedDevice[] = [];
  const device = async (role: 'admin' | 'technician') => {
    const p = await t.signedIn(role);
    const d = new SimulatedDevice(t, p.client, { id: p.userId, role }, r);
    devices.push(d);
    await d.sync();
    return d;
  };
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await t.close();
  });

  it('shows a change on the device at once, offline, and sends it when the network is back', async () => {
    const d = await device('technician');
    d.offline = true;
    const id = crypto.randomUUID();
    await d.replicator.mutate('ticket.create', { id, title: 'Written in a basement', priority: 'high' });
    expect(await d.db.ticket.get(id)).toMatchObject({ title: 'Written in a basement', version: '0' });
    await d.sync();
    expect(d.replicator.getStatus()).toMatchObject({ state: 'offline', pending: 1 });
    d.offline = false;
    await d.sync();
    expect(d.replicator.getStatus()).toMatchObject({ state: 'idle', pending: 0 });
    expect(await d.db.local_queue.count()).toBe(0);
    expect(Number((await d.db.ticket.get(id))?.version)).toBeGreaterThan(0);
    expect(await t.database.db.select().from(tickets).where(eq(tickets.id, id))).toHaveLength(1);
  });

  it('refuses an overlapping shift on the device instantly, queueing nothing', async () => {
    const d = await device('technician');
    await d.replicator.mutate('schedule.create', { id: crypto.randomUUID(), technicianId: d.actor.id, start: '2026-07-01T08:00:00Z', end: '2026-07-01T12:00:00Z' });
    const attempt = d.replicator.mutate('schedule.create', { id: crypto.randomUUID(), technicianId: d.actor.id, start: '2026-07-01T11:00:00Z', end: '2026-07-01T13:00:00Z' });
    await expect(attempt).rejects.toBeInstanceOf(MutationRejected);
    await expect(attempt).rejects.toMatchObject({ code: 'overlap' });
    expect(await d.db.local_queue.count()).toBe(1);
  });

  it('two devices booking one technician’s overlapping shifts offline: one wins, the other lands on the attention list', async () => {
    const tech = await device('technician');
    const admin = await device('admin');
    tech.offline = true;
    admin.offline = true;
    await tech.replicator.mutate('schedule.create', { id: crypto.randomUUID(), technicianId: tech.actor.id, start: '2026-07-02T08:00:00Z', end: '2026-07-02T16:00:00Z' });
    await admin.replicator.mutate('schedule.create', { id: crypto.randomUUID(), technicianId: tech.actor.id, start: '2026-07-02T15:00:00Z', end: '2026-07-02T18:00:00Z' });
    // Let the sync attempts that mutate() starts fail while still offline.
    await Promise.all([tech.replicator.settle(), admin.replicator.settle()]);
    tech.offline = false;
    admin.offline = false;
    await tech.sync();
    await admin.sync();
    const attention = await admin.db.local_attention.toArray();
    expect(attention).toHaveLength(1);
    expect(attention[0]?.error).toMatchObject({ code: 'overlap', with: { entity: 'schedule' } });
    expect(admin.replicator.getStatus().attention).toHaveLength(1);
    // The losing shift is gone from the admin's device after the rebase.
    expect((await admin.db.schedule.where('technicianId').equals(tech.actor.id).toArray()).filter((s) => s.start.startsWith('2026-07-02'))).toHaveLength(1);
    // Still clashing: the device can tell at once, and the item stays on the list.
    await expect(admin.replicator.resubmit(attention[0]?.key ?? -1)).rejects.toMatchObject({ code: 'overlap' });
    expect(await admin.db.local_attention.count()).toBe(1);
    // Once the technician's own shift is gone, trying again goes through.
    const [techShift] = await tech.db.schedule.where('technicianId').equals(tech.actor.id).filter((s) => s.start.startsWith('2026-07-02')).toArray();
    await tech.replicator.mutate('schedule.delete', { id: techShift?.id ?? '', baseVersion: techShift?.version ?? '0' });
    await tech.sync();
    await admin.sync();
    await admin.replicator.resubmit(attention[0]?.key ?? -1);
    await admin.sync();
    expect(admin.replicator.getStatus().attention).toHaveLength(0);
    const shifts = await t.database.db.select().from(schedules).where(eq(schedules.technicianId, tech.actor.id));
    expect(shifts.map((s) => s.startsAt.toISOString())).toEqual(['2026-07-02T15:00:00.000Z']);
  });

  it('a refused change sent again with edited args goes as a new change with the edits, and leaves the list', async () => {
    const tech = await device('technician');
    const admin = await device('admin');
    admin.offline = true;
    await tech.replicator.mutate('schedule.create', { id: crypto.randomUUID(), technicianId: tech.actor.id, start: '2026-08-03T08:00:00Z', end: '2026-08-03T12:00:00Z' });
    const mine = crypto.randomUUID();
    await admin.replicator.mutate('schedule.create', { id: mine, technicianId: tech.actor.id, start: '2026-08-03T10:00:00Z', end: '2026-08-03T14:00:00Z', note: 'Gate' });
    await admin.replicator.settle();
    admin.offline = false;
    await tech.sync();
    await admin.sync();
    const [refused] = await admin.db.local_attention.toArray();
    expect(refused?.error.code).toBe('overlap');
    await admin.replicator.resubmit(refused?.key ?? -1, { ...(refused?.args as object), start: '2026-08-03T12:00:00Z', end: '2026-08-03T16:00:00Z', note: 'Gate, after lunch' });
    expect(await admin.db.local_attention.count()).toBe(0);
    await admin.sync();
    const [row] = await t.database.db.select().from(schedules).where(eq(schedules.id, mine));
    expect(row?.startsAt.toISOString()).toBe('2026-08-03T12:00:00.000Z');
    expect(row?.note).toBe('Gate, after lunch');
  });

  it('an edit of a row deleted elsewhere comes back as not_found on the attention list', async () => {
    const admin = await device('admin');
    const other = await device('admin');
    const id = crypto.randomUUID();
    await admin.replicator.mutate('category.create', { id, name: 'Plumbing' });
    await admin.sync();
    await other.sync();
    other.offline = true;
    const row = await other.db.category.get(id);
    await other.replicator.mutate('category.update', { id, baseVersion: row?.version ?? '0', patch: { name: 'Plumbing & heating' } });
    await other.replicator.settle();
    await admin.replicator.mutate('category.delete', { id, baseVersion: row?.version ?? '0' });
    await admin.sync();
    other.offline = false;
    await other.sync();
    const [item] = await other.db.local_attention.toArray();
    expect(item).toMatchObject({ name: 'category.update', error: { code: 'not_found' } });
    expect(await other.db.category.get(id)).toBeUndefined();
    await other.replicator.discard(item?.key ?? -1);
    expect(await other.db.local_attention.count()).toBe(0);
    expect(other.replicator.getStatus().attention).toEqual([]);
  });

  it('keeps the queue through a 401 and sends it after signing in again', async () => {
    const d = await device('technician');
    const email = (await t.database.rows<{ email: string }>(sql`select email from users where id = ${d.actor.id}`))[0]?.email ?? '';
    await d.http.request('POST', '/api/auth/logout');
    const id = crypto.randomUUID();
    await d.replicator.mutate('ticket.create', { id, title: 'After my session ended', priority: 'low' });
    await d.sync();
    expect(d.replicator.getStatus()).toMatchObject({ state: 'signed-out', pending: 1 });
    expect(await d.db.local_queue.count()).toBe(1);
    expect((await d.http.login(email)).status).toBe(200);
    d.replicator.resume();
    await d.replicator.settle();
    expect(d.replicator.getStatus()).toMatchObject({ state: 'idle', pending: 0 });
    expect(await t.database.db.select().from(tickets).where(eq(tickets.id, id))).toHaveLength(1);
  });

  it('a reset after a successful push sends again only what the server has not processed (issue 6, defect 2)', async () => {
    const d = await device('admin');
    const ticketId = crypto.randomUUID();
    await d.replicator.mutate('ticket.create', { id: ticketId, title: 'Gate motor', priority: 'high' });
    await d.sync();
    // The device was away longer than deletions are kept: its cursor is past the retention.
    const cursor = decodeCursor((await d.db.getMeta<string>('cursor')) ?? '');
    if (!cursor) throw new Error('no cursor');
    await d.db.setMeta('cursor', encodeCursor({ ...cursor, t: cursor.t - TOMBSTONE_RETENTION_MS - 24 * 3600_000 }));
    const commentId = crypto.randomUUID();
    const base = (await d.db.ticket.get(ticketId))?.version ?? '0';
    await d.replicator.mutate('comment.create', { id: commentId, ticketId, body: 'Motor replaced' });
    await d.replicator.mutate('ticket.update', { id: ticketId, baseVersion: base, patch: { status: 'in_progress' } });
    await d.replicator.settle();

    // Each was sent once: the push succeeded, the pull said reset_required, nothing was pushed again.
    expect(d.observed.filter((o) => o.mutation.name === 'comment.create').map((o) => o.status)).toEqual(['applied']);
    expect(d.observed.filter((o) => o.mutation.name === 'ticket.update').map((o) => o.status)).toEqual(['applied']);
    expect(await d.db.local_attention.count()).toBe(0);
    expect(await d.db.local_queue.count()).toBe(0);
    expect(await d.db.comment.get(commentId)).toMatchObject({ body: 'Motor replaced' });
    expect(await d.db.ticket.get(ticketId)).toMatchObject({ status: 'in_progress' });
    const history = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from ticket_history where ticket_id = ${ticketId} and field = 'status'`);
    expect(history[0]?.n).toBe(1);
  });

  it('a reset after a push whose answer was lost does not send again what the restored data already holds', async () => {
    const d = await device('technician');
    const ticketId = crypto.randomUUID();
    await d.replicator.mutate('ticket.create', { id: ticketId, title: 'Pump noise', priority: 'low' });
    await d.sync();
    d.offline = true;
    const commentId = crypto.randomUUID();
    await d.replicator.mutate('comment.create', { id: commentId, ticketId, body: 'Bearing replaced' });
    await d.replicator.settle();
    d.offline = false;
    // The push is applied, then the server is restored from a backup taken right after it (a new
    // epoch, the comment and this client's record in it), and the answer never reaches the device.
    d.dropResponses = 1;
    d.afterPush = async () => {
      d.afterPush = undefined;
      await t.database.rows(sql`update server_meta set value = gen_random_uuid()::text where key = 'epoch'`);
    };
    await d.sync();
    d.dropResponses = 0;
    await d.sync();
    expect(d.observed.filter((o) => o.mutation.name === 'comment.create').map((o) => o.status)).toEqual(['applied']);
    expect(await d.db.local_attention.toArray()).toEqual([]);
    expect(await d.db.local_queue.count()).toBe(0);
    expect(await d.db.comment.get(commentId)).toMatchObject({ body: 'Bearing replaced' });
  });

  it('after a server reset keeps unsent changes, renumbers them under a new client id and resyncs', async () => {
    const d = await device('technician');
    const oldClient = await d.db.getMeta<string>('clientId');
    d.offline = true;
    const id = crypto.randomUUID();
    await d.replicator.mutate('ticket.create', { id, title: 'Queued before the restore', priority: 'medium' });
    await d.replicator.settle();
    await t.database.rows(sql`update server_meta set value = gen_random_uuid()::text where key = 'epoch'`);
    d.offline = false;
    await d.sync();
    expect(await d.db.getMeta<string>('clientId')).not.toBe(oldClient);
    expect(await d.db.local_queue.count()).toBe(0);
    expect(await t.database.db.select().from(tickets).where(eq(tickets.id, id))).toHaveLength(1);
    expect(await d.db.ticket.get(id)).toMatchObject({ title: 'Queued before the restore' });
  });
});

describe('the device database', () => {
  it('keeps queued mutations through a schema upgrade', async () => {
    const indexedDB = new IDBFactory();
    // A device database as version 1 of the app left it.
    const v1 = new Dexie('upgrade-test', { indexedDB, IDBKeyRange });
    v1.version(1).stores(STORES_V1);
    await v1.table('local_queue').add({ id: 1, name: 'ticket.create', args: { id: crypto.randomUUID(), title: 'Queued', priority: 'low' }, at: new Date().toISOString() });
    await v1.table('local_meta').put({ key: 'nextMutationId', value: 2 });
    v1.close();

    const current = new DeviceDatabase('upgrade-test', { indexedDB, IDBKeyRange });
    expect(await current.local_queue.toArray()).toEqual([expect.objectContaining({ id: 1, name: 'ticket.create' })]);
    expect(await current.getMeta('nextMutationId')).toBe(2);
    expect(await current.local_confirmed.count()).toBe(0);
    expect(await current.mailSettings.count()).toBe(0);
    expect(current.verno).toBe(3);
    current.close();

    class DeviceDatabaseV4 extends DeviceDatabase {
      constructor() {
        super('upgrade-test', { indexedDB, IDBKeyRange });
        this.version(4).stores({ ...STORES_V3, ticket: 'id, status, assigneeId, updatedAt, priority' });
      }
    }
    const v4 = new DeviceDatabaseV4();
    expect(await v4.local_queue.toArray()).toEqual([expect.objectContaining({ id: 1, name: 'ticket.create' })]);
    expect(v4.verno).toBe(4);
    v4.close();
  });

  it('answers 426 by stopping with upgrade-required and keeping the queue', async () => {
    const { Replicator } = await import('../../../../client/replicator/replicator');
    const db = new DeviceDatabase('upgrade-required', { indexedDB: new IDBFactory(), IDBKeyRange });
    const tooOld = { ok: false as const, kind: 'http' as const, status: 426, code: 'upgrade_required', message: 'reload', details: {} };
    const replicator = new Replicator({
      db,
      transport: { push: async () => tooOld, pull: async () => tooOld },
      actor: { id: crypto.randomUUID(), role: 'admin' },
      setTimer: () => undefined,
    });
    await replicator.mutate('category.create', { id: crypto.randomUUID(), name: 'Electrical' });
    await replicator.settle();
    expect(replicator.getStatus()).toMatchObject({ state: 'upgrade-required', pending: 1 });
    replicator.requestSync();
    await replicator.settle();
    expect(await db.local_queue.count()).toBe(1);
    db.close();
  });
});
