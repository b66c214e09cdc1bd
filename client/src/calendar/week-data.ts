import type { Accessor } from 'solid-js';
import { device } from '../sync/device';
import { liveSignal } from '../stores/live-query';
import { weekWindow, type Shift, type TimeOff } from './board-model';
import { addDaysTo } from '../../../sync/domain/calendar-dates';
import type { DeviceDatabase } from '../../db/device-db';

export interface WeekData {
  shifts: Shift[];
  timeOff: TimeOff[];
}

/**
 * The shifts and time off a week of the viewer's dates needs, read from the device (so the board
 * works offline and shows unsent changes at once). Re-reads when the week or the rows change.
 */
export function useWeekData(week: Accessor<{ monday: string; zone: string }>): Accessor<WeekData> {
  return liveSignal(
    () => {
      const d = device.db();
      return d ? { db: d.db, ...week() } : null;
    },
    async ({ db, monday, zone }) => {
      const { from, to } = weekWindow(monday, zone);
      // A shift is at most 24 hours, so one that ends inside the window starts at most a day before it.
      const shifts = await db.schedule.where('start').between(from, to, true, false).toArray();
      const first = addDaysTo(monday, -1);
      const last = addDaysTo(monday, 7);
      const timeOff = await db.timeOff.filter((t) => t.endDate >= first && t.startDate <= last).toArray();
      return { shifts, timeOff };
    },
    { shifts: [], timeOff: [] },
  );
}

export interface Commitments {
  shifts: Shift[];
  timeOff: TimeOff[];
}

/** One technician's shifts and approved time off, for checking a slot before saving it. */
export async function commitmentsOf(db: DeviceDatabase, technicianId: string): Promise<Commitments> {
  const [shifts, timeOff] = await Promise.all([
    db.schedule.where('technicianId').equals(technicianId).toArray(),
    db.timeOff.where('technicianId').equals(technicianId).filter((t) => t.status === 'approved').toArray(),
  ]);
  return { shifts, timeOff };
}

export async function technicianCommitments(technicianId: string): Promise<Commitments> {
  const d = device.db();
  return d ? commitmentsOf(d.db, technicianId) : { shifts: [], timeOff: [] };
}

/** The same, kept current while the editor is open (another tab, a pull, the user's own saves). */
export function useCommitments(technicianId: Accessor<string>): Accessor<Commitments> {
  return liveSignal(
    () => {
      const d = device.db();
      const id = technicianId();
      return d && id ? { db: d.db, id } : null;
    },
    ({ db, id }) => commitmentsOf(db, id),
    { shifts: [], timeOff: [] },
  );
}
