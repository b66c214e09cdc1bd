import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schedules } from '../../../../drizzle/schema';
import type { PushResponse } from '../../../../sync/protocol/push';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';
import { SyncDevice } from '../../../support/sync-client';

/**
 * Concurrent pushes can never leave an overlap behind (sync-protocol.md): on real Postgres many
 * devices book the same technician at the same time; exactly one wins, every other push gets a
 * proper `overlap` rejection (never a 5xx), and the database holds one shift.
 */
describe.each(drivers)('concurrent pushes on %s', (driver) => {
  const t = useTestApp(driver);

  it('lets exactly one of 12 simultaneous overlapping bookings through', async () => {
    const tech = await t.signedIn('technician');
    const admins = await Promise.all(Array.from({ length: 12 }, () => t.signedIn('admin')));
    const responses = await Promise.all(
      admins.map(({ client }, i) => {
        const device = new SyncDevice(client);
        const start = new Date(Date.UTC(2026, 8, 1, 8, i * 5));
        return device.pushRaw([
          device.mutation('schedule.create', { id: crypto.randomUUID(), technicianId: tech.userId, start: start.toISOString(), end: new Date(start.getTime() + 4 * 3_600_000).toISOString() }),
        ]);
      }),
    );
    for (const res of responses) expect(res.status).toBe(200);
    const results = responses.map((r) => (r.body as PushResponse).results[0]);
    expect(results.filter((r) => r?.status === 'applied')).toHaveLength(1);
    const rejected = results.filter((r) => r?.status === 'rejected');
    expect(rejected).toHaveLength(11);
    for (const r of rejected) expect(r).toMatchObject({ error: { code: 'overlap', with: { entity: 'schedule' } } });
    expect(await t.database.db.select().from(schedules).where(eq(schedules.technicianId, tech.userId))).toHaveLength(1);
  });
});
