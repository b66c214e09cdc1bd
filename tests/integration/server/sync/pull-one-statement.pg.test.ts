import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { syncClients } from '../../../../drizzle/schema';
import type { UserRow } from '../../../../server/auth/sessions';
import { userRowOf } from '../../../support/user-row';
import { decodeCursor } from '../../../../server/sync/cursor';
import { pull, pullStepByStep } from '../../../../server/sync/pull';
import type { PullResponse } from '../../../../sync/protocol/pull';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';
import { SYNC_HEADERS, SyncDevice } from '../../../support/sync-client';

/**
 * An incremental pull is one SQL statement (server/sync/pull.ts, pullIncremental); a first-sync
 * page, and the reference here, is a transaction asking one question at a time. Both must give
 * the same answer, byte for byte, but for the cursor's issue time.
 */
describe.each(drivers)('the one-statement incremental pull on %s', (driver) => {
  const t = useTestApp(driver);
  let admin: SyncDevice;
  let tech: SyncDevice;
  let adminRow: UserRow;
  let techRow: UserRow;
  const userRow = (id: string) => userRowOf(t, id);
  beforeAll(async () => {
    const a = await t.signedIn('admin');
    const b = await t.signedIn('technician');
    admin = new SyncDevice(a.client);
    tech = new SyncDevice(b.client);
    adminRow = await userRow(a.userId);
    techRow = await userRow(b.userId);
  });

  /** The answer without the cursor's issue time, which is the clock's. */
  const comparable = (r: PullResponse) => {
    const c = decodeCursor(r.cursor);
    return JSON.stringify({ ...r, cursor: c ? { ...c, t: 0 } : r.cursor });
  };

  /**
   * Both answers for the same request. On Postgres another test file's open transaction can move
   * the cluster's horizon between two reads, so the reference is read before and after: when
   * those two agree, nothing moved in between and the one-statement answer must equal them.
   */
  const bothWays = async (user: UserRow, query: { clientId: string; cursor?: string; limit: number }) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const before = comparable(await pullStepByStep(t.database.db, user, query));
      const now = comparable(await pull(t.database.db, user, query));
      const after = comparable(await pullStepByStep(t.database.db, user, query));
      if (before === after) return { reference: before, oneStatement: now };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the horizon never held still for three reads');
  };

  it('answers every page, for every entity, tombstones, own rows and limits, exactly as the step-by-step transaction', async () => {
    const adminDevice = new SyncDevice(admin.http);
    const techDevice = new SyncDevice(tech.http);
    await adminDevice.pullAll();
    await techDevice.pullAll();
    const start = { admin: adminDevice.cursor, tech: techDevice.cursor };

    const location = crypto.randomUUID();
    const category = crypto.randomUUID();
    const link = crypto.randomUUID();
    const ticket = crypto.randomUUID();
    const shift = crypto.randomUUID();
    const off = crypto.randomUUID();
    await admin.do('location.create', { id: location, name: 'North depot', timezone: 'Europe/Berlin' });
    await admin.do('category.create', { id: category, name: 'Heating' });
    await admin.do('quickLink.create', { id: link, title: 'Wiki', url: 'https://wiki.example.com' });
    await tech.do('ticket.create', { id: ticket, title: 'Boiler — “pressure” low ✓', priority: 'high', description: 'Ünïcode, "quotes", back\\slash and\nnew line', categoryId: category, locationId: location });
    await tech.do('comment.create', { id: crypto.randomUUID(), ticketId: ticket, body: 'On site 🔧' });
    await tech.do('schedule.create', { id: shift, technicianId: techRow.id, locationId: location, start: '2026-05-04T07:00:00.123Z', end: '2026-05-04T15:00:00Z', note: 'Depot' });
    await tech.do('timeOff.create', { id: off, technicianId: techRow.id, startDate: '2031-02-03', endDate: '2031-02-04', kind: 'vacation' });
    await tech.do('profile.update', { patch: { name: 'Tess Tech', timezone: 'America/New_York' } });
    // Own rows: each user's notification settings go to that user alone.
    await tech.do('mailSettings.update', { patch: { schedule: false } });
    await admin.do('mailSettings.update', { patch: { ticketComment: false } });
    await admin.do('ticket.update', { id: ticket, baseVersion: '0', patch: { priority: 'low', status: 'in_progress' } });
    const gone = crypto.randomUUID();
    await admin.do('category.create', { id: gone, name: 'Short-lived' });
    const [created] = (await adminDevice.pullAll()).filter((c) => c.id === gone);
    await admin.do('category.delete', { id: gone, baseVersion: created?.version ?? '0' });

    const techAll = await new SyncDevice(tech.http).pullAll();
    expect(techAll.some((c) => c.entity === 'mailSettings' && c.id === adminRow.id)).toBe(false);

    for (const [who, user, device, cursor] of [['admin', adminRow, adminDevice, start.admin], ['tech', techRow, techDevice, start.tech]] as const) {
      for (const limit of [1, 2, 3, 7, 1000]) {
        // Every page from the start on, as a device paging at this limit reads them.
        let at = cursor;
        let pages = 0;
        for (;;) {
          const query = { clientId: device.clientId, cursor: at, limit };
          const { reference, oneStatement } = await bothWays(user, query);
          expect(oneStatement, `${who}, limit ${limit}, page ${pages}`).toBe(reference);
          const page = JSON.parse(oneStatement) as PullResponse;
          pages++;
          if (!page.hasMore) break;
          at = (await pull(t.database.db, user, query)).cursor;
        }
        expect(pages).toBeGreaterThanOrEqual(limit <= 3 ? 3 : 1);
      }
    }
    // What the pages above carried, so the comparison covered them.
    const seen = await new SyncDevice(tech.http).pullAll();
    const kinds = new Set(seen.map((c) => `${c.entity}:${c.op}`));
    for (const kind of ['user:put', 'location:put', 'category:put', 'quickLink:put', 'schedule:put', 'timeOff:put', 'ticket:put', 'comment:put', 'ticketHistory:put', 'mailSettings:put']) expect(kinds, kind).toContain(kind);
  });

  it('reports lastMutationId as a number: 12 after twelve mutations, not 9', async () => {
    const device = new SyncDevice(tech.http);
    await device.pullAll();
    for (let i = 0; i < 12; i++) await device.do('category.create', { id: crypto.randomUUID(), name: `Twelve ${i}` });
    const page = await device.pullPage();
    expect(page.lastMutationId).toBe(12);
  });

  it('answers the same refusals in the same order: another user’s client id is 403 after a valid cursor', async () => {
    const device = new SyncDevice(tech.http);
    await device.do('category.create', { id: crypto.randomUUID(), name: 'Mine' });
    const other = new SyncDevice(admin.http);
    await other.pullAll();
    const res = await admin.http.request('GET', `/api/sync/pull?clientId=${device.clientId}&cursor=${other.cursor ?? ''}`, undefined, SYNC_HEADERS);
    expect([res.status, res.code]).toEqual([403, 'forbidden']);
  });

  it('marks a device seen when its record is over a day old, and only then writes', async () => {
    const device = new SyncDevice(tech.http);
    await device.do('category.create', { id: crypto.randomUUID(), name: 'Seen' });
    await device.pullAll();
    await t.database.rows(sql`update sync_clients set last_seen_at = now() - interval '3 days' where client_id = ${device.clientId}`);
    await device.pullPage();
    const [row] = await t.database.db.select({ at: syncClients.lastSeenAt }).from(syncClients).where(eq(syncClients.clientId, device.clientId));
    expect(Date.now() - (row?.at.getTime() ?? 0)).toBeLessThan(60_000);
  });
});
