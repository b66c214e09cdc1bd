import { and, gt, inArray, isNull, not, sql, type SQL } from 'drizzle-orm';
import { schedules, tickets } from '../../drizzle/schema';
import type { EntityName } from '../../sync/protocol/entities';
import type { Change } from '../../sync/protocol/pull';
import { queryRows, type Db } from '../db/database';
import { entityTables } from './entity-tables';

/**
 * A device's first sync reads the current rows, not the change log, in an order that puts what a
 * person sees first at the front: people, places and the other small lists, the shifts around
 * today, the open tickets; then everything else (docs/decisions/022-first-sync-order.md). Within a
 * tier rows go by id, so a tier is paged with a plain `id > last` bound.
 *
 * Rows are read in each page's own snapshot, so pages can disagree about a row changed while the
 * device was paging; that is why the phase ends at the horizon recorded when it began: every change
 * from then on is sent again, incrementally, after the last tier (sync-cursor.md, "A first sync
 * reads a consistent snapshot in pages").
 */

/** Shifts starting this close to the sync's start are "this week's", whatever the user's timezone. */
const AROUND_NOW_MS = 8 * 24 * 60 * 60 * 1000;
const OPEN_STATUSES = ['open', 'in_progress', 'pending'] as const;

export interface Tier {
  entity: EntityName;
  /** Which of the entity's rows belong to the tier; `at` is when the first sync began (ms). */
  where?: (at: number, userId: string) => SQL | undefined;
}

function aroundNow(at: number): SQL | undefined {
  return and(sql`${schedules.startsAt} >= ${new Date(at - AROUND_NOW_MS).toISOString()}::timestamptz`, sql`${schedules.startsAt} < ${new Date(at + AROUND_NOW_MS).toISOString()}::timestamptz`);
}
const openTicket = () => and(inArray(tickets.status, [...OPEN_STATUSES]), isNull(tickets.archivedAt));

/** Every entity appears, and each row falls into exactly one tier (a tier and its complement). */
export const FIRST_SYNC_TIERS: readonly Tier[] = [
  { entity: 'user' },
  { entity: 'location' },
  { entity: 'category' },
  { entity: 'quickLink' },
  { entity: 'mailSettings', where: (_at, userId) => sql`${entityTables.mailSettings.id} = ${userId}` },
  { entity: 'schedule', where: aroundNow },
  { entity: 'ticket', where: openTicket },
  { entity: 'timeOff' },
  { entity: 'schedule', where: (at) => not(aroundNow(at) ?? sql`false`) },
  { entity: 'ticket', where: () => not(openTicket() ?? sql`false`) },
  { entity: 'comment' },
  { entity: 'ticketHistory' },
];

/** Where the first sync stands: the tier and the last id handed out in it. */
export interface FirstSyncPosition {
  tier: number;
  afterId: string;
}

/**
 * Up to `limit` rows from `from` on, in tier order; `next` is null once the last tier is done.
 * `at` fixes the tiers' time window for the whole first sync, so a row cannot move out of one
 * tier and into another by the clock alone.
 */
export async function readFirstSyncPage(tx: Db, userId: string, at: number, from: FirstSyncPosition, limit: number): Promise<{ changes: Change[]; next: FirstSyncPosition | null }> {
  const changes: Change[] = [];
  let { tier, afterId } = from;
  while (tier < FIRST_SYNC_TIERS.length) {
    const spec = FIRST_SYNC_TIERS[tier];
    if (!spec) break;
    const t = entityTables[spec.entity];
    const want = limit - changes.length;
    // One JSON text for the slice, rows in id order: see EntityTable.wireJson.
    const [slice] = await queryRows<{ rows: string | null; n: number }>(
      tx,
      sql`select json_agg(r.j order by r.id)::text as rows, count(*)::int as n from (
            select ${t.id} as id, ${t.wireJson} as j from ${t.table}
             where ${and(spec.where?.(at, userId), afterId ? gt(t.id, afterId) : undefined) ?? sql`true`}
             order by ${t.id} limit ${want + 1}) r`,
    );
    const rows = (JSON.parse(slice?.rows ?? '[]') as Record<string, unknown>[]).slice(0, want);
    for (const row of rows) {
      const id = String(row.id);
      changes.push({ entity: spec.entity, id, op: 'put', version: String(row.version), row });
      afterId = id;
    }
    if ((slice?.n ?? 0) > want) return { changes, next: { tier, afterId } };
    tier += 1;
    afterId = '';
    if (changes.length === limit) break;
  }
  return { changes, next: tier < FIRST_SYNC_TIERS.length ? { tier, afterId } : null };
}
