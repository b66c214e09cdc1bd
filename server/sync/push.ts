import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { syncClients, syncConflicts, syncMutations } from '../../drizzle/schema';
import { runMutation } from '../../sync/mutators';
import type { MutationContext, MutationPort } from '../../sync/mutators/port';
import { MutationRejected } from '../../sync/mutators/rejection';
import { entityOfMutation } from '../../sync/protocol/mutations';
import type { MutationResult, PushRequest, PushResponse, WireMutation } from '../../sync/protocol/push';
import type { UserRow } from '../auth/sessions';
import type { Db } from '../db/database';
import { EXCLUSION_VIOLATION, sqlState } from '../db/pg-error';
import { withTransaction } from '../db/transaction';
import { ApiError } from '../http/api-error';
import { drizzlePort } from './drizzle-port';
import { readEpoch } from './epoch';
import { resetRequired } from './errors';

const FOREIGN_KEY_VIOLATION = '23503';

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

/** Step 1: find (or register) the client and lock its row, so one client's pushes run one at a time. */
async function lockClient(tx: Db, clientId: string, user: UserRow): Promise<ClientRow> {
  // The change-tracking trigger records this device as the writer of each column it changes.
  await tx.execute(sql`select set_config('sync.client_id', ${clientId}, true)`);
  const epoch = await readEpoch(tx);
  await tx.insert(syncClients).values({ clientId, userId: user.id, epoch }).onConflictDoNothing();
  const [client] = await tx.select().from(syncClients).where(eq(syncClients.clientId, clientId)).for('update');
  if (!client) throw new Error('sync client row vanished');
  if (client.userId !== user.id) throw new ApiError(403, 'forbidden', 'This client id belongs to another user.');
  if (client.epoch !== epoch) throw resetRequired('The server was reset or restored since this device last synced.');
  return client;
}

/** A mutator was rejected after it had written: the batch runs again with savepoints. */
class RejectedAfterWrite extends Error {}

export type MutationRunner = typeof runMutation;

/**
 * Isolates one mutation's writes. Fast mode takes no savepoint: mutators check first and write
 * last, so a rejection almost always comes before anything was written and there is nothing to
 * undo — which saves two round trips per mutation. Should a mutation ever be rejected after it
 * wrote, the whole batch is rolled back and run again in safe mode, where a savepoint is taken
 * just before each mutation's first write and a rejection rolls back to it. Atomicity never rests
 * on the mutators' habit; only speed does.
 */
function isolate(tx: Db, port: MutationPort, safe: boolean): { port: MutationPort; wrote: () => boolean } {
  let savepoint = false;
  let wrote = false;
  const before = async () => {
    if (safe && !savepoint) {
      savepoint = true;
      await tx.execute(sql`savepoint mutation`);
    }
  };
  const written = <T>(result: T) => {
    wrote = true;
    return result;
  };
  return {
    wrote: () => wrote,
    port: {
      ...port,
      // An insert that found the id taken wrote nothing.
      insert: async (entity, row) => (await before(), (await port.insert(entity, row)) ? written(true) : false),
      update: async (entity, id, patch) => (await before(), written(await port.update(entity, id, patch))),
      delete: async (entity, id) => (await before(), written(await port.delete(entity, id))),
      recordHistory: async (entry) => (await before(), written(await port.recordHistory(entry))),
    },
  };
}

/** Step 4: one mutation; a rejection leaves no effect behind. */
async function apply(tx: Db, ctx: MutationContext, clientId: string, m: WireMutation, safe: boolean, run: MutationRunner): Promise<MutationResult> {
  const { port, wrote } = isolate(tx, drizzlePort(tx, ctx, clientId), safe);
  try {
    const conflicts = await run(port, ctx, m.name, m.args);
    if (safe && wrote()) await tx.execute(sql`release savepoint mutation`);
    return conflicts.length ? { id: m.id, status: 'merged', conflicts } : { id: m.id, status: 'applied' };
  } catch (error) {
    if (!(error instanceof MutationRejected)) throw error;
    if (wrote()) {
      if (!safe) throw new RejectedAfterWrite(`${m.name} was rejected after writing`);
      await tx.execute(sql`rollback to savepoint mutation`);
    }
    return { id: m.id, status: 'rejected', error: { ...error.details, code: error.code, message: error.message } };
  }
}

/**
 * `POST /api/sync/push` (sync-protocol.md, Push). One SERIALIZABLE transaction per batch, each
 * mutation isolated as `isolate` describes: every mutation is atomic, and its effects, its stored
 * result and the client's new lastMutationId commit together or not at all. A serialization failure or a lost
 * race reruns the whole batch on a fresh snapshot; it never reaches the device.
 */
export async function push(db: Db, user: UserRow, request: PushRequest, run: MutationRunner = runMutation): Promise<PushResponse> {
  try {
    return await pushBatch(db, user, request, run, false);
  } catch (error) {
    if (!(error instanceof RejectedAfterWrite)) throw error;
    return pushBatch(db, user, request, run, true);
  }
}

async function pushBatch(db: Db, user: UserRow, request: PushRequest, run: MutationRunner, safe: boolean): Promise<PushResponse> {
  const { clientId, mutations } = request;
  return withTransaction(
    db,
    'serializable',
    async (tx) => {
      const client = await lockClient(tx, clientId, user);
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

      const ctx: MutationContext = { actor: { id: user.id, role: user.role }, now: new Date() };
      const results: MutationResult[] = [];
      const fresh: (typeof syncMutations.$inferInsert)[] = [];
      const lost: (typeof syncConflicts.$inferInsert)[] = [];
      for (const m of mutations) {
        if (m.id <= client.lastMutationId) {
          results.push(stored.get(m.id) ?? { id: m.id, status: 'applied' });
          continue;
        }
        const result = await apply(tx, ctx, clientId, m, safe, run);
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

      // Step 5: record the results and advance the client, in the same transaction.
      const lastMutationId = Math.max(client.lastMutationId, lastInBatch);
      if (lost.length) await tx.insert(syncConflicts).values(lost);
      if (fresh.length) {
        await tx.insert(syncMutations).values(fresh);
        await tx.update(syncClients).set({ lastMutationId, lastSeenAt: sql`now()` }).where(eq(syncClients.clientId, clientId));
      }
      return { lastMutationId, results };
    },
    { retryOn: lostRace },
  );
}
