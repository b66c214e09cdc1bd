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
 * 1. One snapshot for the whole answer, so rows, tombstones and lastMutationId agree: an
 *    incremental pull is one statement, answering every request from the same cursor position
 *    that arrived meanwhile (readBatch, IncrementalPulls); a first-sync page is a REPEATABLE READ
 *    transaction asking one question at a time (pullOnce). See docs/decisions/029-one-statement-pull.md.
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

/** One device's incremental pull waiting to be answered (its cursor is past the first sync). */
interface Request {
  user: UserRow;
  query: PullQuery;
  from: Cursor;
}

interface BatchRow extends Record<string, unknown> {
  epoch: string | null;
  horizon: string;
  now_ms: string;
  /** The oldest change_log entry at or above the horizon: held back for everyone. */
  held_log: string | null;
  /** [entity, entity_id, op, xid, seq, row JSON or null] per entry, in (xid, seq) order. */
  page: string | null;
  /** Per request, in order: [client's user id, client's epoch, seen over a day ago, processed id, own held xid]. */
  clients: string;
}

type Entry = [EntityName, string, 'put' | 'del', string, string, Record<string, unknown> | null];
type ClientFacts = [string | null, string | null, boolean | null, string | null, string | null];

/**
 * Incremental pulls (cursors past the first sync) from the same cursor position with the same
 * limit, answered by ONE statement: the epoch, the horizon and the database's clock, the
 * change-log page with its rows, and per request its sync_clients row, its processed
 * lastMutationId and its held-back probe: exactly the questions pullOnce asks one by one.
 *
 * One statement reads one snapshot (every subquery and CTE in it sees the same one,
 * pg_current_snapshot() included), which is all pullOnce's REPEATABLE READ transaction is for: each
 * request's rows, tombstones and lastMutationId agree, bounded by the same horizon, so a device
 * never drops a queued mutation before the page that carries its effects. It only reads, so
 * nothing can fail to serialize.
 *
 * The page is the same for every request but for OWN_ROW_ENTITIES (one user's rows). It is read
 * with the requests' users' own rows included; when it holds none, each user's own filter would
 * have read the same entries. When it holds some and the batch has more than one request, each
 * request is asked again alone, so nobody gets another user's row or a page cut at another
 * length. The checks run in pullOnce's order, so a refusal is the same refusal.
 */
async function readBatch(db: Db, requests: readonly Request[]): Promise<Array<Answer | Error>> {
  const [first] = requests;
  if (!first) return [];
  const { from, query } = first;
  const users = [...new Set(requests.map((r) => r.user.id))];
  const asked = sql.join(requests.map((r, n) => sql`(${n}::int, ${r.query.clientId}::uuid)`), sql`, `);
  const [r] = await queryRows<BatchRow>(
    db,
    sql`with page as (
          select entity, entity_id, op, xid, seq
            from change_log
           where xid < ${horizonNow}
             and (xid, seq) > (${from.x}::xid8, ${from.s}::bigint)
             and (entity_id in (${sql.join(users.map((u) => sql`${u}::uuid`), sql`, `)}) or entity not in (${sql.join(OWN_ROW_ENTITIES.map((e) => sql`${e}`), sql`, `)}))
           order by change_log.xid, change_log.seq
           limit ${query.limit + 1}
        )
        select (select value from server_meta where key = 'epoch') as epoch,
               ${horizonNow}::text as horizon,
               (extract(epoch from now()) * 1000)::bigint::text as now_ms,
               (select xid::text as xid_text from change_log where xid >= ${horizonNow} order by change_log.xid limit 1) as held_log,
               (select json_agg(json_build_array(p.entity, p.entity_id, p.op, p.xid::text, p.seq::text,
                                                 case when p.op = 'put' then ${wireRowOfEntry} end)
                                order by p.xid, p.seq)::text
                  from page p) as page,
               (select json_agg(json_build_array(
                         c.user_id, c.epoch, c.last_seen_at < now() - interval '1 day',
                         -- Named, not mutation_id: ORDER BY would sort the text ('9' > '60').
                         (select m.mutation_id::text as id_text from sync_mutations m
                           where m.client_id = asked.client_id and m.xid < ${horizonNow}
                           order by m.mutation_id desc limit 1),
                         (select m.xid::text as xid_text from sync_mutations m
                           where m.client_id = asked.client_id and m.xid >= ${horizonNow}
                             and m.mutation_id = (select max(l.mutation_id) from sync_mutations l where l.client_id = asked.client_id)))
                       order by asked.n)::text
                  from (values ${asked}) as asked(n, client_id)
                  left join sync_clients c on c.client_id = asked.client_id) as clients`,
  );
  if (!r?.epoch) throw new Error('server_meta has no epoch: migrations did not run');
  const epoch = r.epoch;
  const now = Number(r.now_ms);
  const entries = JSON.parse(r.page ?? '[]') as Entry[];
  if (requests.length > 1 && entries.some(([entity]) => OWN_ROW_ENTITIES.includes(entity))) {
    return Promise.all(requests.map(async (one) => (await readBatch(db, [one]))[0] ?? new Error('pull: no answer')));
  }
  const clients = JSON.parse(r.clients) as ClientFacts[];
  const hasMore = entries.length > query.limit;
  const page = entries.slice(0, query.limit);
  const changes: Change[] = [];
  for (const [entity, id, op, , version, row] of page) {
    if (op === 'del') changes.push({ entity, id, op: 'del', version });
    // In one snapshot a put's row exists; this guards against a log entry without its row.
    else if (row) changes.push({ entity, id, op: 'put', version, row });
  }
  const last = page.at(-1);
  const position = last ? { x: last[3], s: Number(last[4]) } : { x: from.x, s: from.s };
  const cursor = encodeCursor({ e: epoch, ...position, t: now });
  return requests.map((request, n): Answer | Error => {
    if (request.from.e !== epoch) return resetRequired('The server was reset or restored since this device last synced.');
    if (now - request.from.t > TOMBSTONE_RETENTION_MS) return resetRequired('This device has been away longer than deletions are kept.');
    const [clientUser, clientEpoch, seenLongAgo, processed, ownHeld] = clients[n] ?? [null, null, null, null, null];
    if (clientUser !== null && clientUser !== request.user.id) return new ApiError(403, 'forbidden', 'This client id belongs to another user.');
    const lastMutationId = clientUser !== null && clientEpoch === epoch ? Number(processed ?? 0) : 0;
    // Anything at or above the horizon is after the cursor too (the cursor is below an older
    // horizon); so is this device's own latest processed mutation, even one that changed no row:
    // waiting for it lets the device confirm what it just pushed in this answer.
    const held = [r.held_log, ownHeld].filter((x): x is string => x !== null).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0] ?? null;
    return {
      // The changes are shared between the batch's answers: an answer is only ever serialized.
      response: { cursor, lastMutationId, hasMore, changes },
      heldXid: hasMore ? null : held,
      seenLongAgo: seenLongAgo === true,
    };
  });
}

