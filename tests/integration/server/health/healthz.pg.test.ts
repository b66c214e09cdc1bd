import { describe, expect, it } from 'vitest';
import { drivers } from '../../../support/test-database';
import { startTestApp, useTestApp } from '../../../support/test-app';

describe.each(drivers)('GET /healthz on %s', (driver) => {
  const t = useTestApp(driver);

  it('answers ok with the version and the last backup time when the database answers, without auth', async () => {
    const res = await t.client().request('GET', '/healthz');
    expect(res.status).toBe(200);
    // No automatic backups in this app: none taken yet (automatic-backups.pg.test.ts shows one).
    expect(res.body).toEqual({ status: 'ok', db: 'ok', version: 'test', lastBackupAt: null });
  });

  it('answers 503 db down once the database is gone', async () => {
    const other = await startTestApp(driver);
    await other.database.close();
    const res = await other.client().request('GET', '/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ db: 'down' });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.client().request('GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.code).toBe('not_found');
  });
});
