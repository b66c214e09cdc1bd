import type { Accessor } from 'solid-js';
import type { EntityRow } from '../../../sync/protocol/entities';
import { device } from '../sync/device';
import { liveSignal } from './live-query';

export type Category = EntityRow<'category'>;

/** Every ticket category, as synced to this device, by name. */
export function useCategories(): Accessor<Category[]> {
  return liveSignal(device.db, async ({ db }) => (await db.category.toArray()).sort((a, b) => a.name.localeCompare(b.name)), []);
}
