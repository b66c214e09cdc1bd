import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { APP_ROOT } from '../app-root';

export const migrationsFolder = join(APP_ROOT, 'drizzle', 'migrations');

/** Any constant works; it only has to be the same in every server process. */
const MIGRATION_LOCK = 7_141_001;

/** drizzle-kit's CLI cannot migrate PGlite once btree_gist is involved, so drizzle-orm's migrator runs it. */
export async function migratePgliteDatabase(db: PgliteDatabase<Record<string, unknown>>): Promise<void> {
  await migratePglite(db, { migrationsFolder });
}

/**
 * Several servers may start at once against one Postgres: they take turns behind a session-level
 * advisory lock on a dedicated connection, so each sees the others' finished migrations.
 */
export async function migratePostgresDatabase(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzlePostgres({ client });
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await migratePostgres(db, { migrationsFolder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