/**
 * Single flight per cursor position: a request arriving while a statement for its position and
 * limit is running waits for it to finish, then is answered with every other request that arrived
 * meanwhile by the next statement. Never by the one already running: that one's snapshot was taken
 * before the request came, and it may lack what the device has just pushed. So every answer is one
 * the request could have had on its own, read after it arrived; only the work is shared.
 */
class IncrementalPulls {
  private readonly queues = new Map<string, Array<Request & { settle(a: Answer | Error): void }>>();
  private readonly draining = new Set<string>();
  /** Statements run, for tests and the benchmark. */
  statements = 0;
  requests = 0;

  constructor(private readonly db: Db) {}

  answer(request: Request): Promise<Answer> {
    const key = `${request.from.e}|${request.from.x}|${request.from.s}|${request.query.limit}`;
    this.requests++;
    return new Promise<Answer>((resolve, reject) => {
      const queue = this.queues.get(key) ?? [];
      queue.push({ ...request, settle: (a) => (a instanceof Error ? reject(a) : resolve(a)) });
      this.queues.set(key, queue);
      if (!this.draining.has(key)) void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    this.draining.add(key);
    try {
      for (;;) {
        const batch = this.queues.get(key)?.splice(0, MAX_BATCH) ?? [];
        if (batch.length === 0) break;
        this.statements++;
        try {
          const answers = await readBatch(this.db, batch);
          batch.forEach((w, n) => w.settle(answers[n] ?? new Error('pull: no answer')));
        } catch (error) {
          for (const w of batch) w.settle(error instanceof Error ? error : new Error(String(error)));
        }
      }
    } finally {
      this.queues.delete(key);
      this.draining.delete(key);
    }
  }
}

/** Requests answered by one statement at most: its per-request part grows with them. */
const MAX_BATCH = 100;

const incrementalPulls = new WeakMap<Db, IncrementalPulls>();

function incrementalPullsOf(db: Db): IncrementalPulls {
  let pulls = incrementalPulls.get(db);
  if (!pulls) incrementalPulls.set(db, (pulls = new IncrementalPulls(db)));
  return pulls;
}

/** How many incremental pulls a database handle has answered, and with how many statements. */
export function incrementalPullCounts(db: Db): { requests: number; statements: number } {
  const pulls = incrementalPullsOf(db);
  return { requests: pulls.requests, statements: pulls.statements };
}

function pullIncremental(db: Db, user: UserRow, query: PullQuery, from: Cursor): Promise<Answer> {
  return incrementalPullsOf(db).answer({ user, query, from });
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
