import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database';

/*
 * Forgets what no device can still need, by the database's clock (the one pull uses to refuse
 * cursors older than the 90-day retention, TOMBSTONE_RETENTION_MS in pull.ts):
 * - tombstones and stored push results older than 91 days: a cursor that old is refused, and the
 *   extra day covers a deletion whose transaction began before, and committed after, the cursor
 *   that needs it was issued;
 * - sync clients (device databases) neither pushing nor pulling for 91 days, with their results:
 *   their cursor is refused anyway, and a push gets mutation_gap, so they start over;
 * - kept conflict values (sync_conflicts) after a year.
 * The limits are listed in docs/sync.md.
 */

export interface Purged {
  tombstones: number;
  results: number;
  clients: number;
  conflicts: number;
}

async function count(db: Db, statement: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`with gone as (${statement} returning 1) select count(*)::int as n from gone`);
  return row?.n ?? 0;
}

export async function purgeExpired(db: Db): Promise<Purged> {
  return {
    tombstones: await count(db, sql`delete from change_log where op = 'del' and changed_at < now() - interval '91 days'`),
    results: await count(db, sql`delete from sync_mutations where processed_at < now() - interval '91 days'`),
    clients: await count(db, sql`delete from sync_clients where last_seen_at < now() - interval '91 days'`),
    conflicts: await count(db, sql`delete from sync_conflicts where at < now() - interval '365 days'`),
  };
}
