import { addDays, format, parseISO } from 'date-fns';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

/**
 * The instant a calendar date starts in a time zone. Days are not always 24 hours long (DST), so a
 * date range is turned into instants by its own local midnights, never by adding hours.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return fromZonedTime(`${date}T00:00:00`, timeZone);
}

/** The half-open interval [first midnight, midnight after the last day) covered by inclusive dates. */
export function localDateRange(startDate: string, endDate: string, timeZone: string): { start: Date; end: Date } {
  const dayAfter = format(addDays(parseISO(endDate), 1), 'yyyy-MM-dd');
  return { start: startOfLocalDay(startDate, timeZone), end: startOfLocalDay(dayAfter, timeZone) };
}

/** A shift for people to read, in the technician's own zone: "Mon 9 Mar, 09:00–17:00". */
export function describeShift(start: string | Date, end: string | Date, timeZone: string): string {
  const day = formatInTimeZone(start, timeZone, 'EEE d MMM');
  const sameDay = formatInTimeZone(end, timeZone, 'EEE d MMM') === day;
  const until = formatInTimeZone(end, timeZone, sameDay ? 'HH:mm' : 'EEE d MMM, HH:mm');
  return `${day}, ${formatInTimeZone(start, timeZone, 'HH:mm')}–${until}`;
}
