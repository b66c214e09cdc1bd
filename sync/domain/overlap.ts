import { localDateRange } from './time';

/** Longest shift allowed (sync-protocol.md). */
export const MAX_SHIFT_MS = 24 * 60 * 60 * 1000;

export interface Interval {
  start: Date;
  end: Date;
}

/** Half-open intervals [start, end): back-to-back intervals do not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

export type ShiftProblem = 'empty' | 'too_long';

export function shiftProblem(shift: Interval): ShiftProblem | null {
  const length = shift.end.getTime() - shift.start.getTime();
  if (length <= 0) return 'empty';
  if (length > MAX_SHIFT_MS) return 'too_long';
  return null;
}

/** The first of `others` (other than `ignoreId`) that overlaps `shift`, if any. */
export function findOverlap<T extends { id: string; start: string; end: string }>(
  shift: Interval,
  others: readonly T[],
  ignoreId?: string,
): T | undefined {
  return others.find(
    (o) => o.id !== ignoreId && overlaps(shift, { start: new Date(o.start), end: new Date(o.end) }),
  );
}

/** Time off covers whole calendar days in the technician's own time zone. */
export function timeOffInterval(t: { startDate: string; endDate: string }, timeZone: string): Interval {
  return localDateRange(t.startDate, t.endDate, timeZone);
}

export function findTimeOffClash<T extends { id: string; startDate: string; endDate: string; status: string }>(
  shift: Interval,
  timeOff: readonly T[],
  timeZone: string,
): T | undefined {
  return timeOff.find((t) => t.status === 'approved' && overlaps(shift, timeOffInterval(t, timeZone)));
}
