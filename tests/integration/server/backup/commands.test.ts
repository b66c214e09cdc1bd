import { spawnSync } from 'node:child_process';
import { constants } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../../../server/backup/write-backup';
import { asRestored, seedEveryTable } from '../../../support/backup-fixtures';
import { useTestApp } from '../../../support/test-app';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

/** `npm run backup|restore -- …` as a person types it (npm only adds the script around it). */
function run(command: 'backup' | 'restore', args: string[], dataDir: string) {
  const result = spawnSync(process.execPath, ['scripts/server-command.mjs', command, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

type Doc = { tables: Record<string, { key?: string }[]> };
const withoutEpoch = (doc: Doc) => ({ ...doc.tables, server_meta: doc.tables.server_meta?.filter((r) => r.key !== 'epoch') });

describe('npm run backup and npm run restore', () => {
  const t = useTestApp('pglite');
  const dir = mkdtempSync(join(tmpdir(), 'tsched-commands-'));
  const dataDir = join(dir, 'data');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('restore a backup file into the embedded database, and back it up again to the same rows', async () => {
    await seedEveryTable(t);
    const chunks: string[] = [];
    await writeBackup(t.database.db, async (c) => void chunks.push(c), { appVersion: 'test' });
    const source = join(dir, 'source.json');
    writeFileSync(source, chunks.join(''));

    const restored = run('restore', [source], dataDir);
    expect(restored.out).toMatch(/^Restored \d+ rows in \d+ tables from /m);
    expect(restored.status).toBe(0);

    const copy = join(dir, 'copy.json');
    const backedUp = run('backup', ['--out', copy], dataDir);
    expect(backedUp.out).toMatch(/^Backed up \d+ rows in \d+ tables to /m);
    expect(backedUp.status).toBe(0);
    const original = JSON.parse(chunks.join('')) as Doc;
    expect(withoutEpoch(JSON.parse(readFileSync(copy, 'utf8')) as Doc)).toEqual(asRestored(withoutEpoch(original)));
  }, 180_000);

  it('refuse a damaged file, a missing argument, and a DATA_DIR a running server holds, each with one plain line', () => {
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, '{"format":"technician-scheduler-backup","version":1,"createdAt":"x","tables":{"users":[');
    expect(run('restore', [damaged], dataDir)).toMatchObject({ status: 1, out: expect.stringMatching(/not complete JSON: it may be truncated/) as string });
    // Sparse: as large as a restore can never read, without taking the disk space.
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, constants.MAX_STRING_LENGTH + 1);
    expect(run('restore', [huge], dataDir)).toMatchObject({ status: 1, out: expect.stringMatching(/huge\.json is \d+ MiB: larger than the \d+ MiB a restore can read\. Nothing was changed\.\n$/) as string });
    expect(run('backup', [], dataDir)).toMatchObject({ status: 1, out: expect.stringMatching(/Usage: npm run backup -- --out FILE/) as string });

    // A live process (this test runner) holds the folder, as a running server would.
    writeFileSync(join(dataDir, 'server.lock'), `${process.pid}\n`);
    try {
      const held = run('restore', [join(dir, 'source.json')], dataDir);
      expect(held.status).toBe(1);
      expect(held.out).toMatch(new RegExp(`in use by another server \\(process ${process.pid}\\).*stop the server, or use the admin page`));
    } finally {
      rmSync(join(dataDir, 'server.lock'));
    }
  }, 180_000);
});
