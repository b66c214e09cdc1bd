import { addDaysTo, daysBetween, instantOfWallTime, weekdayOf } from './calendar-dates';

/** "Repeat weekly" reaches at most this far, so one click cannot flood a device with shifts. */
export const MAX_REPEAT_DAYS = 366;

export interface WeeklyRepeat {
  /** The first shift's day and wall times, in `zone`. */
  date: string;
  start: string;
  end: string;
  /** The shift ends on the day after it starts (a night shift). */
  endsNextDay: boolean;
  /** ISO weekdays minus one: 0 Monday … 6 Sunday. */
  weekdays: readonly number[];
  /** The last day an occurrence may start on, inclusive. */
  until: string;
  zone: string;
}

export type Occurrence = { date: string; start: Date; end: Date } | { date: string; skipped: 'clock_change' };

export type RepeatProblem = 'until_before_start' | 'too_far' | 'no_weekdays';

export function repeatProblem(r: Pick<WeeklyRepeat, 'date' | 'until' | 'weekdays'>): RepeatProblem | null {
  if (r.weekdays.length === 0) return 'no_weekdays';
  if (r.until < r.date) return 'until_before_start';
  if (daysBetween(r.date, r.until) > MAX_REPEAT_DAYS) return 'too_far';
  return null;
}

/**
 * Every occurrence of a weekly repeat, each at the same wall times on its own day, so a 08:00 shift
 * stays 08:00 across a DST change (and its length follows the clocks, as the work does). A day whose
 * wall time the clocks skip is reported, not moved.
 */
export function weeklyOccurrences(r: WeeklyRepeat): Occurrence[] {
  if (repeatProblem(r)) return [];
  const days = new Set(r.weekdays);
  const out: Occurrence[] = [];
  for (let date = r.date; date <= r.until; date = addDaysTo(date, 1)) {
    if (!days.has(weekdayOf(date))) continue;
    const start = instantOfWallTime(date, r.start, r.zone);
    const end = instantOfWallTime(r.endsNextDay ? addDaysTo(date, 1) : date, r.end, r.zone);
    out.push(start && end ? { date, start, end } : { date, skipped: 'clock_change' });
  }
  return out;
}
