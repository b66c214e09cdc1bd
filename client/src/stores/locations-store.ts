import type { Accessor } from 'solid-js';
import type { EntityRow } from '../../../sync/protocol/entities';
import { device } from '../sync/device';
import { liveSignal } from './live-query';

export type Location = EntityRow<'location'>;

/** Every location, as synced to this device, by name. */
export function useLocations(): Accessor<Location[]> {
  return liveSignal(device.db, async ({ db }) => (await db.location.toArray()).sort((a, b) => a.name.localeCompare(b.name)), []);
}
