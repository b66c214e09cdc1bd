import { join, resolve } from 'node:path';
import type { Config } from '../config/config';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { openPglite, openPostgres, type Database } from './database';

/**
 * The database the configuration names: Postgres when DATABASE_URL is set, else the embedded
 * PGlite under DATA_DIR, opened only while holding the folder's lock (throws DataDirInUseError
 * when a live process has it). `npm start` and the command-line tools open it the same way.
 */
export async function openConfiguredDatabase(config: Config): Promise<{ database: Database; lock?: DataDirLock }> {
  if (config.databaseUrl) return { database: await openPostgres(config.databaseUrl) };
  const dataDir = resolve(config.dataDir);
  const pgliteDir = join(dataDir, 'pglite');
  const lock = acquireDataDirLock(dataDir, pgliteDir);
  try {
    return { database: await openPglite({ dataDir: pgliteDir }), lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}
