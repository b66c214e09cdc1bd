import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { serverMeta } from '../../../../drizzle/schema';
import { encodeCursor } from '../../../../server/sync/cursor';
import type { Change } from '../../../../sync/protocol/pull';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';
import { latest, SyncDevice } from '../../../support/sync-client';

const DAY_MS = 86_400_000;
const dayAt = (offsetDays: number, hour: number) => {
  const d = new Date(Date.now() + offsetDays * DAY_MS);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

/** The device's tables after applying `changes` in order: entity → id → row. */
function replay(changes: Change[]): Map<string, Map<string, Record<string, unknown>>> {
  const tables = new Map<string, Map<string, Record<string, unknown>>>();
  for (const c of changes) {
    const table = tables.get(c.entity) ?? new Map<string, Record<string, unknown>>();
    tables.set(c.entity, table);
    if (c.op === 'put') table.set(c.id, c.row);
    else table.delete(c.id);
  }
  return tables;
}

describe.each(drivers)('first sync order on %s', (driver) => {
  const t = useTestApp(driver);
  let admin: SyncDevice;
  let techId: string;
  const ids = { oldShift: '', weekShift: '', openTicket: '', closedTicket: '', comment: '', location: '' };

  beforeAll(async () => {
    admin = new SyncDevice((await t.signedIn('admin')).client);
    techId = (await t.signedIn('technician')).userId;
    // Written in the order a team would: old work first, so in the change log the first screen's
    // rows (this week's shift, the open ticket) come last, behind old shifts, closed tickets and comments.
    ids.oldShift = crypto.randomUUID();
    await admin.do('schedule.create', { id: ids.oldShift, technicianId: techId, start: dayAt(-60, 8), end: dayAt(-60, 16) });
    ids.closedTicket = crypto.randomUUID();
    await admin.do('ticket.create', { id: ids.closedTicket, title: 'Old work', priority: 'low', assigneeId: techId });
    for (const status of ['resolved', 'closed'] as const) {
      const [row] = (await admin.pullAll()).filter((c) => c.id === ids.closedTicket).slice(-1);
      await admin.do('ticket.update', { id: ids.closedTicket, baseVersion: row?.version ?? '0', patch: { status } });
    }
    ids.comment = crypto.randomUUID();
    await admin.do('comment.create', { id: ids.comment, ticketId: ids.closedTicket, body: 'Done and dusted' });
    ids.location = crypto.randomUUID();
    await admin.do('location.create', { id: ids.location, name: 'Depot', timezone: 'UTC' });
    ids.weekShift = crypto.randomUUID();
    await admin.do('schedule.create', { id: ids.weekShift, technicianId: techId, locationId: ids.location, start: dayAt(1, 8), end: dayAt(1, 16) });
    ids.openTicket = crypto.randomUUID();
    await admin.do('ticket.create', { id: ids.openTicket, title: 'Leaking tap', priority: 'high' });
  });

  it('sends users, locations, the shifts around today and open tickets before older shifts, closed tickets, comments and history', async () => {
    const device = new SyncDevice(admin.http);
    const all = await device.pullAll(1);
    const at = (entity: string, id: string) => all.findIndex((c) => c.entity === entity && c.id === id);
    const firstScreen = [at('location', ids.location), at('schedule', ids.weekShift), at('ticket', ids.openTicket), ...all.flatMap((c, i) => (c.entity === 'user' ? [i] : []))];
    const rest = [at('schedule', ids.oldShift), at('ticket', ids.closedTicket), at('comment', ids.comment), ...all.flatMap((c, i) => (c.entity === 'ticketHistory' ? [i] : []))];
    expect(firstScreen.every((i) => i >= 0)).toBe(true);
    expect(rest.every((i) => i >= 0)).toBe(true);
    expect(Math.max(...firstScreen)).toBeLessThan(Math.min(...rest));
    // Each row's last copy is its newest version. A row may come twice: the first sync ends at its
    // snapshot's horizon, the oldest transaction then running anywhere on the cluster (another test
    // file's, in a parallel run), and the change log from there sends again what committed above it
    // (sync-cursor.md: rows changed while paging arrive again as changes).
    const copies = new Map<string, bigint[]>();
    for (const c of all) copies.set(`${c.entity}:${c.id}`, [...(copies.get(`${c.entity}:${c.id}`) ?? []), BigInt(c.version)]);
    for (const [key, versions] of copies) expect(versions.at(-1), key).toBe(versions.reduce((a, b) => (b > a ? b : a)));
    expect(latest(all, 'ticket', ids.closedTicket)).toMatchObject({ status: 'closed' });
  });

  it('ends with the same rows as the change log would give, and an incremental cursor', async () => {
    const device = new SyncDevice(admin.http);
    const all = await device.pullAll(3);
    const tables = replay(all);
    expect(tables.get('schedule')?.has(ids.weekShift)).toBe(true);
    expect(tables.get('comment')?.get(ids.comment)).toMatchObject({ body: 'Done and dusted' });
    // Caught up: nothing more, and a change made now arrives as itself (the ticket and its history entry).
    expect((await device.pullPage()).changes).toEqual([]);
    await admin.do('ticket.update', { id: ids.openTicket, baseVersion: String(tables.get('ticket')?.get(ids.openTicket)?.version), patch: { title: 'Leaking tap, kitchen' } });
    const after = (await device.pullPage()).changes;
    expect(after.map((c) => c.entity).sort()).toEqual(['ticket', 'ticketHistory']);
    expect(latest(after, 'ticket', ids.openTicket)).toMatchObject({ title: 'Leaking tap, kitchen' });
  });

  it('brings what changed while the device was paging: an edit to a row already sent, a delete, a row added behind its place', async () => {
    const device = new SyncDevice(admin.http);
    const seen: Change[] = [];
    const first = await device.pullPage(2);
    seen.push(...first.changes);
    expect(first.hasMore).toBe(true);
    // Changed between pages: a location already sent (the small lists come first), a shift deleted
    // before its page, and a ticket added whose tier is already behind the device.
    const sentBefore = await device.pullPage(4);
    seen.push(...sentBefore.changes);
    const location = latest(seen, 'location', ids.location);
    expect(location).toBeTruthy();
    await admin.do('location.update', { id: ids.location, baseVersion: String(location?.version), patch: { name: 'Main depot' } });
    const gone = crypto.randomUUID();
    // A shift that would come with the old ones (far from today), created and then deleted mid-sync.
    await admin.do('schedule.create', { id: gone, technicianId: techId, start: dayAt(-90, 8), end: dayAt(-90, 16) });
    const added = crypto.randomUUID();
    await admin.do('category.create', { id: added, name: 'Added mid-sync' });
    for (;;) {
      const page = await device.pullPage(2);
      seen.push(...page.changes);
      if (seen.some((c) => c.id === gone)) break;
      if (!page.hasMore) break;
    }
    const goneVersion = latest(seen, 'schedule', gone)?.version;
    if (goneVersion) await admin.do('schedule.delete', { id: gone, baseVersion: String(goneVersion) });
    else await admin.do('schedule.delete', { id: gone, baseVersion: (await admin.pullAll()).filter((c) => c.id === gone).at(-1)?.version ?? '0' });
    seen.push(...(await device.pullAll(2)));
    const tables = replay(seen);
    expect(tables.get('location')?.get(ids.location)).toMatchObject({ name: 'Main depot' });
    expect(tables.get('category')?.has(added)).toBe(true);
    expect(tables.get('schedule')?.has(gone)).toBe(false);
    // Every row the server has, the device has, at the server's version.
    const truth = replay(await new SyncDevice(admin.http).pullAll());
    for (const [entity, rows] of truth) {
      for (const [id, row] of rows) expect(tables.get(entity)?.get(id), `${entity} ${id}`).toEqual(row);
      expect(tables.get(entity)?.size ?? 0, entity).toBe(rows.size);
    }
  });

  it('gives every row exactly as the change log does (every entity, timestamps to the millisecond)', async () => {
    await admin.do('quickLink.create', { id: crypto.randomUUID(), title: 'Manuals', url: 'https://example.com/manuals' });
    await admin.do('timeOff.create', { id: crypto.randomUUID(), technicianId: techId, startDate: '2026-12-24', endDate: '2026-12-26', kind: 'vacation' });
    await admin.do('ticket.archive', { id: ids.closedTicket });
    const snapshot = replay(await new SyncDevice(admin.http).pullAll(4));
    // The log read from its very start: every row through the ordinary incremental path.
    const [epoch] = await t.database.db.select().from(serverMeta).where(eq(serverMeta.key, 'epoch'));
    const fromLog = new SyncDevice(admin.http);
    fromLog.cursor = encodeCursor({ e: epoch?.value ?? '', x: '0', s: 0, t: Date.now() });
    const log = replay((await fromLog.pullAll()).filter((c) => c.op === 'put'));
    expect([...snapshot.keys()].sort()).toEqual([...log.keys()].sort());
    for (const [entity, rows] of log) expect(Object.fromEntries(snapshot.get(entity) ?? []), entity).toEqual(Object.fromEntries(rows));
    expect([...(snapshot.get('timeOff')?.values() ?? [])][0]).toMatchObject({ startDate: '2026-12-24', endDate: '2026-12-26' });
    expect(snapshot.get('ticket')?.get(ids.closedTicket)?.archivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
