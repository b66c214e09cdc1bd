import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { syncClients, syncConflicts, syncMutations, type mailEvents } from '../../drizzle/schema';
import { actionTimeProblem } from '../../sync/domain/action-time';
import { runMutation } from '../../sync/mutators';
import type { MutationContext, MutationPort } from '../../sync/mutators/port';
import { MutationRejected } from '../../sync/mutators/rejection';
import { entityOfMutation } from '../../sync/protocol/mutation-entity';
import type { MutationResult, PushRequest, PushResponse, WireMutation } from '../../sync/protocol/push';
import type { UserRow } from '../auth/sessions';
import { queryRows, type Db } from '../db/database';
import { EXCLUSION_VIOLATION, FOREIGN_KEY_VIOLATION, isContention, isRefusedValue, sqlState } from '../db/pg-error';
import { RETRY_ATTEMPTS, withTransaction } from '../db/transaction';
import { ApiError } from '../http/api-error';
import { newPeopleCache, notificationsOf, writeNotifications, type OutboxOptions, type PeopleCache } from '../mail/outbox';
import { drizzlePort } from './drizzle-port';
import { deferringPort, InsertBuffer, InsertsNotDeferrable } from './insert-buffer';
import { recordRowChanges } from './row-changes';
import { readEpoch } from './epoch';
import { resetRequired } from './errors';

/**
 * A concurrent push can commit a clashing shift, or delete a referenced row, between our checks and
 * our write; the database then refuses the write. Running the batch again on a fresh snapshot lets
 * the mutator see that row and give its proper rejection (overlap naming the clash, invalid…).
 */
const lostRace = (error: unknown) => {
  const code = sqlState(error);
  return code === EXCLUSION_VIOLATION || code === FOREIGN_KEY_VIOLATION;
};

type ClientRow = typeof syncClients.$inferSelect;

/**
 * Step 1: find (or register) the client and lock its row, so one client's pushes run one at a time.
 * Answers the arrival time on the database's clock, the one every row's created_at is stamped with,
 * so a time of action clamped to it never lands after the row that records it.
 */
async function lockClient(tx: Db, clientId: string, user: UserRow): Promise<{ client: ClientRow; arrival: Date }> {
  // The change-tracking trigger records this device as the writer of each column it changes.
  const [stamp] = await queryRows<{ arrival: string | Date }>(tx, sql`select set_config('sync.client_id', ${clientId}, true), now() as arrival`);
  if (!stamp) throw new Error('the database did not answer its clock');
  const epoch = await readEpoch(tx);
  await tx.insert(syncClients).values({ clientId, userId: user.id, epoch }).onConflictDoNothing();
  const [client] = await tx.select().from(syncClients).where(eq(syncClients.clientId, clientId)).for('update');
  if (!client) throw new Error('sync client row vanished');
  if (client.userId !== user.id) throw new ApiError(403, 'forbidden', 'This client id belongs to another user.');
  if (client.epoch !== epoch) {
    throw resetRequired('The server was reset or restored since this device last synced.', { lastMutationId: client.lastMutationId });
  }
  return { client, arrival: new Date(stamp.arrival) };
}

/**
 * A mutation was rejected after it had written, or the database refused one of its statements
 * (which aborts the whole transaction): the batch runs again with a savepoint per mutation.
 */
class NeedsSavepoints extends Error {}

export type MutationRunner = typeof runMutation;

/**
 * Notes whether a mutation wrote anything. Fast mode takes no savepoint: mutators check first and
 * write last, so a rejection almost always comes before anything was written and there is nothing
 * to undo — which saves two round trips per mutation. Should a mutation ever be rejected after it
 * wrote, or the database refuse one of its statements, the whole batch is rolled back and run again
 * in safe mode, where every mutation runs inside its own savepoint and a rejection rolls back to
 * it. Atomicity never rests on the mutators' habit; only speed does.
 */
