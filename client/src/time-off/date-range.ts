import { differenceInCalendarDays, format, parseISO } from 'date-fns';

/**
 * Time off is whole calendar days (`YYYY-MM-DD`, inclusive), read in the technician's own zone, so
 * it is shown as dates and never converted through instants.
 */
export function describeDateRange(startDate: string, endDate: string): string {
  const start = parseISO(startDate);
  const end = parseISO(endDate);
  if (startDate === endDate) return format(start, 'EEE d MMM yyyy');
  const sameYear = start.getFullYear() === end.getFullYear();
  return `${format(start, sameYear ? 'EEE d MMM' : 'EEE d MMM yyyy')} – ${format(end, 'EEE d MMM yyyy')}`;
}

/** "1 day", "5 days": how many calendar days the range covers, both ends included. */
export function dayCount(startDate: string, endDate: string): string {
  const days = differenceInCalendarDays(parseISO(endDate), parseISO(startDate)) + 1;
  return days === 1 ? '1 day' : `${days} days`;
}
