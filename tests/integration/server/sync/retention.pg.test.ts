import { afterEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { TOMBSTONE_RETENTION_MS } from '../../../../server/sync/pull';
import { purgeExpired } from '../../../../server/sync/retention';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';
import { SyncDevice } from '../../../support/sync-client';

describe.each(drivers)('sync retention on %s', (driver) => {
  const t = useTestApp(driver);
  afterEach(() => vi.useRealTimers());

  it('purges tombstones and push results older than the retention, and keeps newer ones and live rows', async () => {
    const admin = new SyncDevice((await t.signedIn('admin')).client);
    const [oldId, newId, liveId] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    for (const id of [oldId, newId, liveId]) await admin.do('category.create', { id, name: 'Temp' });
    await admin.do('category.delete', { id: oldId, baseVersion: '0' });
    await admin.do('category.delete', { id: newId, baseVersion: '0' });
    await t.database.rows(sql`update change_log set changed_at = now() - interval '92 days' where entity_id = ${oldId}`);
    await t.database.rows(sql`update sync_mutations set processed_at = now() - interval '92 days' where client_id = ${admin.clientId} and mutation_id = 1`);

    const purged = await purgeExpired(t.database.db);
    expect(purged).toMatchObject({ tombstones: 1, results: 1 });
    const left = await t.database.rows<{ id: string; op: string }>(sql`select entity_id as id, op from change_log where entity_id in (${oldId}, ${newId}, ${liveId})`);
    expect(left.map((r) => [r.id, r.op]).sort()).toEqual([[liveId, 'put'], [newId, 'del']].sort());
  });

  // PGlite runs in this process and reads its clock from it: only a separate server has its own.
  it.runIf(driver === 'postgres')('judges cursor age and tombstone age by the database’s clock, so an app server clock running ahead loses nothing', async () => {
    const signedIn = await t.signedIn('admin');
    const admin = new SyncDevice(signedIn.client);
    await admin.pullAll();
    const id = crypto.randomUUID();
    await admin.do('category.create', { id, name: 'Short-lived' });
    await admin.do('category.delete', { id, baseVersion: '0' });
    // The app server's clock jumps 100 days ahead; the database's does not.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + TOMBSTONE_RETENTION_MS + 10 * 24 * 3600_000 });
    expect(await purgeExpired(t.database.db)).toMatchObject({ tombstones: 0 });
    // Sessions expire by the app's clock (they are the app's own), so sign in again at its "now".
    admin.http.cookie = undefined;
    expect((await admin.http.login(signedIn.email)).status).toBe(200);
    const changes = await admin.pullAll();
    expect(changes.filter((c) => c.id === id).map((c) => c.op)).toEqual(['del']);
  });

  it('forgets device records not seen for longer than a cursor lives, keeps those that still pull, and kept conflicts after a year', async () => {
    const admin = new SyncDevice((await t.signedIn('admin')).client);
    const puller = new SyncDevice(admin.http);
    const id = crypto.randomUUID();
    await admin.do('category.create', { id, name: 'Old' });
    await puller.do('category.update', { id, baseVersion: '0', patch: { name: 'Older' } });
    await admin.do('category.update', { id, baseVersion: '0', patch: { name: 'Oldest' } });
    await t.database.rows(sql`update sync_clients set last_seen_at = now() - interval '92 days' where client_id in (${admin.clientId}, ${puller.clientId})`);
    await t.database.rows(sql`update sync_conflicts set at = now() - interval '366 days' where entity_id = ${id}`);
    // This device keeps pulling: that counts as being seen.
    await puller.pullAll();

    const purged = await purgeExpired(t.database.db);
    expect(purged).toMatchObject({ clients: 1, conflicts: 1 });
    const clients = await t.database.rows<{ id: string }>(sql`select client_id as id from sync_clients where client_id in (${admin.clientId}, ${puller.clientId})`);
    expect(clients.map((c) => c.id)).toEqual([puller.clientId]);
    // The forgotten device's next push is told to start over rather than silently misnumbered.
    const res = await admin.pushRaw([admin.mutation('category.update', { id, baseVersion: '0', patch: { name: 'Again' } })]);
    expect(res.status).toBe(409);
    expect(res.code).toBe('mutation_gap');
  });
});
