import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../../server/app';
import { parseBackup } from '../../../../server/backup/backup-document';
import { AutomaticBackups, backupFileName, roomNeededForBackup, timeOfBackupFile } from '../../../../server/backup/automatic-backups';
import { seedEveryTable } from '../../../support/backup-fixtures';
import { useTestApp } from '../../../support/test-app';
import { drivers, openTestDatabase } from '../../../support/test-database';

const HOUR = 3_600_000;

describe('backup file names', () => {
  it('sort by time and give the time back', () => {
    const at = new Date('2026-11-25T09:05:03.042Z');
    expect(backupFileName(at)).toBe('backup-20261125T090503042Z.json');
    expect(timeOfBackupFile(backupFileName(at))).toEqual(at);
    expect(timeOfBackupFile('.backup-20261125T090503042Z.json.partial')).toBeNull();
    expect(timeOfBackupFile('notes.txt')).toBeNull();
  });
});

describe.each(drivers)('automatic backups on %s', (driver) => {
  const t = useTestApp(driver);
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsched-backups-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('backs up when due, keeps the newest BACKUP_KEEP, and reports the last time', async () => {
    // As on a real server, where the first admin exists before the first backup (restore needs one).
    await t.signedIn('admin');
    const dir = folder();
    let now = new Date('2026-11-25T00:00:00.000Z');
    const backups = new AutomaticBackups(t.database.db, { dir, intervalHours: 24, keep: 3, appVersion: 'test', now: () => now, checkEveryMs: 60_000 });
    await backups.start();
    await backups.stop();
    // None existed: the first one is taken at once, not a day later.
    expect(readdirSync(dir)).toEqual(['backup-20261125T000000000Z.json']);
    expect(backups.status()).toMatchObject({ lastAt: '2026-11-25T00:00:00.000Z', intervalHours: 24, keep: 3, lastError: null });

    now = new Date(now.getTime() + 23 * HOUR);
    await backups.runIfDue();
    expect(readdirSync(dir)).toHaveLength(1);

    for (let day = 1; day <= 4; day++) {
      now = new Date(Date.parse('2026-11-25T00:00:00.000Z') + day * 24 * HOUR);
      await backups.runIfDue();
    }
    expect(readdirSync(dir).sort()).toEqual([
      'backup-20261127T000000000Z.json',
      'backup-20261128T000000000Z.json',
      'backup-20261129T000000000Z.json',
    ]);
    expect(backups.status().lastAt).toBe('2026-11-29T00:00:00.000Z');
    // Each is a whole backup this server can restore.
    expect(() => parseBackup(readFileSync(join(dir, 'backup-20261129T000000000Z.json'), 'utf8'))).not.toThrow();
  });

  it('after a restart, picks up from the newest file instead of backing up again, and clears half-written ones', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'backup-20261125T060000000Z.json'), '{}');
    writeFileSync(join(dir, '.backup-20261125T120000000Z.json.partial'), '{"format":"technician-sch');
    const now = new Date('2026-11-25T12:00:00.000Z');
    const backups = new AutomaticBackups(t.database.db, { dir, intervalHours: 24, keep: 14, appVersion: 'test', now: () => now });
    await backups.start();
    await backups.stop();
    expect(readdirSync(dir)).toEqual(['backup-20261125T060000000Z.json']);
    expect(backups.status().lastAt).toBe('2026-11-25T06:00:00.000Z');
  });

  it('names a backup only once it is complete: a failed one leaves no file that looks like a backup', async () => {
    const dir = folder();
    const closed = await openTestDatabase(driver);
    await closed.close();
    const backups = new AutomaticBackups(closed.db, { dir, intervalHours: 1, keep: 14, appVersion: 'test' });
    const quiet = console.error;
    console.error = () => {};
    try {
      await backups.runNow();
    } finally {
      console.error = quiet;
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(backups.status()).toMatchObject({ lastAt: null, lastError: expect.any(String) as string });
  });

  it('keeps backups (password hashes, calendar secrets) readable by the server’s user only, even in a folder made open', async () => {
    const dir = folder();
    chmodSync(dir, 0o755);
    const backups = new AutomaticBackups(t.database.db, { dir, intervalHours: 24, keep: 14, appVersion: 'test' });
    await backups.start();
    await backups.stop();
    const [name] = readdirSync(dir);
    expect(name).toMatch(/^backup-/);
    expect(statSync(join(dir, name ?? '')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('on a disk too full for another backup writes nothing, says why, keeps the old ones, and rests before trying again', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'backup-20261124T000000000Z.json'), 'x'.repeat(1000));
    let now = new Date('2026-11-25T00:00:00.000Z');
    let free = roomNeededForBackup(1000) - 1;
    let asked = 0;
    const backups = new AutomaticBackups(t.database.db, {
      dir,
      intervalHours: 24,
      keep: 1,
      appVersion: 'test',
      now: () => now,
      freeBytes: () => {
        asked++;
        return Promise.resolve(free);
      },
    });
    const quiet = console.error;
    console.error = () => {};
    try {
      await backups.runIfDue();
      expect(readdirSync(dir)).toEqual(['backup-20261124T000000000Z.json']);
      expect(backups.status().lastError).toMatch(/Not enough free disk space/);
      // Tried every minute, a backup would fill the disk the database needs every minute.
      for (let minute = 1; minute < 60; minute++) {
        now = new Date(now.getTime() + 60_000);
        await backups.runIfDue();
      }
      expect(asked).toBe(1);
      free = roomNeededForBackup(1000);
      now = new Date(now.getTime() + 60_000);
      await backups.runIfDue();
      expect(asked).toBe(2);
      expect(readdirSync(dir)).toEqual([backupFileName(now)]);
      expect(backups.status().lastError).toBeNull();
    } finally {
      console.error = quiet;
    }
  });

  it('does not wait for a last backup dated in the future (a clock that was wrong) before taking the next', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'backup-20991231T000000000Z.json'), '{}');
    const now = new Date('2026-11-25T12:00:00.000Z');
    const backups = new AutomaticBackups(t.database.db, { dir, intervalHours: 24, keep: 14, appVersion: 'test', now: () => now });
    await backups.start();
    await backups.stop();
    expect(readdirSync(dir).sort()).toEqual([backupFileName(now), 'backup-20991231T000000000Z.json']);
    expect(backups.status().lastAt).toBe(now.toISOString());
  });

  it('on shutdown abandons a backup under way: no file that looks like a backup, no partial one, and the next start takes it', async () => {
    await seedEveryTable(t);
    const dir = folder();
    const now = new Date('2026-11-25T12:00:00.000Z');
    const options = { dir, intervalHours: 24, keep: 14, appVersion: 'test', now: () => now };
    const backups = new AutomaticBackups(t.database.db, options);
    const quiet = console.error;
    console.error = () => {};
    try {
      const under = backups.runNow();
      await backups.stop({ abandon: true });
      await under;
    } finally {
      console.error = quiet;
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(backups.status().lastError).toMatch(/shutting down/);
    const next = new AutomaticBackups(t.database.db, options);
    await next.start();
    await next.stop();
    expect(readdirSync(dir)).toEqual([backupFileName(now)]);
  });

  it('takes none with BACKUP_INTERVAL_HOURS=0', async () => {
    const dir = folder();
    const backups = new AutomaticBackups(t.database.db, { dir, intervalHours: 0, keep: 14, appVersion: 'test' });
    await backups.start();
    await backups.runIfDue();
    await backups.stop();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('shows the last backup time in /healthz and to admins', async () => {
    const dir = folder();
    const backups = new AutomaticBackups(t.database.db, { dir, intervalHours: 24, keep: 14, appVersion: 'test' });
    await backups.runNow();
    const app = createApp({ database: t.database, config: t.config, version: 'test', live: t.live, backups });
    const health = (await (await app.request('/healthz')).json()) as { lastBackupAt: string | null };
    expect(health.lastBackupAt).toBe(backups.status().lastAt);
    expect(Date.parse(health.lastBackupAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });
});
