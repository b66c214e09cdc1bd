import type { Table, Transaction } from 'dexie';
import type { MutationPort } from '../../sync/mutators/port';
import type { EntityName, EntityRow } from '../../sync/protocol/entities';
import type { DeviceDatabase } from './device-db';

/**
 * The mutators' port on the device: Dexie, inside the caller's read-write transaction. Before a row
 * is first changed by a pending mutation, its server version is saved in `local_shadow`, so a pull
 * can put the server's state back, apply the news, and replay the queue on top (rebase).
 *
 * With `tx`, every read and write goes to that transaction's own tables rather than to whichever
 * transaction Dexie's zone names when the request is made. The mutators are native async functions,
 * and Dexie follows a transaction across native awaits on a best-effort basis only: when it lost
 * track (seen in the browser suite as PrematureCommitError on a ticket.create, about one full run
 * in four), the remaining requests ran in transactions of their own, outside the one meant to hold
 * the mutation and its queue entry together, and the caller was told the change failed.
 */
export function dexiePort(db: DeviceDatabase, now: Date, tx?: Transaction): MutationPort {
  const table = (name: string): Table => (tx ? tx.table(name) : db.table(name));

  async function remember(entity: EntityName, id: string): Promise<void> {
    const shadow = table('local_shadow');
    if (await shadow.get([entity, id])) return;
    const row = (await table(entity).get(id)) as Record<string, unknown> | undefined;
    await shadow.put({ entity, id, row: row ?? null });
  }

  return {
    async get<E extends EntityName>(entity: E, id: string) {
      return (await table(entity).get(id)) as EntityRow<E> | undefined;
    },
    async insert(entity, row, createdAt) {
      if (await table(entity).get(row.id)) return false;
      await remember(entity, row.id);
      const stamp = now.toISOString();
      // Version 0: not yet on the server. The pulled row replaces it with the real one.
      await table(entity).put({ ...row, version: '0', createdAt: (createdAt ?? now).toISOString(), updatedAt: stamp });
      return true;
    },
    async update(entity, id, patch) {
      await remember(entity, id);
      await table(entity).update(id, { ...patch, updatedAt: now.toISOString() });
    },
    async delete(entity, id) {
      await remember(entity, id);
      await table(entity).delete(id);
    },
    async schedulesOverlapping(technicianId, start, end) {
      const rows = (await table('schedule').where('technicianId').equals(technicianId).toArray()) as EntityRow<'schedule'>[];
      return rows.filter((s) => new Date(s.start) < end && new Date(s.end) > start);
    },
    async timeOffOf(technicianId, status) {
      return (await table('timeOff').where('technicianId').equals(technicianId).filter((t: EntityRow<'timeOff'>) => t.status === status).toArray()) as EntityRow<'timeOff'>[];
    },
    async fieldVersionsByOthers() {
      return {};
    },
    async recordHistory() {
      // History entries are made by the server alone and arrive with the next pull.
    },
  };
}
