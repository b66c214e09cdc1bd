import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database';
import { withTransaction } from '../db/transaction';
import { writeAllWaitingMail } from '../mail/write-mail';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupRow } from './backup-document';
import { backupTables, type BackupTable } from './backup-tables';
import { CURRENT_SCHEMA } from './schema-version';

/** Rows read per query: a page, never a whole table, is in memory at once. */
const PAGE_ROWS = 500;

export type BackupSink = (chunk: string) => Promise<void>;

export interface BackupMeta {
  appVersion: string;
  /** Abandons the backup between pages (a shutdown need not wait for a whole database to be read). */
  signal?: AbortSignal;
}

function after(t: BackupTable, last: BackupRow | undefined): SQL | undefined {
  if (!last) return undefined;
  const keyOf = (column: PgColumn) => t.columns.find((c) => c.column === column)?.key ?? column.name;
  const columns = sql.join(t.primaryKey, sql`, `);
  const values = sql.join(
    t.primaryKey.map((column) => sql.param(last[keyOf(column)], column)),
    sql`, `,
  );
  return sql`(${columns}) > (${values})`;
}

/** Reads one table in primary-key order, a page at a time (keyset paging: no OFFSET rescans). */
async function* readTable(tx: Db, t: BackupTable): AsyncGenerator<BackupRow[]> {
  const fields = Object.fromEntries(t.columns.map((c) => [c.key, c.column]));
  let last: BackupRow | undefined;
  for (;;) {
    const page = (await tx
      .select(fields)
      .from(t.table)
      .where(after(t, last))
      .orderBy(...t.primaryKey)
      .limit(PAGE_ROWS)) as BackupRow[];
    if (page.length > 0) yield page;
    if (page.length < PAGE_ROWS) return;
    last = page.at(-1);
  }
}

/**
 * Writes the backup document to `sink` as it reads it, a page of rows at a time, all from one
 * REPEATABLE READ snapshot so the tables agree with each other (every row has its change-log entry).
 * Returns the number of rows written per table.
 */
export async function writeBackup(db: Db, sink: BackupSink, meta: BackupMeta): Promise<Record<string, number>> {
  meta.signal?.throwIfAborted();
  // Mail that pushes left as events is written first, so the backup holds mail (a restore holds it).
  await writeAllWaitingMail(db);
  return withTransaction(
    db,
    'repeatable read',
    async (tx) => {
      const counts: Record<string, number> = {};
      const head = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        appVersion: meta.appVersion,
        schema: CURRENT_SCHEMA,
      };
      await sink(`${JSON.stringify(head).slice(0, -1)},"tables":{`);
      for (const [i, t] of backupTables.entries()) {
        await sink(`${i === 0 ? '' : ','}\n${JSON.stringify(t.name)}:[`);
        let n = 0;
        for await (const page of readTable(tx, t)) {
          meta.signal?.throwIfAborted();
          await sink(page.map((row) => `${n++ === 0 ? '' : ','}\n${JSON.stringify(row)}`).join(''));
        }
        counts[t.name] = n;
        await sink(']');
      }
      await sink('\n}}\n');
      return counts;
    },
    { accessMode: 'read only' },
  );
}

/** Writes a backup to a file, waiting for the disk (backpressure) and flushing it before returning. */
export async function writeBackupFile(db: Db, path: string, meta: BackupMeta): Promise<Record<string, number>> {
  // flush: the data is on disk before the caller renames the file into place. Mode 0600: a backup
  // holds password hashes and calendar feed secrets, readable by the server's user only.
  const out = createWriteStream(path, { flags: 'wx', flush: true, mode: 0o600 });
  const failed = once(out, 'error').then(([error]) => {
    throw error as Error;
  });
  failed.catch(() => {});
  const sink: BackupSink = async (chunk) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  try {
    const counts = await writeBackup(db, sink, meta);
    await new Promise<void>((resolve, reject) => {
      out.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    return counts;
  } catch (error) {
    // The file opens asynchronously: wait until it is opened and closed again, or a caller that
    // removes it at once would race the open and leave the file behind.
    if (!out.closed) {
      const closed = once(out, 'close').catch(() => {});
      out.destroy();
      await closed;
    }
    throw error;
  }
}
