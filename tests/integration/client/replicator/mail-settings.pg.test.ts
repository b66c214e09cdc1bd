import { describe, expect, it } from 'vitest';
import { SimulatedDevice } from '../../../support/simulated-device';
import { seededRandom } from '../../../support/random';
import { drivers } from '../../../support/test-database';
import { useDeviceLab } from '../../../support/simulated-device';

/**
 * Mail settings through the real replicator: changed offline, applied on the device at once,
 * confirmed and settled once online (the row comes back through the owner's pull), followed by the
 * owner's other device, and never pulled by anyone else.
 */
describe.each(drivers)('mail settings on devices, on %s', (driver) => {
  const lab = useDeviceLab(driver);

  it('an offline change shows at once, syncs, reaches the owner’s other device and nobody else’s', async () => {
    const tech = await lab.signedInDevice('technician', 11);
    const phone = tech.device;
    await phone.sync();

    phone.offline = true;
    await phone.replicator.mutate('mailSettings.update', { patch: { schedule: false } });
    expect(await phone.db.mailSettings.get(tech.userId)).toMatchObject({ schedule: false, ticketAssigned: true });
    await phone.replicator.mutate('mailSettings.update', { patch: { ticketComment: false } });

    phone.offline = false;
    await phone.sync();
    await phone.sync();
    expect(phone.replicator.getStatus().pending).toBe(0);
    expect(await phone.db.local_confirmed.count()).toBe(0);
    expect(await phone.db.mailSettings.get(tech.userId)).toMatchObject({ schedule: false, ticketComment: false, ticketAssigned: true });

    const tablet = new SimulatedDevice(lab.t, tech.client, { id: tech.userId, role: 'technician' }, seededRandom(12));
    try {
      await tablet.sync();
      expect(await tablet.db.mailSettings.get(tech.userId)).toMatchObject({ schedule: false, ticketComment: false });
    } finally {
      tablet.close();
    }

    const admin = await lab.signedInDevice('admin', 13);
    await admin.device.sync();
    expect(await admin.device.db.mailSettings.count()).toBe(0);
    expect(await admin.device.db.user.get(tech.userId)).toBeDefined();
  });
});
