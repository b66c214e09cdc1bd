import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import {
  categories,
  locations,
  mailSettings,
  quickLinks,
  schedules,
  ticketComments,
  ticketHistory,
  tickets,
  timeOff,
  users,
} from '../../drizzle/schema';
import { entityRowSchemas, type EntityName, type EntityRow } from '../../sync/protocol/entities';

/**
 * How each synced entity maps onto its table: wire field → Drizzle column key. Wire rows use the
 * protocol's names (`start`, `end`, `from`, `to`); everything else has the same name on both sides.
 * Only the fields of the entity's zod row schema are ever read out, so private columns (password
 * hashes, calendar tokens, notification settings) cannot leak through sync.
 */
const RENAMES: Partial<Record<EntityName, Record<string, string>>> = {
  schedule: { start: 'startsAt', end: 'endsAt' },
  ticketHistory: { from: 'fromValue', to: 'toValue' },
};

const TABLES: Record<EntityName, PgTable> = {
  user: users,
  location: locations,
  category: categories,
  quickLink: quickLinks,
  schedule: schedules,
  timeOff: timeOff,
  ticket: tickets,
  comment: ticketComments,
  ticketHistory: ticketHistory,
  mailSettings: mailSettings,
};

/**
 * Entities whose rows belong to one user, with that user's id as the row id: only that user pulls
 * them (sync-protocol.md, Pull: other users' notification settings are withheld).
 */
export const OWN_ROW_ENTITIES: readonly EntityName[] = ['mailSettings'];

export interface EntityTable {
  table: PgTable;
  id: PgColumn;
  fieldVersions: PgColumn;
  fieldClients: PgColumn;
  toWire(row: Record<string, unknown>): Record<string, unknown>;
  toDb(wire: Record<string, unknown>): Record<string, unknown>;
  /** SQL column name → wire field, for reading `field_versions`. */
  wireFieldOfColumn: Record<string, string>;
  /** The columns a wire row is made of, under their Drizzle keys: what a pull needs to read, no more. */
  wireColumns: Record<string, PgColumn>;
  /**
   * The wire row built by the database, as `toWire` builds it from a Drizzle row (timestamps as
   * ISO 8601 UTC with milliseconds, the version as text): reading a page as JSON text skips
   * decoding every field in the driver and mapping it in Drizzle, most of a first sync's cost.
   */
  wireJson: SQL;
}

function build(entity: EntityName): EntityTable {
  const table = TABLES[entity];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const renames = RENAMES[entity] ?? {};
  const wireFields = Object.keys(entityRowSchemas[entity].shape);
  const keyOf = (field: string) => renames[field] ?? field;
  const wireFieldOfColumn: Record<string, string> = {};
  const wireColumns: Record<string, PgColumn> = {};
  for (const field of wireFields) {
    const column = columns[keyOf(field)];
    if (!column) throw new Error(`${entity}.${field} has no column`);
    wireFieldOfColumn[column.name] = field;
    wireColumns[keyOf(field)] = column;
  }
  const isTimestamp = (key: string) => columns[key]?.dataType === 'date';
  const wireJson = sql`json_build_object(${sql.join(
    wireFields.map((field) => {
      const column = wireColumns[keyOf(field)];
      if (!column) throw new Error(`${entity}.${field} has no column`);
      const name = sql.identifier(column.name);
      // to_char's MS truncates the microseconds, as the drivers' Date parsing does.
      const value = isTimestamp(keyOf(field))
        ? sql`to_char(${name} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
        : field === 'version'
          ? sql`${name}::text`
          : name;
      return sql`${field}::text, ${value}`;
    }),
    sql`, `,
  )})`;
  const id = columns.id;
  const { fieldVersions, fieldClients } = columns;
  if (!id || !fieldVersions || !fieldClients) throw new Error(`${entity} lacks id, field_versions or field_clients`);
  return {
    table,
    id,
    fieldVersions,
    fieldClients,
    wireFieldOfColumn,
    wireColumns,
    wireJson,
    toWire(row) {
      const out: Record<string, unknown> = {};
      for (const field of wireFields) {
        const value = row[keyOf(field)];
        out[field] = value instanceof Date ? value.toISOString() : field === 'version' ? String(value) : value;
      }
      return out;
    },
    toDb(wire) {
      const out: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(wire)) {
        if (field === 'version' || field === 'createdAt' || field === 'updatedAt') continue;
        const key = keyOf(field);
        out[key] = isTimestamp(key) && typeof value === 'string' ? new Date(value) : value;
      }
      return out;
    },
  };
}

export const entityTables = Object.fromEntries(
  (Object.keys(TABLES) as EntityName[]).map((e) => [e, build(e)]),
) as Record<EntityName, EntityTable>;

export function toWireRow<E extends EntityName>(entity: E, row: Record<string, unknown>): EntityRow<E> {
  return entityTables[entity].toWire(row) as EntityRow<E>;
}