function trackWrites(port: MutationPort): { port: MutationPort; wrote: () => boolean } {
  let wrote = false;
  const written = <T>(result: T) => {
    wrote = true;
    return result;
  };
  return {
    wrote: () => wrote,
    port: {
      ...port,
      // An insert that found the id taken wrote nothing.
      insert: async (entity, row, createdAt) => ((await port.insert(entity, row, createdAt)) ? written(true) : false),
      update: async (entity, id, patch) => written(await port.update(entity, id, patch)),
      delete: async (entity, id) => written(await port.delete(entity, id)),
      recordHistory: async (entry) => written(await port.recordHistory(entry)),
    },
  };
}

/**
 * Results are stored (jsonb), and PostgreSQL refuses NUL in any jsonb string. A rejection can quote
 * the input (zod names an unknown key: `Unrecognized key: "…"`), so NUL becomes U+FFFD there;
 * otherwise storing the batch's results would fail and the push answer 500 forever.
 */
function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD');
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)]));
  return value;
}

const rejected = (m: WireMutation, error: MutationRejected): MutationResult => ({
  id: m.id,
  status: 'rejected',
  error: withoutNul({ ...error.details, code: error.code, message: error.message }) as Extract<MutationResult, { status: 'rejected' }>['error'],
});

/**
 * A statement of this mutation was refused for its values (a character or date the database cannot
 * store, a constraint the mutator did not foresee). That is this input's fault, so it is this
 * mutation's final rejection, never a 5xx that would have the device resend it forever.
 */
function refusedByDatabase(m: WireMutation, error: unknown): MutationRejected {
  console.warn(`Push: the database refused ${m.name} (SQLSTATE ${sqlState(error) ?? '?'}):`, error instanceof Error ? error.message : error);
  return new MutationRejected('invalid', 'The server could not store this change: a value in it is out of range or not allowed.');
}

export interface PushOptions {
  /** The mutators (tests pass misbehaving ones). */
  run: MutationRunner;
  /** How notification mail is written (links, batching). */
  mail: OutboxOptions;
  /**
   * Whether a batch first tries holding its inserts back into multi-row statements (see
   * `InsertBuffer`). Tests turn it off to compare with the one-statement-at-a-time path.
   */
  deferInserts: boolean;
  /** Told when a batch is rolled back to run again in a slower mode (tests watch which path ran). */
  onFallback: (from: PushMode, to: PushMode) => void;
  /** Tries per batch transaction before it is split (see `push`); tests lower it. */
  attempts: number;
  /** Told when a batch transaction failed and is run again (tests count what made pushes contend). */
  onRetry: (error: unknown) => void;
  /** Told when a batch still lost after every try and is split in two (tests watch for it). */
  onSplit: (mutations: number) => void;
}

const DEFAULT_OPTIONS: PushOptions = {
  run: runMutation,
  mail: { appUrl: 'http://localhost:3000', batchSeconds: 60 },
  deferInserts: true,
  onFallback: () => {},
  attempts: RETRY_ATTEMPTS,
  onRetry: () => {},
  onSplit: () => {},
};

/**
 * How a batch runs, fastest first; each falls back to the next when it cannot apply.
 * - `deferred`: no savepoints, inserts held back into multi-row statements (an id found taken or a
 *   row refused when they are written falls back to `direct`).
 * - `direct`: no savepoints, one statement at a time (a mutation rejected after it wrote, or a
 *   statement refused, falls back to `safe`).
 * - `safe`: a savepoint per mutation.
 */
export type PushMode = 'deferred' | 'direct' | 'safe';

/** The mode to run a batch again in after `error`, or null when the error is the answer. */
function slowerMode(mode: PushMode, error: unknown): PushMode | null {
  if (error instanceof InsertsNotDeferrable && mode === 'deferred') return 'direct';
  if (error instanceof NeedsSavepoints && mode !== 'safe') return 'safe';
  return null;
}

/** What a mutation's port is built on in this batch. */
interface Batch {
  tx: Db;
  mode: PushMode;
  buffer: InsertBuffer | null;
  /**
   * Mail events of the batch's applied mutations, written in one statement with its results
   * (`deferred` and `direct` roll the whole batch back on any failure; `safe` writes each
   * mutation's own in its savepoint).
   */
  mail: PgInsertValue<typeof mailEvents>[];
}

