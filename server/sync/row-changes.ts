import type { MutationPort } from '../../sync/mutators/port';
import type { EntityName, NewRow } from '../../sync/protocol/entities';
import type { RowChange } from '../mail/domain/triggers';
import type { RowsSeen } from '../mail/outbox';

/**
 * Wraps the mutators' port to note every row a mutation writes, with the row before and after, so
 * side effects (notification mail) are derived from what changed rather than from each mutator.
 * Mutators read a row before they change it, so "before" comes from that read and costs nothing
 * extra; a write without one reads the row first.
 */
export function recordRowChanges(port: MutationPort): { port: MutationPort; changes: RowChange[]; seen: RowsSeen } {
  const changes: RowChange[] = [];
  const seen = new Map<string, NewRow<EntityName> | null>();
  const key = (entity: EntityName, id: string) => `${entity}:${id}`;
  const before = async (entity: EntityName, id: string): Promise<NewRow<EntityName> | null> => {
    const k = key(entity, id);
    if (seen.has(k)) return seen.get(k) ?? null;
    return (await port.get(entity, id)) ?? null;
  };
  const note = (entity: EntityName, id: string, from: NewRow<EntityName> | null, to: NewRow<EntityName> | null) => {
    seen.set(key(entity, id), to);
    changes.push({ entity, id, before: from, after: to } as RowChange);
  };
  return {
    changes,
    // The rows the mutation read or wrote, as it last saw them (the outbox names a comment's ticket from it).
    seen: ((entity: EntityName, id: string) => seen.get(key(entity, id))) as RowsSeen,
    port: {
      ...port,
      async get(entity, id) {
        const row = await port.get(entity, id);
        seen.set(key(entity, id), row ?? null);
        return row;
      },
      async insert(entity, row, createdAt) {
        const inserted = await port.insert(entity, row, createdAt);
        if (inserted) note(entity, row.id, null, row);
        return inserted;
      },
      async update(entity, id, patch) {
        const from = await before(entity, id);
        await port.update(entity, id, patch);
        if (from) note(entity, id, from, { ...from, ...patch });
      },
      async delete(entity, id) {
        const from = await before(entity, id);
        await port.delete(entity, id);
        if (from) note(entity, id, from, null);
      },
    },
  };
}
