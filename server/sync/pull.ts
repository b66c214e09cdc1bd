import { eq, inArray, sql } from 'drizzle-orm';
import { syncClients } from '../../drizzle/schema';
import type { EntityName } from '../../sync/protocol/entities';
import type { Change, PullQuery, PullResponse } from '../../sync/protocol/pull';
import type { UserRow } from '../auth/sessions';
import { queryRows, type Db } from '../db/database';
import { withTransaction } from '../db/transaction';
import { ApiError } from '../http/api-error';
import { decodeCursor, encodeCursor, type Cursor } from './cursor';
import { entityTables, OWN_ROW_ENTITIES } from './entity-tables';
import { readFirstSyncPage } from './first-sync';
import { readEpoch } from './epoch';
import { resetRequired } from './errors';

/** Tombstones are kept this long; a cursor older than that cannot be continued (sync-protocol.md). */
export const TOMBSTONE_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

interface LogEntry extends Record<string, unknown> {
  entity: EntityName;
  entity_id: string;
  op: 'put' | 'del';
  xid_text: string;
  seq: string | number;
}

/**
 * `GET /api/sync/pull` (sync-protocol.md, Pull; the cursor technique is recipe 1 of
 * sync-cursor.md, see docs/decisions/004-pull-cursor.md).
 *
 * 1. One REPEATABLE READ snapshot for the whole answer, so rows, tombstones and lastMutationId agree.
 * 2. The horizon: the snapshot's xmin. Every transaction with a smaller id has finished, so changes
 *    below it can be handed out without any later commit landing behind the cursor.
 * 3. Changes after the cursor and below the horizon, in (xid, seq) order, one page; rows that
 *    belong to another user (OWN_ROW_ENTITIES) are left out. A first sync (no cursor) reads the
 *    current rows instead, in first-sync.ts's order, then continues from the horizon it began at.
 * 4. The current rows for the page's puts, read in the same snapshot.
 * 5. lastMutationId, bounded by the same horizon.
 */
export async function pull(db: Db, user: UserRow, query: PullQuery): Promise<PullResponse> {
  const { response, seenLongAgo } = await pullAnswer(db, user, query);
  // An incremental pull read last_seen_at in its snapshot: the update below changes nothing unless
  // it was over a day old there (a row made since is seen now), so it is skipped otherwise.
  if (seenLongAgo) await markSeen(db, query.clientId, user.id);
  return response;
}

/**
 * A device that only pulls is still in use: retention.ts forgets clients not seen for longer than
 * a cursor lives. At most one write a day per device, outside the read-only pull snapshot.
 */
async function markSeen(db: Db, clientId: string, userId: string): Promise<void> {
  await db.execute(
    sql`update sync_clients set last_seen_at = now()
         where client_id = ${clientId} and user_id = ${userId} and last_seen_at < now() - interval '1 day'`,
  );
}

interface Answer {
  response: PullResponse;
  /** The held-back change this answer waits for, if any (see pullAnswer). */
  heldXid: string | null;
  /** False only when the snapshot showed this device's sync_clients row seen within the day. */
  seenLongAgo: boolean;
}

async function pullAnswer(db: Db, user: UserRow, query: PullQuery): Promise<{ response: PullResponse; seenLongAgo: boolean }> {
  // Changes committed above the horizon wait for an older transaction still running elsewhere.
  // Usually that one is about to commit, so wait briefly for it rather than make the device come
  // back later: a device that pushed and then pulls gets its confirmation in this answer.
  // Waiting polls one cheap question (has the horizon passed the held-back change?) and builds the
  // answer again only once it has.
  const deadline = Date.now() + HELD_BACK_MAX_WAIT_MS;
  const from = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && !from) throw new ApiError(400, 'invalid', 'cursor: not a cursor from this server.');
  for (;;) {
    const answer = from && !from.f ? await pullIncremental(db, user, query, from) : await pullOnce(db, user, query);
    if (answer.heldXid === null || answer.response.hasMore || !(await horizonPasses(db, answer.heldXid, deadline))) return answer;
  }
}