/**
 * Step 4: one mutation; a rejection leaves no effect behind. Once its mutator has succeeded, the mail
 * its changes warrant is written in the same transaction or savepoint (server/mail/outbox.ts), so a
 * mutation that is rejected or rolled back leaves no mail either.
 */
async function apply(batch: Batch, ctx: MutationContext, clientId: string, m: WireMutation, index: number, options: PushOptions, people: PeopleCache): Promise<MutationResult> {
  const { tx, buffer } = batch;
  if (batch.mode !== 'safe') {
    const tracked = buffer ? deferringPort(drizzlePort(tx, ctx, clientId), buffer, index) : trackWrites(drizzlePort(tx, ctx, clientId));
    const recorded = recordRowChanges(tracked.port);
    try {
      const conflicts = await options.run(recorded.port, ctx, m.name, m.args);
      // Mail reads nothing here (server/mail/outbox.ts), so held-back rows stay held back.
      batch.mail.push(...notificationsOf(ctx, recorded.changes, recorded.seen, options.mail, people));
      return conflicts.length ? { id: m.id, status: 'merged', conflicts } : { id: m.id, status: 'applied' };
    } catch (error) {
      if (error instanceof InsertsNotDeferrable) throw error;
      if (error instanceof MutationRejected && !tracked.wrote()) {
        buffer?.discard(index);
        return rejected(m, error);
      }
      if (error instanceof MutationRejected || (isRefusedValue(error) && !lostRace(error))) {
        throw new NeedsSavepoints(`${m.name} must run in its own savepoint`);
      }
      throw error;
    }
  }
  // A nested transaction is a savepoint. (postgres.js remembers any failed statement of a
  // transaction and fails the whole of it, unless that statement ran in its own savepoint scope.)
  try {
    return await tx.transaction(async (savepoint) => {
      const recorded = recordRowChanges(drizzlePort(savepoint as unknown as Db, ctx, clientId));
      const conflicts = await options.run(recorded.port, ctx, m.name, m.args);
      await writeNotifications(savepoint as unknown as Db, notificationsOf(ctx, recorded.changes, recorded.seen, options.mail, people));
      return conflicts.length ? { id: m.id, status: 'merged', conflicts } : { id: m.id, status: 'applied' };
    });
  } catch (error) {
    // A lost race reruns the whole batch on a fresh snapshot (see lostRace); anything else that is
    // not about this input means the server is unwell.
    if (error instanceof MutationRejected) return rejected(m, error);
    if (isRefusedValue(error) && !lostRace(error)) return rejected(m, refusedByDatabase(m, error));
    throw error;
  }
}

/**
 * `POST /api/sync/push` (sync-protocol.md, Push). One REPEATABLE READ transaction per batch, each
 * mutation isolated as `trackWrites` and `apply` describe: every mutation is atomic, and its effects, its stored
 * result and the client's new lastMutationId commit together or not at all. A serialization failure or a lost
 * race reruns the whole batch on a fresh snapshot; it never reaches the device. The batch runs in the
 * fastest `PushMode` that applies (docs/decisions/021); every mode gives the same answers and rows.
 */
export async function push(db: Db, user: UserRow, request: PushRequest, overrides: Partial<PushOptions> = {}): Promise<PushResponse> {
  const options = { ...DEFAULT_OPTIONS, ...overrides };
  try {
    return await pushInFastestMode(db, user, request, options);
  } catch (error) {
    // Still losing to concurrent pushes after every retry (a device back from a day offline with 50
    // changes, among dozens of busy devices): run it as two smaller transactions, which meet fewer
    // rivals. The contract allows one transaction per mutation; order, results and atomicity per
    // mutation are the same, and the second half starts where the first ended.
    if (!isContention(error) || request.mutations.length < 2) throw error;
    options.onSplit(request.mutations.length);
    const half = Math.ceil(request.mutations.length / 2);
    const first = await push(db, user, { ...request, mutations: request.mutations.slice(0, half) }, overrides);
    const second = await push(db, user, { ...request, mutations: request.mutations.slice(half) }, overrides);
    return { lastMutationId: second.lastMutationId, results: [...first.results, ...second.results] };
  }
}

