import { ConfigError, loadConfig, type Config } from '../config/config';
import { DataDirInUseError } from '../db/data-dir-lock';
import type { Database } from '../db/database';
import { openConfiguredDatabase } from '../db/open-configured';

/**
 * Runs a command-line tool against the configured database (the same DATABASE_URL / DATA_DIR the
 * server reads), migrated first; any failure is one plain line and exit code 1. `prepare` (reading
 * the arguments and input) runs before the database is opened, so a mistake there is told at once.
 */
export async function runTool<T>(prepare: () => Promise<T>, work: (database: Database, prepared: T, config: Config) => Promise<void>): Promise<void> {
  try {
    const config = loadConfig(process.env);
    const prepared = await prepare();
    const { database, lock } = await openConfiguredDatabase(config);
    try {
      await database.migrate();
      await work(database, prepared, config);
    } finally {
      await database.close();
      lock?.release();
    }
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.problems.join('\n'));
    else if (error instanceof DataDirInUseError) {
      console.error(`${error.message} The embedded database can only be used by one process: stop the server, or use the admin page.`);
    } else console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
