import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openPglite, openPostgres, pgliteExtensions, type Database, type Driver } from '../../server/db/database';
import { maintenanceUrl, testDatabasePrefix } from './global-setup';

/** The drivers this run covers: always PGlite; real Postgres too when DATABASE_URL is set. */
export const drivers: Driver[] = inject('postgresTemplateUrl') ? ['pglite', 'postgres'] : ['pglite'];

/** A freshly migrated database of its own for one test file (or one describe block). */
export async function openTestDatabase(driver: Driver, options: { max?: number } = {}): Promise<Database> {
  if (driver === 'pglite') {
    const dump = new Blob([readFileSync(inject('pgliteTemplate'))]);
    return openPglite({ instance: new PGlite({ loadDataDir: dump, extensions: pgliteExtensions() }) });
  }
  const { url, drop } = await createPostgresTestDatabase();
  const database = await openPostgres(url, { max: options.max ?? 10 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** A migrated Postgres database of its own (a copy of the run's template), for tests that need a URL. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const templateUrl = inject('postgresTemplateUrl');
  if (!templateUrl) throw new Error('No Postgres template: DATABASE_URL is not set');
  const template = new URL(templateUrl).pathname.slice(1);
  const name = `${testDatabasePrefix(templateUrl)}${randomBytes(6).toString('hex')}`;
  const admin = postgres(maintenanceUrl(templateUrl), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(maintenanceUrl(templateUrl), { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
