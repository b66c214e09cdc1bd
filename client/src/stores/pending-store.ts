import type { Accessor } from 'solid-js';
import type { EntityName } from '../../../sync/protocol/entities';
import { entityOfMutation } from '../../../sync/protocol/mutation-entity';
import { device } from '../sync/device';
import { liveSignal } from './live-query';

/**
 * Ids of the rows of `entity` that changes made on this device, not yet confirmed by the server,
 * touch: a created row, but also an approval or an edit made offline. Pages mark them
 * "not synced yet" (together with `isLocalOnly` for rows the server has never seen).
 */
export function usePendingIds(entity: EntityName): Accessor<ReadonlySet<string>> {
  return liveSignal(
    device.db,
    async ({ db }) => {
      const ids = new Set<string>();
      for (const m of await db.local_queue.toArray()) {
        const id = (m.args as { id?: unknown } | null)?.id;
        if (entityOfMutation(m.name) === entity && typeof id === 'string') ids.add(id);
      }
      return ids;
    },
    new Set<string>(),
  );
}
