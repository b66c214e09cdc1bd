import type { Accessor } from 'solid-js';
import type { EntityRow } from '../../../sync/protocol/entities';
import { device } from '../sync/device';
import { liveSignal } from './live-query';

export type TimeOff = EntityRow<'timeOff'>;

const byDates = (a: TimeOff, b: TimeOff) => a.startDate.localeCompare(b.startDate) || a.endDate.localeCompare(b.endDate);

/** The signed-in user's own time off on this device (works offline), earliest first. */
export function useMyTimeOff(): Accessor<TimeOff[]> {
  return liveSignal(device.db, async ({ db, userId }) => (await db.timeOff.where('technicianId').equals(userId).toArray()).sort(byDates), []);
}

/** Everyone's time off still waiting for a decision, earliest first: the admin's "Requests". */
export function useRequestedTimeOff(): Accessor<TimeOff[]> {
  return liveSignal(device.db, async ({ db }) => (await db.timeOff.filter((t) => t.status === 'requested').toArray()).sort(byDates), []);
}
