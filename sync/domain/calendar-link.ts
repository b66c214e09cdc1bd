import { format, parseISO, startOfWeek } from 'date-fns';
import { formatInTimeZone } from 'date-fns-tz';

/**
 * Where the calendar shows a shift: the week (its Monday) that holds the shift's first day in the
 * technician's own zone, with the shift selected. The calendar page reads `week` and `shift`.
 */
export function calendarHrefForShift(shift: { id: string; start: string }, timeZone: string): string {
  const localDay = parseISO(formatInTimeZone(shift.start, timeZone, 'yyyy-MM-dd'));
  const monday = format(startOfWeek(localDay, { weekStartsOn: 1 }), 'yyyy-MM-dd');
  return `/calendar?${new URLSearchParams({ week: monday, shift: shift.id })}`;
}
