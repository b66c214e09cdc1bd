import { getTableConfig } from 'drizzle-orm/pg-core';
import { createSelectSchema } from 'drizzle-zod';
import type { z } from 'zod';
import { changeLog, users } from '../../drizzle/schema';
import { BACKUP_FORMAT, BACKUP_VERSION, backupEnvelopeSchema } from '../../sync/protocol/backup';
import { entityRowSchemas, type EntityName } from '../../sync/protocol/entities';
import { entityTables } from '../sync/entity-tables';
import { backupTables, type BackupTable } from './backup-tables';
import { nestsDeeperThan } from './json-depth';
import { schemaMismatch } from './schema-version';

/**
 * The deepest nesting a backup may have: the document, `tables`, a table, a row, then a JSON
 * column's value (field versions, a stored mutation), which the app never nests more than a few
 * levels. Deeper is a document made to exhaust the stack, refused as invalid rather than a crash.
 */
export const MAX_BACKUP_DEPTH = 32;

/**
 * The backup document (api.md, Backup): one JSON object naming its format and version, with every
 * table but sessions under `tables`, keyed by SQL table name; rows use the Drizzle property names,
 * timestamps as ISO 8601 strings. Version 1 is the only one this server reads.
 */
export { BACKUP_FORMAT, BACKUP_VERSION };

export type BackupRow = Record<string, unknown>;

/** A document that passed every check: rows decoded (timestamps as Dates), ready to insert. */
export interface ValidBackup {
  createdAt: string;
  tables: Map<BackupTable, BackupRow[]>;
}

export class InvalidBackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidBackupError';
  }
}

const headerSchema = backupEnvelopeSchema;

const entityOfTable = new Map<string, EntityName>(
  (Object.entries(entityTables) as [EntityName, (typeof entityTables)[EntityName]][]).map(([entity, t]) => [
    getTableConfig(t.table).name,
    entity,
  ]),
);

interface TableCheck {
  dateKeys: string[];
  row: z.ZodType<BackupRow>;
  entity: EntityName | undefined;
}

/** Row schemas from the Drizzle schema (types, enums, nulls), with no key missing and none unknown. */
const checks = new Map<BackupTable, TableCheck>(
  backupTables.map((t) => {
    const omit: Record<string, true> = Object.fromEntries(t.localColumns.map((key) => [key, true as const]));
    const full = createSelectSchema(t.table) as unknown as z.ZodObject<z.ZodRawShape>;
    const row = full.omit(omit as Parameters<typeof full.omit>[0]).strict() as unknown as z.ZodType<BackupRow>;
    return [
      t,
      {
        dateKeys: t.columns.filter((c) => c.column.dataType === 'date').map((c) => c.key),
        row,
        entity: entityOfTable.get(t.name),
      },
    ];
  }),
);

function describeIssue(where: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.length ? `.${issue.path.map(String).join('.')}` : '';
  return `${where}${path}: ${issue?.message ?? 'invalid'}`;
}

/** A timestamp travels as an ISO string; anything else is left for the schema to refuse. */
function decodeDates(row: unknown, dateKeys: string[]): unknown {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return row;
  const decoded: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const key of dateKeys) {
    const value = decoded[key];
    if (typeof value === 'string') decoded[key] = /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : value;
  }
  return decoded;
}

function checkRows(t: BackupTable, raw: unknown): BackupRow[] {
  if (!Array.isArray(raw)) throw new InvalidBackupError(`tables.${t.name} is not a list of rows`);
  const check = checks.get(t);
  if (!check) throw new Error(`no check for ${t.name}`);
  // Each checked row takes its raw row's place, so the raw one can be collected at once: the
  // document is never held twice (decision 017, memory).
  const rows = raw as unknown[];
  for (let i = 0; i < rows.length; i++) {
    const where = `tables.${t.name}[${i}]`;
    const parsed = check.row.safeParse(decodeDates(rows[i], check.dateKeys));
    if (!parsed.success) throw new InvalidBackupError(describeIssue(where, parsed.error));
    // Synced rows must also be what devices accept: the same zod schemas the app pulls with.
    if (check.entity) {
      const wire = entityRowSchemas[check.entity].safeParse(entityTables[check.entity].toWire(parsed.data));
      if (!wire.success) throw new InvalidBackupError(describeIssue(where, wire.error));
    }
    rows[i] = parsed.data;
  }
  return rows as BackupRow[];
}

