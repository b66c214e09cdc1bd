import { and, eq, sql } from 'drizzle-orm';
import { syncClients, syncMutations } from '../../drizzle/schema';
import { runMutation } from '../../sync/mutators';
import { MutationRejected } from '../../sync/mutators/rejection';
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
 * our write; the database then refuses the write. Running the mutation again on a fresh snapshot
 * lets the mutator see that row and give its proper rejection (overlap naming the clash, invalid…).
 */
const lostRace = (error: unknown) => {
  const code = sqlState(error);
  return code === EXCLUSION_VIOLATION || code === FOREIGN_KEY_VIOLATION;
};

type ClientRow = typeof syncClients.$inferSelect;

/** Step 1: find (or register) the client and lock its row, so one client's pushes run one at a time. */
async function lockClient(tx: Db, clientId: string, user: UserRow): Promise<ClientRow> {
  const epoch = await readEpoch(tx);
  await tx.insert(syncClients).values({ clientId, userId: user.id, epoch }).onConflictDoNothing();
  const [client] = await tx.select().from(syncClients).where(eq(syncClients.clientId, clientId)).for('update');
  if (!client) throw new Error('sync client row vanished');
  if (client.userId !== user.id) throw new ApiError(403, 'forbidden', 'This client id belongs to another user.');
  if (client.epoch !== epoch) throw resetRequired('The server was reset or restored since this device last synced.');
  return client;
}

/**
 * Processes one mutation in its own transaction: its effects, its stored result and the client's
 * new lastMutationId commit together or not at all.
 */
async function processOne(db: Db, clientId: string, user: UserRow, m: WireMutation): Promise<MutationResult> {
  return withTransaction(
    db,
    'serializable',
    async (tx) => {
      const client = await lockClient(tx, clientId, user);
      // Step 2: already processed → answer from the stored result, change nothing.
      if (m.id <= client.lastMutationId) {
        const [stored] = await tx
          .select({ result: syncMutations.result })
          .from(syncMutations)
          .where(and(eq(syncMutations.clientId, clientId), eq(syncMutations.mutationId, m.id)));
        return (stored?.result as MutationResult | undefined) ?? { id: m.id, status: 'applied' };
      }
      // Step 3: a gap means the device lost track; nothing is applied.
      if (m.id > client.lastMutationId + 1) {
        throw new ApiError(409, 'mutation_gap', `Expected mutation ${client.lastMutationId + 1}, got ${m.id}.`, {
          lastMutationId: client.lastMutationId,
        });
      }
      // Step 4: run the mutator inside a savepoint, so a rejection rolls back its effects alone.
      const ctx = { actor: { id: user.id, role: user.role }, now: new Date() };
      let result: MutationResult;
      try {
        const conflicts = await tx.transaction((sp) => runMutation(drizzlePort(sp as unknown as Db, ctx), ctx, m.name, m.args));
        result = conflicts.length ? { id: m.id, status: 'merged', conflicts } : { id: m.id, status: 'applied' };
      } catch (error) {
        if (!(error instanceof MutationRejected)) throw error;
        result = { id: m.id, status: 'rejected', error: { ...error.details, code: error.code, message: error.message } };
      }
      // Step 5: record the result and advance the client, in the same transaction.
      await tx.insert(syncMutations).values({ clientId, mutationId: m.id, name: m.name, result });
      await tx
        .update(syncClients)
        .set({ lastMutationId: m.id, lastSeenAt: sql`now()` })
        .where(eq(syncClients.clientId, clientId));
      return result;
    },
    { retryOn: lostRace },
  );
}

/** `POST /api/sync/push` (sync-protocol.md, Push): mutations in id order, each atomic, each idempotent. */
export async function push(db: Db, user: UserRow, request: PushRequest): Promise<PushResponse> {
  const results: MutationResult[] = [];
  for (const m of request.mutations) results.push(await processOne(db, request.clientId, user, m));
  const [client] = await db.select({ last: syncClients.lastMutationId }).from(syncClients).where(eq(syncClients.clientId, request.clientId));
  return { lastMutationId: client?.last ?? 0, results };
}
