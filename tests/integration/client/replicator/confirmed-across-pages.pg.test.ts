import { describe, expect, it } from 'vitest';
import { drivers } from '../../../support/test-database';
import { useDeviceLab } from '../../../support/simulated-device';
import { SyncDevice } from '../../../support/sync-client';

/**
 * A pull that takes more than one page: the earlier pages were read after the push, so the rows
 * they carry already show the device's confirmed mutations, or someone's later change to them. The
 * confirmation (lastMutationId) must not replay those mutations over such rows: the dispatcher's
 * later title would be overwritten with the device's older one, and a shift the dispatcher deleted
 * would come back, both for good, since those rows do not change again.
 */
describe.each(drivers)('a confirmation on the last page of a multi-page pull, on %s', (driver) => {
  const lab = useDeviceLab(driver);
  const { t } = lab;

  it('does not replay over rows an earlier page of the same pull brought', async () => {
    const tech = await lab.signedInDevice('technician', 7);
    const device = tech.device;
    const admin = new SyncDevice((await t.signedIn('admin')).client);

    const ticketId = crypto.randomUUID();
    await device.replicator.mutate('ticket.create', { id: ticketId, title: 'Leaking valve', priority: 'low' });
    await device.sync();
    const base = (await device.db.ticket.get(ticketId))?.version ?? '0';

    // Offline: a title edit and a new shift.
    device.offline = true;
    const shiftId = crypto.randomUUID();
    await device.replicator.mutate('ticket.update', { id: ticketId, baseVersion: base, patch: { title: 'Leaking valve, 2nd floor' } });
    await device.replicator.mutate('schedule.create', { id: shiftId, technicianId: tech.userId, start: '2026-09-01T08:00:00Z', end: '2026-09-01T12:00:00Z' });
    await device.replicator.settle();
    device.offline = false;

    device.afterPush = async () => {
      device.afterPush = undefined;
      // Right after the push: the dispatcher renames the ticket and cancels the shift, and then
      // enough else happens (a location import) that the device's pull takes two pages.
      const serverRow = (await admin.pullAll()).find((c) => c.entity === 'ticket' && c.id === ticketId);
      const version = serverRow?.version ?? '0';
      expect((await admin.do('ticket.update', { id: ticketId, baseVersion: version, patch: { title: 'Valve replaced by dispatcher' } })).status).not.toBe('rejected');
      expect((await admin.do('schedule.delete', { id: shiftId, baseVersion: 0 })).status).toBe('applied');
      for (let batch = 0; batch < 3; batch++) {
        const res = await admin.pushRaw(
          Array.from({ length: 400 }, () => admin.mutation('location.create', { id: crypto.randomUUID(), name: 'Depot', timezone: 'UTC' })),
        );
        expect(res.status).toBe(200);
      }
    };
    await device.sync();

    expect(await device.db.ticket.get(ticketId)).toMatchObject({ title: 'Valve replaced by dispatcher' });
    expect(await device.db.schedule.get(shiftId)).toBeUndefined();
    expect(await device.db.local_confirmed.count()).toBe(0);
    await device.sync();
    expect(await device.db.ticket.get(ticketId)).toMatchObject({ title: 'Valve replaced by dispatcher' });
    expect(await device.db.schedule.get(shiftId)).toBeUndefined();
  });
});
