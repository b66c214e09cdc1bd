import type { EntityRow } from '../../../sync/protocol/entities';
import { device } from '../sync/device';
import { liveSignal, type LiveSignal } from './live-query';

export type QuickLink = EntityRow<'quickLink'>;

/** The order people arranged them in; equal positions (two admins offline) fall back to the title. */
export const byPosition = (a: QuickLink, b: QuickLink) => a.position - b.position || a.title.localeCompare(b.title);

/** Every quick link, as synced to this device, in their order. */
export function useQuickLinks(): LiveSignal<QuickLink[]> {
  return liveSignal(device.db, async ({ db }) => (await db.quickLink.toArray()).sort(byPosition), []);
}
