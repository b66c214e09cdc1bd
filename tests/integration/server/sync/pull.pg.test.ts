import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { serverMeta } from '../../../../drizzle/schema';
import { encodeCursor } from '../../../../server/sync/cursor';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';
import { latest, SYNC_HEADERS, SyncDevice } from '../../../support/sync-client';

describe.each(drivers)('pull on %s', (driver) => {
  const t = useTestApp(driver);
  let admin: SyncDevice;
  let tech: SyncDevice;
  let techId: string;
  beforeAll(async () => {
    admin = new SyncDevice((await t.signedIn('admin')).client);
    const signed = await t.signedIn('technician');
    tech = new SyncDevice(signed.client);
    techId = signed.userId;
  });

  it('gives a first sync everything in pages, with camelCase rows and no private fields', async () => {
    for (let i = 0; i < 12; i++) await admin.do('category.create', { id: crypto.randomUUID(), name: `Category ${i}` });
    const device = new SyncDevice(tech.http);
    const pages: number[] = [];
    for (;;) {
      const page = await device.pullPage(5);
      pages.push(page.changes.length);
      if (!page.hasMore) break;
    }
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.slice(0, -1).every((n) => n === 5)).toBe(true);
    const device2 = new SyncDevice(tech.http);
    const all = await device2.pullAll();
    expect(all.filter((c) => c.entity === 'category')).toHaveLength(12);
    const me = latest(all, 'user', techId);
    expect(me).toMatchObject({ id: techId, role: 'technician', active: true });
    expect(Object.keys(me ?? {}).sort()).toEqual(['active', 'color', 'createdAt', 'email', 'id', 'name', 'role', 'theme', 'timezone', 'updatedAt', 'version']);
    expect(JSON.stringify(all)).not.toMatch(/argon2|passwordHash|calendarToken|notifyByEmail|fieldVersions/);
  });

  it('brings only what changed since the cursor, including tombstones for deletes', async () => {
    const device = new SyncDevice(tech.http);
    await device.pullAll();
    expect((await device.pullPage()).changes).toEqual([]);
    const shift = crypto.randomUUID();
    await tech.do('schedule.create', { id: shift, technicianId: techId, start: '2026-05-04T07:00:00Z', end: '2026-05-04T15:00:00Z', note: 'Depot' });
    const created = await device.pullAll();
    expect(created).toEqual([
      { entity: 'schedule', id: shift, op: 'put', version: expect.stringMatching(/^\d+$/), row: expect.objectContaining({ technicianId: techId, start: '2026-05-04T07:00:00.000Z', end: '2026-05-04T15:00:00.000Z', note: 'Depot', locationId: null }) },
    ]);
    await tech.do('schedule.delete', { id: shift, baseVersion: created[0]?.version ?? '0' });
    const deleted = await device.pullAll();
    expect(deleted).toEqual([{ entity: 'schedule', id: shift, op: 'del', version: expect.any(String) }]);
    // A first sync does not carry tombstones of rows it never had.
    const fresh = new SyncDevice(tech.http);
    expect((await fresh.pullAll()).some((c) => c.op === 'del')).toBe(false);
  });

  it('reports lastMutationId from the same snapshot as the effects', async () => {
    const device = new SyncDevice(tech.http);
    await device.do('ticket.create', { id: crypto.randomUUID(), title: 'A', priority: 'low' });
    await device.do('ticket.create', { id: crypto.randomUUID(), title: 'B', priority: 'low' });
    const page = await device.pullPage();
    expect(page.lastMutationId).toBe(2);
  });

  it('answers a garbage cursor with 400 and a cursor from another epoch with 409 reset_required', async () => {
    const bad = await tech.http.request('GET', `/api/sync/pull?clientId=${tech.clientId}&cursor=nonsense`, undefined, SYNC_HEADERS);
    expect(bad.status).toBe(400);
    const foreign = encodeCursor({ e: crypto.randomUUID(), x: '1', s: 1, t: Date.now() });
    const reset = await tech.http.request('GET', `/api/sync/pull?clientId=${tech.clientId}&cursor=${foreign}`, undefined, SYNC_HEADERS);
    expect(reset.status).toBe(409);
    expect(reset.code).toBe('reset_required');
    const [epoch] = await t.database.db.select().from(serverMeta).where(eq(serverMeta.key, 'epoch'));
    const stale = encodeCursor({ e: epoch?.value ?? '', x: '1', s: 1, t: Date.now() - 91 * 24 * 3600 * 1000 });
    const old = await tech.http.request('GET', `/api/sync/pull?clientId=${tech.clientId}&cursor=${stale}`, undefined, SYNC_HEADERS);
    expect(old.code).toBe('reset_required');
  });

  it('answers a cursor whose transaction id is past the 64-bit range with 400, never 500', async () => {
    const [epoch] = await t.database.db.select().from(serverMeta).where(eq(serverMeta.key, 'epoch'));
    for (const x of ['18446744073709551616', '99999999999999999999']) {
      const forged = encodeCursor({ e: epoch?.value ?? '', x, s: 1, t: Date.now() });
      const res = await tech.http.request('GET', `/api/sync/pull?clientId=${tech.clientId}&cursor=${forged}`, undefined, SYNC_HEADERS);
      expect(res.status, x).toBe(400);
      expect(res.code, x).toBe('invalid');
    }
  });

  it('after a reset (new epoch) refuses pushes from known clients with 409 reset_required', async () => {
    const device = new SyncDevice(tech.http);
    await device.do('ticket.create', { id: crypto.randomUUID(), title: 'Before reset', priority: 'low' });
    const cursor = (await device.pullPage()).cursor;
    await t.database.rows(sql`update server_meta set value = gen_random_uuid()::text where key = 'epoch'`);
    const push = await device.pushRaw([device.mutation('ticket.create', { id: crypto.randomUUID(), title: 'After', priority: 'low' })]);
    expect(push.status).toBe(409);
    expect(push.code).toBe('reset_required');
    const pull = await tech.http.request('GET', `/api/sync/pull?clientId=${device.clientId}&cursor=${cursor}`, undefined, SYNC_HEADERS);
    expect(pull.code).toBe('reset_required');
    // The device starts over with a new client id and is served normally.
    const restarted = new SyncDevice(tech.http);
    expect((await restarted.do('ticket.create', { id: crypto.randomUUID(), title: 'After', priority: 'low' })).status).toBe('applied');
  });

  it('orders changes by transaction id as a number, not as text (9 before 10)', async () => {
    const first = crypto.randomUUID();
    const second = crypto.randomUUID();
    const writer = new SyncDevice(admin.http);
    await writer.do('category.create', { id: first, name: 'Nine' });
    await writer.do('category.create', { id: second, name: 'Ten' });
    const device = new SyncDevice(tech.http);
    await device.pullAll();
    // Make the two entries look as if written by transactions 9 and 10 (the digit count changes),
    // after a cursor parked at transaction 8.
    await t.database.rows(sql`update change_log set xid = '9'::xid8, seq = 9 where entity_id = ${first}`);
    await t.database.rows(sql`update change_log set xid = '10'::xid8, seq = 10 where entity_id = ${second}`);
    const [epoch] = await t.database.db.select().from(serverMeta).where(eq(serverMeta.key, 'epoch'));
    device.cursor = encodeCursor({ e: epoch?.value ?? '', x: '8', s: 8, t: Date.now() });
    const one = await device.pullPage(1);
    const two = await device.pullPage(1);
    const three = await device.pullPage(1);
    expect([one.changes[0]?.id, two.changes[0]?.id]).toEqual([first, second]);
    expect(three.changes.every((c) => c.id !== first && c.id !== second)).toBe(true);
  });

  it('validates the query', async () => {
    for (const q of ['', 'clientId=nope', `clientId=${tech.clientId}&limit=0`, `clientId=${tech.clientId}&limit=99999`, `clientId=${tech.clientId}&extra=1`]) {
      const res = await tech.http.request('GET', `/api/sync/pull?${q}`, undefined, SYNC_HEADERS);
      expect(res.status, q).toBe(400);
      expect(res.code).toBe('invalid');
    }
  });
});
