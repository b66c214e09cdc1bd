import type { Accessor } from 'solid-js';
import type { EntityRow } from '../../../sync/protocol/entities';
import { device } from '../sync/device';
import { liveSignal } from './live-query';

export type Category = EntityRow<'category'>;

/**
 * Every ticket category, as synced to this device, by name. A ticket whose categoryId is not among
 * them (its category was deleted, here or elsewhere, and the ticket's new version has not arrived
 * yet) is uncategorised.
 */
export function useCategories(): Accessor<Category[]> {
  return liveSignal(device.db, async ({ db }) => (await db.category.toArray()).sort((a, b) => a.name.localeCompare(b.name)), []);
}
