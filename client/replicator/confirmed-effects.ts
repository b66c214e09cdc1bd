import type { MutationPort } from '../../sync/mutators/port';
import type { EntityName } from '../../sync/protocol/entities';
import type { Change } from '../../sync/protocol/pull';

/*
 * A mutation the server confirmed keeps its effect on the device until the device has seen that
 * effect in pulled rows (docs/decisions/009-confirmed-mutations-wait-for-their-rows.md). Two facts
 * make that decidable without any version bookkeeping:
 * - every page pulled at or after the confirming one was read in a snapshot that contains the
 *   mutation, so a row it carries already shows the effect (or a later change that overwrote it);
 * - replaying the mutation on top of the rows the device now holds writes nothing exactly when
 *   those rows already show its effect (updates drop unchanged fields; a create finds its row; a
 *   delete finds none).
 */

export const rowKey = (entity: EntityName, id: string) => `${entity}:${id}`;

export function pulledRowKeys(changes: readonly Change[]): Set<string> {
  return new Set(changes.map((c) => rowKey(c.entity, c.id)));
}

/**
 * The port a confirmed mutation is replayed over: writes reach only the rows it may still have to
 * show (`allowed`: null means any row not in `pulled`), and the rows it did write are returned.
 */
export function confirmedReplayPort(
  port: MutationPort,
  pulled: ReadonlySet<string>,
  allowed: ReadonlySet<string> | null,
): { port: MutationPort; written: Set<string> } {
  const written = new Set<string>();
  const may = (key: string) => !pulled.has(key) && (allowed === null || allowed.has(key));
  const write = async (entity: EntityName, id: string, work: () => Promise<unknown>) => {
    const key = rowKey(entity, id);
    if (!may(key)) return;
    await work();
    written.add(key);
  };
  return {
    written,
    port: {
      ...port,
      async insert(entity, row) {
        const key = rowKey(entity, row.id);
        if (!may(key)) return true;
        const inserted = await port.insert(entity, row);
        if (inserted) written.add(key);
        return inserted;
      },
      update: (entity, id, patch) => write(entity, id, () => port.update(entity, id, patch)),
      delete: (entity, id) => write(entity, id, () => port.delete(entity, id)),
    },
  };
}
