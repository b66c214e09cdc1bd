import type { Role } from '../protocol/enums';
import type { EntityName, EntityRow, NewRow } from '../protocol/entities';

/**
 * The small read/write port every mutator runs over. The device implements it on Dexie (optimistic,
 * instant); the server on Drizzle inside the mutation's transaction (authoritative). Rows are in the
 * wire shape of sync/protocol/entities.ts on both sides.
 */
export interface MutationPort {
  get<E extends EntityName>(entity: E, id: string): Promise<EntityRow<E> | undefined>;
  /**
   * Adds a row; false (and nothing written) when a row with that id already exists. `createdAt`
   * dates a row by its time of action (a ticket opened offline); by default it is the write's time.
   */
  insert<E extends EntityName>(entity: E, row: NewRow<E>, createdAt?: Date): Promise<boolean>;
  update<E extends EntityName>(entity: E, id: string, patch: Partial<NewRow<E>>): Promise<void>;
  delete(entity: EntityName, id: string): Promise<void>;
  /** A technician's shifts that intersect [start, end). */
  schedulesOverlapping(technicianId: string, start: Date, end: Date): Promise<EntityRow<'schedule'>[]>;
  /** A technician's time off of the given status. */
  timeOffOf(technicianId: string, status: 'approved'): Promise<EntityRow<'timeOff'>[]>;
  /**
   * Per field, the version that last changed it, for fields last changed by someone other than the
   * device whose mutation runs: a device's own successive edits carry the same baseVersion and are
   * not conflicts (sync-protocol.md, Push). The device does not know them and returns {}.
   */
  fieldVersionsByOthers(entity: EntityName, id: string): Promise<Record<string, number>>;
  /**
   * Appends to a ticket's history. The server writes it; the device ignores it (the entries arrive
   * with the next pull), so history ids are made in one place only.
   */
  recordHistory(entry: { ticketId: string; field: string; from: string | null; to: string | null; conflict: boolean; at: Date }): Promise<void>;
}

export interface MutationContext {
  actor: { id: string; role: Role };
  /** Server: arrival time (the database's clock). Device: the time the user acted. */
  now: Date;
  /** When the user acted on the device (the mutation's `at`); on the server no later than `now`. */
  actedAt: Date;
}
