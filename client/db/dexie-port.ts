import type { MutationPort } from '../../sync/mutators/port';
import type { EntityName, EntityRow } from '../../sync/protocol/entities';
import type { DeviceTables } from './device-db';

/**
 * The mutators' port on the device: Dexie, inside the caller's read-write transaction. Before a row
 * is first changed by a pending mutation, its server version is saved in `local_shadow`, so a pull
 * can put the server's state back, apply the news, and replay the queue on top (rebase).
 * `db` is the caller's transaction's view of the tables (DeviceDatabase.within, decision 026).
 */
export function dexiePort(db: DeviceTables, now: Date): MutationPort {
  const table = (entity: EntityName) => db.table(entity);

  async function remember(entity: EntityName, id: string): Promise<void> {
    if (await db.local_shadow.get([entity, id])) return;
    const row = (await table(entity).get(id)) as Record<string, unknown> | undefined;
    await db.local_shadow.put({ entity, id, row: row ?? null });
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
      const rows = await db.schedule.where('technicianId').equals(technicianId).toArray();
      return rows.filter((s) => new Date(s.start) < end && new Date(s.end) > start);
    },
    async timeOffOf(technicianId, status) {
      return db.timeOff.where('technicianId').equals(technicianId).filter((t) => t.status === status).toArray();
    },
    async fieldVersionsByOthers() {
      return {};
    },
    async recordHistory() {
      // History entries are made by the server alone and arrive with the next pull.
    },
  };
}