async function pushInFastestMode(db: Db, user: UserRow, request: PushRequest, options: PushOptions): Promise<PushResponse> {
  let mode: PushMode = options.deferInserts ? 'deferred' : 'direct';
  for (;;) {
    try {
      return await pushBatch(db, user, request, options, mode);
    } catch (error) {
      const next = slowerMode(mode, error);
      if (!next) throw error;
      options.onFallback(mode, next);
      mode = next;
    }
  }
}

async function pushBatch(db: Db, user: UserRow, request: PushRequest, options: PushOptions, mode: PushMode): Promise<PushResponse> {
  const { clientId, mutations } = request;
  return withTransaction(
    db,
    // REPEATABLE READ (decision 028): the invariants that span rows are guarded by the schedule
    // claims of the server port; SERIALIZABLE made every push fail on predicate locks too.
    'repeatable read',
    async (tx) => {
      const { client, arrival } = await lockClient(tx, clientId, user);
      const first = mutations[0]?.id ?? 0;
      const lastInBatch = mutations.at(-1)?.id ?? 0;

      // Step 2: mutations already processed are answered from their stored results, changing nothing.
      const stored = new Map<number, MutationResult>();
      if (first <= client.lastMutationId) {
        const rows = await tx
          .select({ id: syncMutations.mutationId, result: syncMutations.result })
          .from(syncMutations)
          .where(and(eq(syncMutations.clientId, clientId), gte(syncMutations.mutationId, first), lte(syncMutations.mutationId, Math.min(lastInBatch, client.lastMutationId))));
        for (const row of rows) stored.set(row.id, row.result as MutationResult);
      }

      // Step 3: a gap means the device lost track; nothing is applied.
      const firstNew = mutations.find((m) => m.id > client.lastMutationId);
      if (firstNew && firstNew.id > client.lastMutationId + 1) {
        throw new ApiError(409, 'mutation_gap', `Expected mutation ${client.lastMutationId + 1}, got ${firstNew.id}.`, {
          lastMutationId: client.lastMutationId,
        });
      }

      const actor = { id: user.id, role: user.role };
      const people = newPeopleCache(user.name);
      const results: MutationResult[] = [];
      const fresh: (typeof syncMutations.$inferInsert)[] = [];
      const lost: (typeof syncConflicts.$inferInsert)[] = [];
      const batch: Batch = { tx, mode, buffer: mode === 'deferred' ? new InsertBuffer(tx) : null, mail: [] };
      for (const [index, m] of mutations.entries()) {
        if (m.id <= client.lastMutationId) {
          results.push(stored.get(m.id) ?? { id: m.id, status: 'applied' });
          continue;
        }
        const claimed = new Date(m.at);
        const clockProblem = actionTimeProblem(claimed);
        const ctx: MutationContext = { actor, now: arrival, actedAt: claimed < arrival ? claimed : arrival };
        const result = clockProblem ? rejected(m, new MutationRejected('invalid', clockProblem, { field: 'at' })) : await apply(batch, ctx, clientId, m, index, options, people);
        results.push(result);
        fresh.push({ clientId, mutationId: m.id, name: m.name, result });
        if (result.status === 'merged') {
          const entity = entityOfMutation(m.name);
          const entityId = (m.args as { id: string }).id;
          for (const c of result.conflicts) {
            lost.push({ entity, entityId, field: c.field, overwritten: c.theirs, winner: c.yours, actorId: user.id, clientId, mutationId: m.id });
          }
        }
      }

      await batch.buffer?.flush();
      await writeNotifications(tx, batch.mail);

      // Step 5: record the results and advance the client, in the same transaction.
      const lastMutationId = Math.max(client.lastMutationId, lastInBatch);
      if (lost.length) await tx.insert(syncConflicts).values(lost);
      if (fresh.length) {
        await tx.insert(syncMutations).values(fresh);
        await tx.update(syncClients).set({ lastMutationId, lastSeenAt: sql`now()` }).where(eq(syncClients.clientId, clientId));
      }
      return { lastMutationId, results };
    },
    { retryOn: lostRace, attempts: options.attempts, onRetry: options.onRetry },
  );
}
