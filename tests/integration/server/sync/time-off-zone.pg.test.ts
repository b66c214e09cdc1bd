import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { users } from '../../../../drizzle/schema';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';
import { SyncDevice } from '../../../support/sync-client';

/**
 * Issue 6, defect 8: time off is read as dates in the technician's own zone, so changing the zone
 * moves it. A zone change that would put existing shifts inside approved time off is refused with
 * `time_off` naming them (docs/decisions/010), whichever way the zone is changed.
 */
describe.each(drivers)('time off and a change of the technician’s time zone, on %s', (driver) => {
  const t = useTestApp(driver);

  async function technicianWithTimeOffAndShift() {
    const admin = new SyncDevice((await t.signedIn('admin')).client);
    const tech = await t.signedIn('technician');
    const device = new SyncDevice(tech.client);
    expect((await device.do('profile.update', { patch: { timezone: 'Europe/Berlin' } })).status).toBe('applied');
    const timeOffId = crypto.randomUUID();
    expect((await device.do('timeOff.create', { id: timeOffId, technicianId: tech.userId, startDate: '2026-05-04', endDate: '2026-05-05', kind: 'vacation' })).status).toBe('applied');
    expect((await admin.do('timeOff.update', { id: timeOffId, baseVersion: '0', patch: { status: 'approved' } })).status).toBe('applied');
    // 00:30–01:30 on 6 May in Berlin: the night after the time off ends, so it is allowed…
    const shiftId = crypto.randomUUID();
    expect((await admin.do('schedule.create', { id: shiftId, technicianId: tech.userId, start: '2026-05-05T22:30:00Z', end: '2026-05-05T23:30:00Z' })).status).toBe('applied');
    // …and a shift on the day off itself is refused.
    const refused = await admin.do('schedule.create', { id: crypto.randomUUID(), technicianId: tech.userId, start: '2026-05-05T08:00:00Z', end: '2026-05-05T10:00:00Z' });
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'time_off' } });
    return { admin, tech, device, shiftId, timeOffId };
  }

  it('refuses the technician’s own zone change that would put a shift inside approved time off, naming the shift', async () => {
    const { tech, device, shiftId } = await technicianWithTimeOffAndShift();
    // In New York the time off runs until 04:00 UTC on 6 May: the shift would be inside it.
    const res = await device.do('profile.update', { patch: { timezone: 'America/New_York' } });
    expect(res).toMatchObject({ status: 'rejected', error: { code: 'time_off', with: [{ entity: 'schedule', id: shiftId }] } });
    const [row] = await t.database.db.select().from(users).where(eq(users.id, tech.userId));
    expect(row?.timezone).toBe('Europe/Berlin');
    // A zone that keeps the shift outside the time off is fine.
    expect((await device.do('profile.update', { patch: { timezone: 'Asia/Tokyo' } })).status).toBe('applied');
  });

  it('refuses the same zone change made by an admin in user management with 409 time_off', async () => {
    const { tech, shiftId } = await technicianWithTimeOffAndShift();
    const adminHttp = (await t.signedIn('admin')).client;
    const res = await adminHttp.request('PATCH', `/api/users/${tech.userId}`, { timezone: 'America/New_York', name: 'Renamed too' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'time_off', with: [{ entity: 'schedule', id: shiftId }] } });
    const [row] = await t.database.db.select().from(users).where(eq(users.id, tech.userId));
    expect(row).toMatchObject({ timezone: 'Europe/Berlin' });
    expect(row?.name).not.toBe('Renamed too');
  });

  it('lets the zone change once the shift is moved, and requested time off blocks nothing', async () => {
    const { admin, tech, device, shiftId } = await technicianWithTimeOffAndShift();
    const [shift] = await t.database.rows<{ version: string }>(sql`select version::text as version from schedules where id = ${shiftId}`);
    expect((await admin.do('schedule.delete', { id: shiftId, baseVersion: shift?.version ?? '0' })).status).toBe('applied');
    expect((await device.do('timeOff.create', { id: crypto.randomUUID(), technicianId: tech.userId, startDate: '2026-06-01', endDate: '2026-06-01', kind: 'other' })).status).toBe('applied');
    expect((await device.do('profile.update', { patch: { timezone: 'America/New_York' } })).status).toBe('applied');
  });
});
