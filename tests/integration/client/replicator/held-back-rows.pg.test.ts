import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { drivers } from '../../../support/test-database';
import { seededRandom } from '../../../support/random';
import { SimulatedDevice } from '../../../support/simulated-device';
import { SyncDevice } from '../../../support/sync-client';
import { startTestApp, type TestApp } from '../../../support/test-app';

/**
 * Issue 6, defect 1: a confirmed edit must not vanish from the device while the row that carries it
 * is held back behind an older transaction. Only real Postgres runs transactions side by side.
 */
describe.runIf(drivers.includes('postgres'))('a confirmed change whose row is held back, on postgres', () => {
  let t: TestApp;
  const devices: SimulatedDevice[] = [];
  beforeAll(async () => {
    t = await startTestApp('postgres');
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await t.close();
  });

  /** Opens a transaction that holds an xid (so the pull horizon cannot pass it) until released. */
  async function holdHorizon(): Promise<() => Promise<void>> {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const holding = new Promise<void>((r) => (started = r));
    const done = t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_current_xact_id()`);
      started();
      await released;
    });
    await holding;
    return async () => {
      release();
      await done;
    };
  }

  it('keeps showing a pushed title edit until the row that carries it arrives, then shows both edits', async () => {
    const a = await t.signedIn('technician');
    const deviceA = new SimulatedDevice(t, a.client, { id: a.userId, role: 'technician' }, seededRandom(1));
    devices.push(deviceA);
    const other = new SyncDevice((await t.signedIn('technician')).client);
    const id = crypto.randomUUID();
    await deviceA.replicator.mutate('ticket.create', { id, title: 'Boiler', priority: 'low' });
    await deviceA.sync();
    const base = (await deviceA.db.ticket.get(id))?.version ?? '0';
    expect(Number(base)).toBeGreaterThan(0);

    deviceA.offline = true;
    await deviceA.replicator.mutate('ticket.update', { id, baseVersion: base, patch: { title: 'Boiler in the basement' } });
    await deviceA.replicator.settle();
    deviceA.offline = false;

    let release: (() => Promise<void>) | undefined;
    deviceA.afterPush = async () => {
      deviceA.afterPush = undefined;
      // After A's edit committed: a transaction elsewhere takes an xid, then another device changes
      // another field of the same ticket, so the ticket's change-log entry moves above the horizon.
      release = await holdHorizon();
      expect((await other.do('ticket.update', { id, baseVersion: base, patch: { priority: 'urgent' } })).status).toBe('applied');
    };
    await deviceA.sync();
    try {
      expect(await deviceA.db.local_queue.count()).toBe(0);
      expect(deviceA.replicator.getStatus().pending).toBe(0);
      expect(await deviceA.db.ticket.get(id)).toMatchObject({ title: 'Boiler in the basement' });
    } finally {
      await release?.();
    }
    await deviceA.sync();
    expect(await deviceA.db.ticket.get(id)).toMatchObject({ title: 'Boiler in the basement', priority: 'urgent' });
    expect(await deviceA.db.local_confirmed.count()).toBe(0);
    expect(await deviceA.db.local_shadow.count()).toBe(0);
  });
});
