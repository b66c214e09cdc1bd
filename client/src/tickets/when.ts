import { localDateOf, localTimeOf, shortDayLabel } from '../../../sync/domain/calendar-dates';

/** "14:03" today, "Mon 23 Nov" this year, "23 Nov 2025" before: short enough for a list row. */
export function shortWhen(instant: string, zone: string, now: Date): string {
  const date = localDateOf(instant, zone);
  if (date === localDateOf(now, zone)) return localTimeOf(instant, zone);
  if (date.slice(0, 4) === localDateOf(now, zone).slice(0, 4)) return shortDayLabel(date);
  return `${shortDayLabel(date).slice(4)} ${date.slice(0, 4)}`;
}

/** "Mon 23 Nov, 14:03": a full moment in the viewer's zone, for history and comments. */
export function fullWhen(instant: string, zone: string): string {
  return `${shortDayLabel(localDateOf(instant, zone))}, ${localTimeOf(instant, zone)}`;
}

/** When an entry reached the server: its time when that was the same day it was made, else day and time. */
export function syncedWhen(madeAt: string, arrivedAt: string, zone: string): string {
  return localDateOf(madeAt, zone) === localDateOf(arrivedAt, zone) ? localTimeOf(arrivedAt, zone) : fullWhen(arrivedAt, zone);
}
