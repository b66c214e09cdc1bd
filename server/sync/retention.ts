import { and, eq, lt } from 'drizzle-orm';
import { changeLog, syncMutations } from '../../drizzle/schema';
import type { Db } from '../db/database';
import { TOMBSTONE_RETENTION_MS } from './pull';

/**
 * Forgets what no device can still need: tombstones older than the retention period (a cursor that
 * old gets `reset_required` anyway) and stored push results as old (a device offline that long
 * starts over with a new client id). Returns how many rows went.
 */
export async function purgeExpired(db: Db, now = new Date()): Promise<{ tombstones: number; results: number }> {
  const before = new Date(now.getTime() - TOMBSTONE_RETENTION_MS);
  const tombstones = await db
    .delete(changeLog)
    .where(and(eq(changeLog.op, 'del'), lt(changeLog.changedAt, before)))
    .returning({ id: changeLog.entityId });
  const results = await db
    .delete(syncMutations)
    .where(lt(syncMutations.processedAt, before))
    .returning({ id: syncMutations.mutationId });
  return { tombstones: tombstones.length, results: results.length };
}
