import { describe, expect, it } from 'vitest';
import { MAX_BACKUP_DEPTH } from '../../../../server/backup/backup-document';
import { CURRENT_SCHEMA, MIGRATION_TAGS } from '../../../../server/backup/schema-version';
import { readEpoch } from '../../../../server/sync/epoch';
import { downloadBackup, seedEveryTable, tableSnapshot, type BackupDoc } from '../../../support/backup-fixtures';
import { ORIGIN, useTestApp } from '../../../support/test-app';
import { drivers } from '../../../support/test-database';

describe.each(drivers)('restoring a hostile document on %s', (driver) => {
  const t = useTestApp(driver);

  it('refuses, with 400 invalid_backup and no change, documents made to crash the checks or lock everyone out', async () => {
    const { admin } = await seedEveryTable(t);
    const text = await downloadBackup(admin.http);
    expect((JSON.parse(text) as { schema?: string }).schema).toBe(CURRENT_SCHEMA);
    const before = await tableSnapshot(t.database.db);
    const epoch = await readEpoch(t.database.db);
    const edited = (edit: (doc: BackupDoc) => void) => {
      const doc = JSON.parse(text) as BackupDoc;
      edit(doc);
      return JSON.stringify(doc);
    };
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    const firstTicket = (d: BackupDoc) => d.tables.tickets?.[0] ?? {};
    const cases: [string, string, RegExp][] = [
      // A JSON column nested deep enough to overflow the recursive row checks: was a 500.
      ['a JSON column nested 5,000 deep', text.replace(/"fieldVersions":\{[^}]*\}/, `"fieldVersions":${nested(5_000)}`), /levels deep/],
      ['a JSON column nested 100,000 deep', text.replace(/"fieldVersions":\{[^}]*\}/, `"fieldVersions":${nested(100_000)}`), /levels deep/],
      ['a JSON column one level too deep', edited((d) => (firstTicket(d).fieldVersions = JSON.parse(nested(MAX_BACKUP_DEPTH - 3)) as unknown)), /levels deep/],
      // JSON.parse keeps "__proto__" as a key; a copy made by assignment silently drops it: was restored.
      ['a table named __proto__', text.replace('"tables":{', '"tables":{"__proto__":[],'), /Unknown tables.*__proto__/],
      // No admin left: nobody could manage users or restore again (the first admin is only made on an empty database).
      ['no active admin', edited((d) => d.tables.users?.forEach((u) => (u.role = 'technician'))), /no active administrator/],
      // A schema other than this server's: said in plain words, not as a missing or unknown column.
      ['a backup from before the last update', edited((d) => ((d as { schema?: string }).schema = MIGRATION_TAGS.at(-2))), /older version.*then update/],
      ['a backup from a newer version', edited((d) => ((d as { schema?: string }).schema = '9999_from_the_future')), /newer version.*Update this server first/],
      ['only a deactivated admin', edited((d) => d.tables.users?.forEach((u) => (u.active = false))), /no active administrator/],
      ['no users at all', edited((d) => (d.tables.users = [])), /no active administrator/],
    ];
    for (const [what, body, message] of cases) {
      const res = await admin.http.request('POST', '/api/admin/restore', body);
      expect(res.status, what).toBe(400);
      expect(res.code, what).toBe('invalid_backup');
      expect((res.body as { error: { message: string } }).error.message, what).toMatch(message);
    }
    expect(await tableSnapshot(t.database.db)).toEqual(before);
    expect(await readEpoch(t.database.db)).toBe(epoch);
  });

  it('refuses a restore posted from another site (CSRF) or with no Origin, even with the admin’s cookie', async () => {
    const { admin } = await seedEveryTable(t);
    const text = await downloadBackup(admin.http);
    const before = await tableSnapshot(t.database.db);
    for (const origin of [{ origin: 'https://evil.example' }, {}] as Record<string, string>[]) {
      const res = await t.app.request('/api/admin/restore', {
        method: 'POST',
        body: text,
        headers: { 'content-type': 'application/json', cookie: admin.http.cookie ?? '', ...origin },
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf');
    }
    expect(await tableSnapshot(t.database.db)).toEqual(before);
  });

  it('answers someone who is not an admin before reading the upload, so no one else can make the server hold 256 MiB', async () => {
    const tech = await t.signedIn('technician');
    let sent = 0;
    // A body with no Content-Length that never ends: reading it first would never answer.
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        return new Promise((resolve) => setTimeout(resolve, 1));
      },
    });
    const send = (cookie: string | undefined) =>
      t.app.request('/api/admin/restore', {
        method: 'POST',
        body: endless,
        duplex: 'half',
        headers: { origin: ORIGIN, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      } as RequestInit);
    const res = await send(tech.client.cookie);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect(sent * 64 * 1024).toBeLessThan(16 * 1024 * 1024);
  });

  it('answers a 300 MB upload with 413 and a way out, before reading it, and changes nothing', async () => {
    const { admin } = await seedEveryTable(t);
    const before = await tableSnapshot(t.database.db);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        return new Promise((resolve) => setTimeout(resolve, 1));
      },
    });
    const res = await t.app.request('/api/admin/restore', {
      method: 'POST',
      body: endless,
      duplex: 'half',
      headers: { origin: ORIGIN, 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024), cookie: admin.http.cookie ?? '' },
    } as RequestInit);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.message).toMatch(/256 MiB.*npm run restore/);
    expect(sent * 64 * 1024).toBeLessThan(16 * 1024 * 1024);
    expect(await tableSnapshot(t.database.db)).toEqual(before);
  });
});
