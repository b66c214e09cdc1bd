import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { requireAdmin } from '../auth/middleware';
import { ApiError } from '../http/api-error';
import { jsonBodyLimit } from '../http/body-limit';
import { InvalidBackupError, parseBackup } from './backup-document';
import { backupFileName } from './automatic-backups';
import { restoreBackup } from './restore-backup';
import { writeBackupFile } from './write-backup';

/**
 * Largest backup the restore endpoint reads. The document is checked whole before anything changes,
 * so it is held in memory with its rows: about six times its size at the peak (decision 017).
 */
export const RESTORE_BODY_LIMIT = 256 * 1024 * 1024;

const TOO_LARGE =
  'This backup is larger than the 256 MiB the admin page can restore. Nothing was changed: restore it on the server with `npm run restore -- FILE` (see README, Operations).';

/**
 * The admin check runs before the body limit: for a body without Content-Length the limit reads
 * (buffers) the body to count it, and nobody but an admin may make the server hold 256 MiB.
 */
const adminOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireAdmin(c);
  await next();
};

const invalidBackup = (error: InvalidBackupError) => new ApiError(400, 'invalid_backup', error.message);

/**
 * `GET /api/admin/backup`, `POST /api/admin/restore`, `GET /api/admin/backup/status` (api.md, Backup).
 *
 * A download is written to a temporary file first, then sent: the database snapshot is read at
 * disk speed and released, instead of staying open for as long as a slow browser takes (an open
 * snapshot holds back every device's pull, sync-cursor.md).
 */
export function backupRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>()
    .get('/backup', adminOnly, async (c) => {
      const dir = await mkdtemp(join(tmpdir(), 'tsched-backup-'));
      const path = join(dir, 'backup.json');
      try {
        await writeBackupFile(db, path, { appVersion: deps.version });
        const file = await open(path);
        // The open handle keeps the data readable; the name can go at once.
        await rm(dir, { recursive: true, force: true });
        const { size } = await file.stat();
        c.header('Content-Type', 'application/json; charset=utf-8');
        c.header('Content-Length', String(size));
        c.header('Content-Disposition', `attachment; filename="technician-scheduler-${backupFileName(new Date()).slice('backup-'.length)}"`);
        c.header('Cache-Control', 'no-store');
        return c.body(Readable.toWeb(file.createReadStream()) as ReadableStream);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    })
    .post('/restore', adminOnly, jsonBodyLimit(RESTORE_BODY_LIMIT, TOO_LARGE), async (c) => {
      try {
        const backup = parseBackup(await c.req.text());
        const result = await restoreBackup(db, backup);
        for (const sessionId of result.endedSessions) await deps.live.sessionsEnded({ sessionId });
        return c.json({ restored: result.restored });
      } catch (error) {
        if (error instanceof InvalidBackupError) throw invalidBackup(error);
        throw error;
      }
    })
    .get('/backup/status', adminOnly, (c) => {
      return c.json({ automatic: deps.backups?.status() ?? null });
    });
}
