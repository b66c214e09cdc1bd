import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { purgeExpired } from '../../../../server/sync/retention';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';
import { SyncDevice } from '../../../support/sync-client';

describe.each(drivers)('sync retention on %s', (driver) => {
  const t = useTestApp(driver);

  it('purges tombstones and push results older than 90 days, and keeps newer ones and live rows', async () => {
    const admin = new SyncDevice((await t.signedIn('admin')).client);
    const [oldId, newId, liveId] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    for (const id of [oldId, newId, liveId]) await admin.do('category.create', { id, name: 'Temp' });
    await admin.do('category.delete', { id: oldId, baseVersion: '0' });
    await admin.do('category.delete', { id: newId, baseVersion: '0' });
    await t.database.rows(sql`update change_log set changed_at = now() - interval '91 days' where entity_id = ${oldId}`);
    await t.database.rows(sql`update sync_mutations set processed_at = now() - interval '91 days' where mutation_id = 1`);

    const purged = await purgeExpired(t.database.db);
    expect(purged).toEqual({ tombstones: 1, results: 1 });
    const left = await t.database.rows<{ id: string; op: string }>(sql`select entity_id as id, op from change_log where entity_id in (${oldId}, ${newId}, ${liveId})`);
    expect(left.map((r) => [r.id, r.op]).sort()).toEqual([[liveId, 'put'], [newId, 'del']].sort());
  });
});