async function horizonPasses(db: Db, xid: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const [row] = await queryRows<{ passed: boolean }>(db, sql`select pg_snapshot_xmin(pg_current_snapshot()) > ${xid}::xid8 as passed`);
    if (row?.passed) return true;
    await new Promise((r) => setTimeout(r, HELD_BACK_POLL_MS));
  }
  return false;
}

const HELD_BACK_POLL_MS = 20;
const HELD_BACK_MAX_WAIT_MS = 2_000;

/**
 * One answer built step by step in a REPEATABLE READ transaction, a query per question: how every
 * first-sync page is read, and the reference the one-statement incremental pull is tested against
 * (pull-one-statement.pg.test.ts).
 */
export async function pullStepByStep(db: Db, user: UserRow, query: PullQuery): Promise<PullResponse> {
  if (query.cursor !== undefined && !decodeCursor(query.cursor)) throw new ApiError(400, 'invalid', 'cursor: not a cursor from this server.');
  return (await pullOnce(db, user, query)).response;
}

async function pullOnce(db: Db, user: UserRow, query: PullQuery): Promise<Answer> {
  return withTransaction(
    db,
    'repeatable read',
    async (tx) => {
      const epoch = await readEpoch(tx);
      const from = query.cursor === undefined ? null : decodeCursor(query.cursor);
      if (query.cursor !== undefined && !from) throw new ApiError(400, 'invalid', 'cursor: not a cursor from this server.');
      if (from && from.e !== epoch) throw resetRequired('The server was reset or restored since this device last synced.');

      // The database's clock, never the app server's: retention.ts purges by it, so a cursor is
      // refused before any tombstone it needs can be gone, however the two clocks drift.
      const [snapshot] = await queryRows<{ horizon: string; now_ms: string }>(
        tx,
        sql`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon, (extract(epoch from now()) * 1000)::bigint::text as now_ms`,
      );
      const horizon = snapshot?.horizon ?? '0';
      const now = Number(snapshot?.now_ms ?? Date.now());
      if (from && now - from.t > TOMBSTONE_RETENTION_MS) throw resetRequired('This device has been away longer than deletions are kept.');

      let changes: Change[] = [];
      let hasMore = false;
      let next: Cursor | null = null;
      // Where the change log is read from, if it is: the cursor's position, or where a first sync began.
      let logFrom: { x: string; s: number } | null = from ? { x: from.x, s: from.s } : null;
      // Mutations are reported processed only below this: everything they wrote is in the rows read.
      let processedBelow = horizon;
      if (!from || from.f) {
        // A first sync: current rows, what a person sees first at the front (first-sync.ts). It
        // ends where it began, at the horizon of its first page; the change log from there
        // (xid ≥ h: change numbers start at 1, so (h, 0) is just below the first of them) sends
        // again whatever changed while the device was paging, in this page if it has room.
        const started = from?.f ?? { k: 0, i: '', a: now, h: horizon };
        const read = await readFirstSyncPage(tx, user.id, started.a, { tier: started.k, afterId: started.i }, query.limit);
        changes = read.changes;
        if (read.next) {
          hasMore = true;
          next = { e: epoch, x: '0', s: 0, t: now, f: { ...started, k: read.next.tier, i: read.next.afterId } };
          logFrom = null;
          processedBelow = started.h;
        } else {
          logFrom = { x: started.h, s: 0 };
        }
      }
      if (logFrom) {
        const room = query.limit - changes.length;
        const entries = room === 0
          ? []
          : await queryRows<LogEntry>(
              tx,
              // The text copy of xid is named `xid_text`: an output column called `xid` would make
              // ORDER BY sort the text ('10000' < '9'), not the xid8 column.
              sql`select entity, entity_id, op, xid::text as xid_text, seq
                    from change_log
                   where xid < ${horizon}::xid8
                     and (xid, seq) > (${logFrom.x}::xid8, ${logFrom.s}::bigint)
                     and (entity_id = ${user.id} or entity not in (${sql.join(OWN_ROW_ENTITIES.map((e) => sql`${e}`), sql`, `)}))
                   order by change_log.xid, change_log.seq
                   limit ${room + 1}`,
            );
        // A page the first sync's rows filled: the log is read from where it began by the next one.
        hasMore = room === 0 || entries.length > room;
        const page = entries.slice(0, room);
        changes = changes.concat(await materialize(tx, page));
        const last = page.at(-1);
        next = last ? { e: epoch, x: last.xid_text, s: Number(last.seq), t: now } : { e: epoch, x: logFrom.x, s: logFrom.s, t: now };
      }
      if (!next) throw new Error('pull: no cursor to answer with');
      const [client] = await tx
        .select({ userId: syncClients.userId, epoch: syncClients.epoch })
        .from(syncClients)
        .where(eq(syncClients.clientId, query.clientId));
      if (client && client.userId !== user.id) throw new ApiError(403, 'forbidden', 'This client id belongs to another user.');
      // Step 5: the last mutation whose transaction is below the horizon too, so the device never
      // drops a queued mutation before the page that carries its effects.
      const [processed] = client && client.epoch === epoch
        ? await queryRows<{ id: string }>(
            tx,
            sql`select mutation_id as id from sync_mutations
                 where client_id = ${query.clientId} and xid < ${processedBelow}::xid8
                 order by mutation_id desc limit 1`,
          )
        : [];
      const lastMutationId = Number(processed?.id ?? 0);
      // Anything at or above the horizon is after the cursor too (the cursor is below an older
      // horizon). ORDER BY … LIMIT 1 keeps this an index probe however large the log is.
      // So is this device's own latest processed mutation, even one that changed no row (a no-op
      // update): waiting for it lets the device confirm what it just pushed in this answer.
      const held = hasMore
        ? []
        : await queryRows<{ held_xid: string }>(
            tx,
            sql`select min(x)::text as held_xid from (
                  (select xid as x from change_log where xid >= ${horizon}::xid8 order by change_log.xid limit 1)
                  union all
                  (select xid as x from sync_mutations where client_id = ${query.clientId}
                    order by mutation_id desc limit 1)
                ) held where x >= ${horizon}::xid8`,
          );
      return { response: { cursor: encodeCursor(next), lastMutationId, hasMore, changes }, heldXid: held[0]?.held_xid ?? null, seenLongAgo: true };
    },
    { accessMode: 'read only' },
  );
}

