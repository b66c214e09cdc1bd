import { getTableColumns, is } from 'drizzle-orm';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import * as schema from '../../drizzle/schema';

/**
 * The tables a backup holds, derived from the Drizzle schema so a table added later is covered
 * without anyone remembering to list it here. Sessions stay out: a backup should not carry live
 * credentials, and a restore keeps the sessions of users that still exist (api.md, Backup).
 */
const NOT_BACKED_UP: ReadonlySet<PgTable> = new Set([schema.sessions]);

export interface BackupColumn {
  /** The Drizzle property name, used as the key in backup rows. */
  key: string;
  column: PgColumn;
}

export interface BackupTable {
  /** The SQL table name, used as the key of the backup's `tables` object. */
  name: string;
  table: PgTable;
  /** Every column but transaction ids, which mean nothing outside the database that made them. */
  columns: BackupColumn[];
  /** Columns left to their default on restore (`xid8`: the restoring transaction's id). */
  localColumns: string[];
  primaryKey: PgColumn[];
  /** Names of the tables this one references. */
  references: string[];
}

function describe(table: PgTable): BackupTable {
  const config = getTableConfig(table);
  const all = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const isLocal = (column: PgColumn) => column.getSQLType() === 'xid8';
  const primaryKey = config.primaryKeys[0]?.columns ?? all.filter(([, c]) => c.primary).map(([, c]) => c);
  if (primaryKey.length === 0) throw new Error(`${config.name} has no primary key: a backup pages through tables by it`);
  return {
    name: config.name,
    table,
    columns: all.filter(([, c]) => !isLocal(c)).map(([key, column]) => ({ key, column })),
    localColumns: all.filter(([, c]) => isLocal(c)).map(([key]) => key),
    primaryKey,
    references: [...new Set(config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name))].filter(
      (name) => name !== config.name,
    ),
  };
}

/** Parents before children, so rows can be inserted in this order and deleted in the reverse. */
export function parentsFirst(tables: BackupTable[], alwaysPresent: ReadonlySet<string> = new Set()): BackupTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: BackupTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: BackupTable) => {
    if (state.get(t.name) === 'done') return;
    if (state.get(t.name) === 'visiting') throw new Error(`foreign keys form a cycle through ${t.name}`);
    state.set(t.name, 'visiting');
    for (const parent of t.references) {
      const p = byName.get(parent);
      if (p) visit(p);
      else if (!alwaysPresent.has(parent)) throw new Error(`${t.name} references ${parent}, which a backup does not hold`);
    }
    state.set(t.name, 'done');
    ordered.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t);
  return ordered;
}

const allTables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

export const backupTables: BackupTable[] = parentsFirst(allTables.filter((t) => !NOT_BACKED_UP.has(t)).map(describe));

export const BACKUP_TABLE_NAMES: readonly string[] = backupTables.map((t) => t.name);
