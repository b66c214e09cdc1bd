import { describe, expect, it } from 'vitest';
import { drivers } from '../../../support/test-database';
import { useDeviceLab } from '../../../support/simulated-device';
import { SyncDevice } from '../../../support/sync-client';

/**
 * The theme picker keeps this device's own choice, which can differ from the profile's (another
 * device changed it). Picking the theme the profile already has changes nothing on the server, so
 * no pull will ever carry the user row again; the confirmed mutation must still leave
 * local_confirmed instead of being replayed on every page for good.
 */
describe.each(drivers)('a profile change the server already had, on %s', (driver) => {
  const lab = useDeviceLab(driver);

  it('leaves local_confirmed once it is confirmed', async () => {
    const tech = await lab.signedInDevice('technician', 3);
    const phone = tech.device;
    await phone.sync();
    const tablet = new SyncDevice(tech.client);
    expect((await tablet.do('profile.update', { patch: { theme: 'dark' } })).status).toBe('applied');
    await phone.sync();
    expect(await phone.db.user.get(tech.userId)).toMatchObject({ theme: 'dark' });

    await phone.replicator.mutate('profile.update', { patch: { theme: 'dark' } });
    await phone.replicator.settle();
    await phone.sync();
    expect(phone.replicator.getStatus().pending).toBe(0);
    expect(await phone.db.local_queue.count()).toBe(0);
    expect(await phone.db.local_confirmed.count()).toBe(0);
  });
});
