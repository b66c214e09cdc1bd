import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { changeLog, locations, tickets, users } from '../../../../drizzle/schema';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';

describe.each(drivers)('change tracking triggers on %s', (driver) => {
  const t = useTestApp(driver);

  it('stamps each write with the next version and logs it; a delete leaves a tombstone', async () => {
    const id = crypto.randomUUID();
    const [created] = await t.database.db.insert(locations).values({ id, name: 'Depot', timezone: 'Europe/Berlin' }).returning();
    expect(created?.version).toBeGreaterThan(0);
    const [updated] = await t.database.db.update(locations).set({ name: 'Main depot' }).where(eq(locations.id, id)).returning();
    expect(updated?.version).toBeGreaterThan(created?.version ?? Infinity);
    expect(updated?.fieldVersions).toEqual({ name: updated?.version });
    const [logged] = await t.database.db.select().from(changeLog).where(eq(changeLog.entityId, id));
    expect(logged).toMatchObject({ entity: 'location', op: 'put', seq: updated?.version });

    await t.database.db.delete(locations).where(eq(locations.id, id));
    const [tomb] = await t.database.db.select().from(changeLog).where(eq(changeLog.entityId, id));
    expect(tomb?.op).toBe('del');
    expect(tomb?.seq).toBeGreaterThan(updated?.version ?? Infinity);
  });

  it('does not bump the version for an update that changes nothing', async () => {
    const id = crypto.randomUUID();
    const [created] = await t.database.db.insert(tickets).values({ id, title: 'Printer', priority: 'low' }).returning();
    const [same] = await t.database.db.update(tickets).set({ title: 'Printer' }).where(eq(tickets.id, id)).returning();
    expect(same?.version).toBe(created?.version);
  });

  it('records per field which version last changed it', async () => {
    const id = crypto.randomUUID();
    await t.database.db.insert(tickets).values({ id, title: 'Boiler', priority: 'low' });
    const [a] = await t.database.db.update(tickets).set({ priority: 'high' }).where(eq(tickets.id, id)).returning();
    const [b] = await t.database.db.update(tickets).set({ title: 'Boiler room' }).where(eq(tickets.id, id)).returning();
    expect(b?.fieldVersions).toEqual({ priority: a?.version, title: b?.version });
    const rows = await t.database.rows<{ xid: string }>(sql`select xid::text as xid from change_log where entity_id = ${id}`);
    expect(rows[0]?.xid).toMatch(/^\d+$/);
  });

  it('does not bump a user’s version for columns that are never pulled (password, feed token)', async () => {
    const id = await t.createUser(`private-${crypto.randomUUID()}@example.com`);
    const [before] = await t.database.db.select().from(users).where(eq(users.id, id));
    const [after] = await t.database.db
      .update(users)
      .set({ passwordHash: 'another-hash', calendarToken: 'secret' })
      .where(eq(users.id, id))
      .returning();
    expect(after?.version).toBe(before?.version);
    expect(after?.updatedAt).toEqual(before?.updatedAt);
    const [named] = await t.database.db.update(users).set({ name: 'Renamed', passwordHash: 'third-hash' }).where(eq(users.id, id)).returning();
    expect(named?.version).toBeGreaterThan(before?.version ?? Infinity);
    expect(Object.keys(named?.fieldVersions ?? {})).toEqual(['name']);
  });
});