const horizonNow = sql`pg_snapshot_xmin(pg_current_snapshot())`;

/** A put's current row as its wire JSON (EntityTable.wireJson), for a change_log entry `p`. */
const wireRowOfEntry = sql`case p.entity ${sql.join(
  Object.entries(entityTables).map(([name, t]) => sql`when ${name}::text then (select ${t.wireJson} from ${t.table} where ${t.id} = p.entity_id)`),
  sql` `,
)} end`;

interface IncrementalRow extends Record<string, unknown> {
  epoch: string | null;
  horizon: string;
  now_ms: string;
  client_user_id: string | null;
  client_epoch: string | null;
  seen_long_ago: boolean | null;
  processed: string | null;
  held_xid: string | null;
  /** [entity, entity_id, op, xid, seq, row JSON or null] per entry, in (xid, seq) order. */
  page: string | null;
}

/**
 * An incremental pull (a cursor past the first sync) in ONE statement, so one round trip: the
 * epoch, the horizon and the database's clock, this device's sync_clients row, its processed
 * lastMutationId, the held-back probe and the change-log page with its rows, exactly the
 * questions pullOnce asks one by one. A single statement reads one snapshot (every subquery and
 * CTE of it sees the same one, pg_current_snapshot() included), which is all the REPEATABLE READ
 * transaction was for: rows, tombstones and lastMutationId agree as before. It is read-only, so
 * nothing can fail to serialize. The page is read even when a check below then refuses the
 * request; the checks run in pullOnce's order, so a refusal is the same refusal.
 */
