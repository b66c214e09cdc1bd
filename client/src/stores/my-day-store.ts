import type { Accessor } from 'solid-js';
import type { EntityRow } from '../../../sync/protocol/entities';
import { device } from '../sync/device';
import { liveSignal, type LiveSignal } from './live-query';

export type MyShift = EntityRow<'schedule'> & { location: EntityRow<'location'> | undefined };
export type MyTicket = EntityRow<'ticket'>;

const DAY_MS = 24 * 60 * 60 * 1000;
const DONE = new Set(['resolved', 'closed']);

/**
 * The signed-in user's shifts that touch [from, to), with their locations, earliest first. A shift
 * lasts at most a day, so one that reaches into the window starts at most a day before it.
 */
export function useMyShifts(window: Accessor<{ from: Date; to: Date }>): LiveSignal<MyShift[]> {
  return liveSignal(
    () => {
      const d = device.db();
      return d ? { ...d, ...window() } : null;
    },
    async ({ db, userId, from, to }) => {
      const shifts = await db.schedule
        .where('[technicianId+start]')
        .between([userId, new Date(from.getTime() - DAY_MS).toISOString()], [userId, to.toISOString()], true, false)
        .filter((s) => s.end > from.toISOString())
        .sortBy('start');
      const locations = await db.location.bulkGet(shifts.map((s) => s.locationId ?? ''));
      return shifts.map((s, i) => ({ ...s, location: s.locationId ? locations[i] : undefined }));
    },
    [],
  );
}

/** Tickets assigned to the signed-in user that are not resolved, closed or archived; most urgent first. */
export function useMyOpenTickets(): LiveSignal<MyTicket[]> {
  const urgency = { urgent: 0, high: 1, medium: 2, low: 3 } as const;
  return liveSignal(
    device.db,
    async ({ db, userId }) => {
      const rows = await db.ticket.where('assigneeId').equals(userId).filter((t) => t.archivedAt === null && !DONE.has(t.status)).toArray();
      return rows.sort((a, b) => urgency[a.priority] - urgency[b.priority] || b.updatedAt.localeCompare(a.updatedAt));
    },
    [],
  );
}
