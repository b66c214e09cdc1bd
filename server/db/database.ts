import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../../drizzle/schema';
import { migratePgliteDatabase, migratePostgresDatabase } from './migrate';

/** The Drizzle handle every query goes through, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Driver = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  driver: Driver;
  /** Rows of a raw SQL statement: the drivers shape `execute()` results differently. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** LISTENs on a channel; resolves to a function that stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  /** Brings the schema up to date with `drizzle/migrations`. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** Rows of a raw SQL statement on any handle (database or transaction), whichever the driver. */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? [...result] : result.rows;
}

export function pgliteExtensions() {
  return { btree_gist };
}

/** Opens the embedded database in `dataDir` (or wraps an instance a test already has). */
export async function openPglite(source: { dataDir: string } | { instance: PGlite }): Promise<Database> {
  const client =
    'instance' in source ? source.instance : new PGlite(source.dataDir, { extensions: pgliteExtensions() });
  await client.waitReady;
  const pgliteDb = drizzlePglite({ client, schema });
  const db = pgliteDb as unknown as Db;
  return {
    db,
    migrate: () => migratePgliteDatabase(pgliteDb),
    listen: async (channel, onNotify) => {
      const stop = await client.listen(channel, onNotify);
      return async () => {
        if (!client.closed) await stop();
      };
    },
    notify: async (channel, payload) => {
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    driver: 'pglite',
    rows: (query) => queryRows(db, query),
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // A forgotten open transaction would hold back the pull horizon for everyone (sync-cursor.md).
    connection: { idle_in_transaction_session_timeout: 15_000, application_name: 'technician-scheduler' },
  });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  return {
    db,
    migrate: () => migratePostgresDatabase(url),
    listen: async (channel, onNotify) => {
      const { unlisten } = await client.listen(channel, onNotify);
      return unlisten;
    },
    notify: async (channel, payload) => {
      await client.notify(channel, payload);
    },
    driver: 'postgres',
    rows: (query) => queryRows(db, query),
    close: async () => {
      await client.end({ timeout: 5 });
    },
  };
}
