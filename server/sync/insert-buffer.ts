import { getTableConfig } from 'drizzle-orm/pg-core';
import type { MutationPort } from '../../sync/mutators/port';
import type { EntityName, NewRow } from '../../sync/protocol/entities';
import type { Db } from '../db/database';
import { entityTables } from './entity-tables';

/**
 * The deferred inserts could not stand as they were: an id was already taken in the database (the
 * mutation that claimed it must be rejected instead), or the database refused a row. The batch is
 * rolled back and runs again one statement at a time, where each mutation meets its own outcome.
 */
export class InsertsNotDeferrable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InsertsNotDeferrable';
  }
}

interface Pending {
  entity: EntityName;
  id: string;
  values: Record<string, unknown>;
  /** Index of the mutation that made it, within the batch. */
  owner: number;
}

/** For each entity, the entities whose rows a delete of it takes with it (ON DELETE CASCADE). */
const CASCADES_TO: ReadonlyMap<EntityName, readonly EntityName[]> = (() => {
  const entities = Object.keys(entityTables) as EntityName[];
  const byTable = new Map(entities.map((e) => [entityTables[e].table, e]));
  const cascades = new Map<EntityName, EntityName[]>(entities.map((e) => [e, []]));
  for (const child of entities) {
    for (const fk of getTableConfig(entityTables[child].table).foreignKeys) {
      const parent = byTable.get(fk.reference().foreignTable);
      if (parent && fk.onDelete === 'cascade') cascades.get(parent)?.push(child);
    }
  }
  return cascades;
})();

/** Rows in one multi-row statement at most, well under Postgres's 65,535 parameters. */
const MAX_ROWS_PER_STATEMENT = 1000;

/**
 * A push batch's inserts, held back and written as multi-row statements (docs/decisions/021).
 * Only inserts wait, and only until anything could observe them: a read of the same entity, or any
 * other write, flushes them first, in the order they were made, so every statement the database
 * runs, and the order of every write, is what the one-by-one path would have run.
 */
export class InsertBuffer {
  private pending: Pending[] = [];
  private readonly keys = new Set<string>();
  private readonly entities = new Map<EntityName, number>();
  /** Mutations of which at least one row has reached the database. */
  private readonly flushedOwners = new Set<number>();
  /**
   * Rows this batch has written and not deleted since: their ids are surely taken, so a second
   * claim is refused at once instead of failing the next flush (and the batch's held-back path).
   */
  private readonly written = new Set<string>();

  constructor(private readonly tx: Db) {}

  private static key(entity: EntityName, id: string) {
    return `${entity}:${id}`;
  }

  /** False when this batch already claimed the id: the one-by-one insert would have found it taken. */
  add(entity: EntityName, row: NewRow<EntityName>, createdAt: Date | undefined, owner: number): boolean {
    const key = InsertBuffer.key(entity, row.id);
    if (this.keys.has(key) || this.written.has(key)) return false;
    const t = entityTables[entity];
    this.pending.push({ entity, id: row.id, values: createdAt ? { ...t.toDb(row), createdAt } : t.toDb(row), owner });
    this.keys.add(key);
    this.entities.set(entity, (this.entities.get(entity) ?? 0) + 1);
    return true;
  }

  /**
   * A row was deleted: its id may be free again, and so may the ids of rows a cascade took with it,
   * so the database decides the next claim of those.
   */
  deleted(entity: EntityName, id: string): void {
    this.written.delete(InsertBuffer.key(entity, id));
    const children = CASCADES_TO.get(entity) ?? [];
    if (children.length === 0) return;
    for (const key of [...this.written]) if (children.some((child) => key.startsWith(`${child}:`))) this.written.delete(key);
  }

  holds(entity: EntityName): boolean {
    return (this.entities.get(entity) ?? 0) > 0;
  }

  /** Whether some row of this mutation has been written (it cannot be taken back without a savepoint). */
  wroteFor(owner: number): boolean {
    return this.flushedOwners.has(owner);
  }

  /** Forgets a rejected mutation's rows that have not been written: a rejection leaves no effect. */
  discard(owner: number): void {
    const kept: Pending[] = [];
    for (const p of this.pending) {
      if (p.owner !== owner) kept.push(p);
      else this.forget(p);
    }
    this.pending = kept;
  }

  private forget(p: Pending) {
    this.keys.delete(InsertBuffer.key(p.entity, p.id));
    this.entities.set(p.entity, (this.entities.get(p.entity) ?? 1) - 1);
  }

  /** Writes every held row: one statement per run of consecutive rows of one entity. */
  async flush(): Promise<void> {
    const rows = this.pending;
    if (rows.length === 0) return;
    this.pending = [];
    for (const p of rows) this.forget(p);
    for (let start = 0; start < rows.length; ) {
      const entity = rows[start]!.entity;
      let end = start + 1;
      while (end < rows.length && end - start < MAX_ROWS_PER_STATEMENT && rows[end]!.entity === entity) end++;
      await this.write(entity, rows.slice(start, end));
      start = end;
    }
  }

  private async write(entity: EntityName, rows: Pending[]): Promise<void> {
    const t = entityTables[entity];
    for (const p of rows) this.flushedOwners.add(p.owner);
    let inserted: { id: unknown }[];
    try {
      inserted = await this.tx
        .insert(t.table)
        .values(rows.map((p) => p.values))
        .onConflictDoNothing({ target: t.id })
        .returning({ id: t.id });
    } catch (error) {
      throw new InsertsNotDeferrable(`the database refused a deferred ${entity} insert`, { cause: error });
    }
    if (inserted.length !== rows.length) throw new InsertsNotDeferrable(`a deferred ${entity} id was already taken`);
    for (const p of rows) this.written.add(InsertBuffer.key(p.entity, p.id));
  }
}

/**
 * The port one mutation of a batch runs over: inserts go to the batch's buffer; anything that
 * could see them (a read of that entity, any other write) flushes the buffer first. `wrote` says
 * whether this mutation has changed the database, as the savepoint-less path needs to know.
 */
export function deferringPort(inner: MutationPort, buffer: InsertBuffer, owner: number): { port: MutationPort; wrote: () => boolean } {
  let wroteDirectly = false;
  const flushIfHolding = async (entity: EntityName) => {
    if (buffer.holds(entity)) await buffer.flush();
  };
  const beforeWrite = async () => {
    await buffer.flush();
    wroteDirectly = true;
  };
  return {
    wrote: () => wroteDirectly || buffer.wroteFor(owner),
    port: {
      async get(entity, id) {
        await flushIfHolding(entity);
        return inner.get(entity, id);
      },
      async insert(entity, row, createdAt) {
        return buffer.add(entity, row as NewRow<EntityName>, createdAt, owner);
      },
      async update(entity, id, patch) {
        await beforeWrite();
        return inner.update(entity, id, patch);
      },
      async delete(entity, id) {
        await beforeWrite();
        buffer.deleted(entity, id);
        return inner.delete(entity, id);
      },
      async schedulesOverlapping(technicianId, start, end) {
        await flushIfHolding('schedule');
        return inner.schedulesOverlapping(technicianId, start, end);
      },
      async timeOffOf(technicianId, status) {
        await flushIfHolding('timeOff');
        return inner.timeOffOf(technicianId, status);
      },
      async fieldVersionsByOthers(entity, id) {
        await flushIfHolding(entity);
        return inner.fieldVersionsByOthers(entity, id);
      },
      async recordHistory(entry) {
        await beforeWrite();
        return inner.recordHistory(entry);
      },
    },
  };
}