/**
 * Pull serves rows through the change log: every synced row needs its `put` entry at the row's own
 * version, and every `put` its row. A document where they disagree was edited or damaged, and
 * restoring it would leave devices without rows, or with versions that go back in time.
 */
function checkChangeLog(tables: Map<BackupTable, BackupRow[]>): void {
  const logTable = backupTables.find((t) => t.table === changeLog);
  if (!logTable) return;
  const entries = new Map<string, { op: string; seq: number }>();
  for (const e of tables.get(logTable) ?? []) {
    entries.set(`${String(e.entity)}:${String(e.entityId)}`, { op: String(e.op), seq: Number(e.seq) });
  }
  let puts = 0;
  for (const [t, rows] of tables) {
    const entity = checks.get(t)?.entity;
    if (!entity) continue;
    for (const row of rows) {
      const entry = entries.get(`${entity}:${String(row.id)}`);
      if (!entry || entry.op !== 'put' || entry.seq !== row.version) {
        throw new InvalidBackupError(`tables.${t.name}: row ${String(row.id)} has no matching change_log entry at version ${String(row.version)}`);
      }
      puts++;
    }
  }
  const logged = [...entries.values()].filter((e) => e.op === 'put').length;
  if (logged !== puts) throw new InvalidBackupError(`tables.change_log: ${logged - puts} entries name rows the backup does not have`);
}

/**
 * Users are only created by an admin (the first one only on an empty database), so a backup in
 * which no active admin exists would lock everyone out of user management and of restoring again,
 * with no way back short of SQL. No backup this app wrote looks like that.
 */
function checkSomeoneCanAdminister(tables: Map<BackupTable, BackupRow[]>): void {
  const userTable = backupTables.find((t) => t.table === users);
  const admins = (userTable ? tables.get(userTable) ?? [] : []).filter((u) => u.role === 'admin' && u.active === true);
  if (admins.length === 0) throw new InvalidBackupError('tables.users: no active administrator: restoring it would leave nobody able to sign in as admin.');
}

/** Checks a whole document before anything is touched; throws InvalidBackupError naming the first problem. */
export function parseBackup(text: string): ValidBackup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidBackupError('The file is not complete JSON: it may be truncated or damaged.');
  }
  if (nestsDeeperThan(json, MAX_BACKUP_DEPTH)) {
    throw new InvalidBackupError(`The file nests values more than ${MAX_BACKUP_DEPTH} levels deep: it is not a backup this app wrote.`);
  }
  const header = headerSchema.safeParse(json);
  if (!header.success) throw new InvalidBackupError(describeIssue('backup', header.error));
  if (header.data.version !== BACKUP_VERSION) {
    throw new InvalidBackupError(`Backup format version ${header.data.version} cannot be read by this server (it reads version ${BACKUP_VERSION}).`);
  }
  const mismatch = schemaMismatch(header.data.schema);
  if (mismatch) throw new InvalidBackupError(mismatch);
  const known = new Set(backupTables.map((t) => t.name));
  // The keys as written: zod's copy drops a `__proto__` key (assigning it sets the prototype).
  const unknown = Object.keys((json as { tables: object }).tables).filter((name) => !known.has(name));
  if (unknown.length) throw new InvalidBackupError(`Unknown tables in the backup: ${unknown.join(', ')}.`);
  const missing = backupTables.filter((t) => !(t.name in header.data.tables)).map((t) => t.name);
  if (missing.length) throw new InvalidBackupError(`Tables missing from the backup: ${missing.join(', ')}.`);

  const tables = new Map<BackupTable, BackupRow[]>();
  for (const t of backupTables) tables.set(t, checkRows(t, header.data.tables[t.name]));
  checkSomeoneCanAdminister(tables);
  checkChangeLog(tables);
  return { createdAt: header.data.createdAt, tables };
}
