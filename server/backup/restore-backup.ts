import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { mailOutbox, serverMeta, sessions, syncClients, users } from '../../drizzle/schema';
import type { Db } from '../db/database';
import { isRefusedValue } from '../db/pg-error';
import { withTransaction } from '../db/transaction';
import { InvalidBackupError, type ValidBackup } from './backup-document';
import { backupTables } from './backup-tables';
import { writeWaitingMailIn } from '../mail/write-mail';

/** Why a mail that was waiting in the backup is not sent by itself after a restore. */
export const RESTORED_MAIL_HELD =
  'Held at restore: it was still waiting when the backup was taken and may have gone out since. Send it again if it did not.';

/** Postgres takes at most 65,535 parameters per statement; stay well below it. */
const PARAMETERS_PER_INSERT = 20_000;

export interface RestoreResult {
  /** Rows restored per table. */
  restored: Record<string, number>;
  /** Sessions that ended because their user is not in the restored data. */
  endedSessions: string[];
  epoch: string;
}

/**
 * Replaces every table's data with the backup's, in one transaction (docs/decisions/016):
 *
 * 1. Lock every table, so no push or pull runs against half-restored data.
 * 2. Switch off the change-tracking triggers: rows come back exactly as backed up (their versions,
 *    field versions and writers), and the backup's change log comes back with them. A change log
 *    entry's transaction id is local to the database that made it, so every entry takes this
 *    transaction's id: a full pull pages through all of them by `seq`.
 * 3. Move `change_seq` past every restored version, so no later change gets an older number.
 * 4. Start a new epoch: every device's next push or pull gets `409 reset_required`.
 * 5. Hold mail that was still waiting in the backup: it may have gone out after the backup was
 *    taken, and people must not get it twice. It is marked failed with the reason, so an admin
 *    sees it in the outbox and sends it again where needed.
 * Sessions are not in a backup; those of users who exist in the restored data stay valid.
 */
export async function restoreBackup(db: Db, backup: ValidBackup): Promise<RestoreResult> {
  try {
    return await withTransaction(db, 'repeatable read', (tx) => replaceAll(tx, backup));
  } catch (error) {
    if (isRefusedValue(error)) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new InvalidBackupError(`The database refused the backup's rows: ${cause}`);
    }
    throw error;
  }
}

/**
 * A device that first synced after the backup was taken is not in it. Its record comes back with
 * the old epoch and no processed mutations, so its next push gets `reset_required` like everyone
 * else's (not a puzzling `mutation_gap`) and it sends again everything the restore took away.
 */
async function rememberDevices(tx: Db, devices: { clientId: string; userId: string; epoch: string }[]): Promise<void> {
  if (devices.length === 0) return;
  const restored = new Set((await tx.select({ clientId: syncClients.clientId }).from(syncClients)).map((c) => c.clientId));
  const userIds = new Set(
    (await tx.select({ id: users.id }).from(users).where(inArray(users.id, [...new Set(devices.map((d) => d.userId))]))).map((u) => u.id),
  );
  const missing = devices.filter((d) => !restored.has(d.clientId) && userIds.has(d.userId));
  for (let i = 0; i < missing.length; i += 1000) {
    await tx.insert(syncClients).values(missing.slice(i, i + 1000).map((d) => ({ ...d, lastMutationId: 0 })));
  }
}

async function replaceAll(tx: Db, backup: ValidBackup): Promise<RestoreResult> {
  const everyTable = [sessions, ...backupTables.map((t) => t.table)];
  await tx.execute(sql`lock table ${sql.join(everyTable, sql`, `)} in access exclusive mode`);
  for (const table of everyTable) await tx.execute(sql`alter table ${table} disable trigger user`);

  const kept = await tx.select().from(sessions);
  const devices = await tx.select({ clientId: syncClients.clientId, userId: syncClients.userId, epoch: syncClients.epoch }).from(syncClients);
  await tx.delete(sessions);
  for (const t of [...backupTables].reverse()) await tx.delete(t.table);

  const restored: Record<string, number> = {};
  for (const t of backupTables) {
    const rows = backup.tables.get(t) ?? [];
    const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / t.columns.length));
    for (let i = 0; i < rows.length; i += perInsert) await tx.insert(t.table).values(rows.slice(i, i + perInsert));
    restored[t.name] = rows.length;
  }

  // Events the backup held are written as the mail they were to become, and held with the rest.
  while ((await writeWaitingMailIn(tx, { waitForEarlier: false })) > 0);
  await tx.update(mailOutbox).set({ status: 'failed', lastError: RESTORED_MAIL_HELD }).where(eq(mailOutbox.status, 'queued'));

  const keptUserIds = new Set(
    kept.length === 0
      ? []
      : (await tx.select({ id: users.id }).from(users).where(inArray(users.id, [...new Set(kept.map((s) => s.userId))]))).map((u) => u.id),
  );
  const stay = kept.filter((s) => keptUserIds.has(s.userId));
  if (stay.length) await tx.insert(sessions).values(stay);
  await rememberDevices(tx, devices);

  await tx.execute(
    sql`select setval('change_seq', greatest((select last_value from change_seq), (select coalesce(max(seq), 1) from change_log)))`,
  );
  const epoch = randomUUID();
  await tx
    .insert(serverMeta)
    .values({ key: 'epoch', value: epoch })
    .onConflictDoUpdate({ target: serverMeta.key, set: { value: epoch } });

  for (const table of everyTable) await tx.execute(sql`alter table ${table} enable trigger user`);
  // The poke trigger was off: tell every device now, so it learns of the reset at once.
  await tx.execute(sql`select pg_notify('sync_poke', '')`);
  return { restored, endedSessions: kept.filter((s) => !keptUserIds.has(s.userId)).map((s) => s.id), epoch };
}