async function pullIncremental(db: Db, user: UserRow, query: PullQuery, from: Cursor): Promise<Answer> {
  const [r] = await queryRows<IncrementalRow>(
    db,
    sql`with page as (
          select entity, entity_id, op, xid, seq
            from change_log
           where xid < ${horizonNow}
             and (xid, seq) > (${from.x}::xid8, ${from.s}::bigint)
             and (entity_id = ${user.id} or entity not in (${sql.join(OWN_ROW_ENTITIES.map((e) => sql`${e}`), sql`, `)}))
           order by change_log.xid, change_log.seq
           limit ${query.limit + 1}
        )
        select (select value from server_meta where key = 'epoch') as epoch,
               ${horizonNow}::text as horizon,
               (extract(epoch from now()) * 1000)::bigint::text as now_ms,
               c.user_id::text as client_user_id,
               c.epoch as client_epoch,
               c.last_seen_at < now() - interval '1 day' as seen_long_ago,
               -- Named, not mutation_id: ORDER BY would sort the text ('9' > '60').
               (select mutation_id::text as id_text from sync_mutations
                 where client_id = ${query.clientId} and xid < ${horizonNow}
                 order by sync_mutations.mutation_id desc limit 1) as processed,
               (select min(x)::text from (
                  (select xid as x from change_log where xid >= ${horizonNow} order by change_log.xid limit 1)
                  union all
                  (select xid as x from sync_mutations where client_id = ${query.clientId}
                    order by sync_mutations.mutation_id desc limit 1)
                ) held where x >= ${horizonNow}) as held_xid,
               (select json_agg(json_build_array(p.entity, p.entity_id, p.op, p.xid::text, p.seq::text,
                                                 case when p.op = 'put' then ${wireRowOfEntry} end)
                                order by p.xid, p.seq)::text
                  from page p) as page
          from (select 1) as one
          left join sync_clients c on c.client_id = ${query.clientId}`,
  );
  if (!r?.epoch) throw new Error('server_meta has no epoch: migrations did not run');
  const epoch = r.epoch;
  if (from.e !== epoch) throw resetRequired('The server was reset or restored since this device last synced.');
  const now = Number(r.now_ms);
  if (now - from.t > TOMBSTONE_RETENTION_MS) throw resetRequired('This device has been away longer than deletions are kept.');
  const entries = JSON.parse(r.page ?? '[]') as [EntityName, string, 'put' | 'del', string, string, Record<string, unknown> | null][];
  const hasMore = entries.length > query.limit;
  const page = entries.slice(0, query.limit);
  const changes: Change[] = [];
  for (const [entity, id, op, , version, row] of page) {
    if (op === 'del') changes.push({ entity, id, op: 'del', version });
    // In one snapshot a put's row exists; this guards against a log entry without its row.
    else if (row) changes.push({ entity, id, op: 'put', version, row });
  }
  const last = page.at(-1);
  const next: Cursor = last ? { e: epoch, x: last[3], s: Number(last[4]), t: now } : { e: epoch, x: from.x, s: from.s, t: now };
  if (r.client_user_id !== null && r.client_user_id !== user.id) throw new ApiError(403, 'forbidden', 'This client id belongs to another user.');
  const lastMutationId = r.client_user_id !== null && r.client_epoch === epoch ? Number(r.processed ?? 0) : 0;
  return {
    response: { cursor: encodeCursor(next), lastMutationId, hasMore, changes },
    heldXid: hasMore ? null : r.held_xid,
    seenLongAgo: r.seen_long_ago === true,
  };
}

/** Turns log entries into changes, reading each entity's rows with one query. */
async function materialize(tx: Db, page: LogEntry[]): Promise<Change[]> {
  const idsByEntity = new Map<EntityName, string[]>();
  for (const e of page) {
    if (e.op !== 'put') continue;
    const ids = idsByEntity.get(e.entity);
    if (ids) ids.push(e.entity_id);
    else idsByEntity.set(e.entity, [e.entity_id]);
  }
  const rows = new Map<string, Record<string, unknown>>();
  for (const [entity, ids] of idsByEntity) {
    const t = entityTables[entity];
    for (const row of await tx.select(t.wireColumns).from(t.table).where(inArray(t.id, ids))) {
      rows.set(`${entity}:${String(row.id)}`, t.toWire(row));
    }
  }
  const changes: Change[] = [];
  for (const e of page) {
    const version = String(e.seq);
    if (e.op === 'del') {
      changes.push({ entity: e.entity, id: e.entity_id, op: 'del', version });
      continue;
    }
    const row = rows.get(`${e.entity}:${e.entity_id}`);
    // In one snapshot a put's row exists; this guards against a log entry without its row.
    if (row) changes.push({ entity: e.entity, id: e.entity_id, op: 'put', version, row });
  }
  return changes;
}
