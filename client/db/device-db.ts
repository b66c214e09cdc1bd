import { Dexie, type DexieOptions, type Table, type Transaction } from 'dexie';
import type { EntityName, EntityRow } from '../../sync/protocol/entities';
import type { WireMutation } from '../../sync/protocol/push';

/** A mutation that was refused by the server (or could not be sent), kept until the user acts on it. */
export interface AttentionItem {
  key?: number;
  mutationId: number;
  name: WireMutation['name'];
  args: unknown;
  at: string;
  error: { code: string; message: string; [detail: string]: unknown };
  rejectedAt: string;
}

/**
 * A mutation the server has processed (pull's lastMutationId) whose effect the device has not yet
 * seen in pulled rows: it may be held back behind an older transaction elsewhere (docs/decisions/
 * 009). Its effect stays on top of the pulled rows until every row in `awaiting` has been pulled
 * again, or already shows the effect. Absent `awaiting`: confirmed by the page now being applied.
 */
export interface ConfirmedMutation extends WireMutation {
  awaiting?: string[];
}

/** The server's version of a row that pending mutations changed on this device (null: it had none). */
export interface ShadowRow {
  entity: EntityName;
  id: string;
  row: Record<string, unknown> | null;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The device database. Synced tables are named after their entity and hold rows in the wire shape;
 * local-only tables are prefixed `local_`:
 * - `local_queue`: mutations not yet confirmed by the server, by mutation id (ascending = user order);
 * - `local_confirmed`: mutations the server confirmed whose effect a pull has not brought yet;
 * - `local_attention`: rejected mutations, the "needs attention" list;
 * - `local_shadow`: server versions of rows that queued mutations changed, so a pull can rebase;
 * - `local_meta`: clientId, next mutation id, pull cursor, last sync time, signed-in user.
 *
 * Schema changes add a new `this.version(n)`; Dexie upgrades in place and the queue is kept.
 */
export const STORES_V1 = {
  user: 'id, email',
  location: 'id',
  category: 'id',
  quickLink: 'id, position',
  schedule: 'id, technicianId, start, [technicianId+start]',
  timeOff: 'id, technicianId',
  ticket: 'id, status, assigneeId, updatedAt',
  comment: 'id, ticketId',
  ticketHistory: 'id, ticketId',
  local_queue: 'id',
  local_attention: '++key, mutationId',
  local_shadow: '[entity+id]',
  local_meta: 'key',
} as const;

/** Version 2: `local_confirmed`, processed mutations whose effect has not been pulled yet. */
export const STORES_V2 = { ...STORES_V1, local_confirmed: 'id' } as const;

/** Version 3: `mailSettings`, the signed-in user's own notification settings (only theirs is pulled). */
export const STORES_V3 = { ...STORES_V2, mailSettings: 'id' } as const;

export const SYNCED_TABLES: readonly EntityName[] = [
  'user',
  'location',
  'category',
  'quickLink',
  'schedule',
  'timeOff',
  'ticket',
  'comment',
  'ticketHistory',
  'mailSettings',
];

export class DeviceDatabase extends Dexie {
  user!: Table<EntityRow<'user'>, string>;
  location!: Table<EntityRow<'location'>, string>;
  category!: Table<EntityRow<'category'>, string>;
  quickLink!: Table<EntityRow<'quickLink'>, string>;
  schedule!: Table<EntityRow<'schedule'>, string>;
  timeOff!: Table<EntityRow<'timeOff'>, string>;
  ticket!: Table<EntityRow<'ticket'>, string>;
  comment!: Table<EntityRow<'comment'>, string>;
  ticketHistory!: Table<EntityRow<'ticketHistory'>, string>;
  mailSettings!: Table<EntityRow<'mailSettings'>, string>;
  local_queue!: Table<WireMutation, number>;
  local_confirmed!: Table<ConfirmedMutation, number>;
  local_attention!: Table<AttentionItem, number>;
  local_shadow!: Table<ShadowRow, [EntityName, string]>;
  local_meta!: Table<MetaRow, string>;

  constructor(name = 'technician-scheduler', options?: DexieOptions) {
    super(name, options);
    this.version(1).stores(STORES_V1);
    this.version(2).stores(STORES_V2);
    this.version(3).stores(STORES_V3);
  }

  /** Every table, for transactions that must see the whole device state at once. */
  get allTables() {
    return this.tables;
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.local_meta.get(key))?.value as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.local_meta.put({ key, value });
  }

  /**
   * The database as seen from inside transaction `tx`: every table (and the meta helpers) sends its
   * requests to `tx` itself. Dexie follows a transaction across native awaits on a best-effort
   * basis only, and the mutators are native async functions: when it lost track, requests ran in
   * transactions of their own (PrematureCommitError, half a change written; decision 026). Code
   * running inside a transaction uses this view, never the database.
   */
  within(tx: Transaction): DeviceTables {
    // Typed by hand: Transaction.table answers an untyped Table for a name.
    // Only the tables in the transaction's scope (Transaction.table throws for the others).
    const tables = Object.fromEntries(tx.storeNames.map((name) => [name, tx.table(name)])) as unknown as Pick<DeviceDatabase, TableName>;
    return {
      ...tables,
      table: (name: string) => tx.table(name),
      getMeta: async <T>(key: string) => (await tables.local_meta.get(key))?.value as T | undefined,
      setMeta: async (key: string, value: unknown) => {
        await tables.local_meta.put({ key, value });
      },
    };
  }
}

type TableName = EntityName | 'local_queue' | 'local_confirmed' | 'local_attention' | 'local_shadow' | 'local_meta';

/** What code inside a device transaction reads and writes through (DeviceDatabase.within). */
export type DeviceTables = Pick<DeviceDatabase, TableName | 'getMeta' | 'setMeta'> & { table: (name: string) => Table };
