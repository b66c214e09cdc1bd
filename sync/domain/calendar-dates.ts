import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

/*
 * Calendar dates ('yyyy-MM-dd') and wall times ('HH:mm') against instants, per IANA zone. A date is
 * a date everywhere, so date arithmetic is done in UTC and never sees a DST change; only turning a
 * wall time into an instant (or back) involves a zone, and there days are 23, 24 or 25 hours long.
 * The calendar draws with these and the shift editor types with them, on the device and in tests.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

function utcMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date `days` after `date` (negative: before). */
export function addDaysTo(date: string, days: number): string {
  return toDate(utcMidnight(date) + days * DAY_MS);
}

/** 0 for Monday … 6 for Sunday (ISO weekdays, minus one). */
export function weekdayOf(date: string): number {
  return (new Date(utcMidnight(date)).getUTCDay() + 6) % 7;
}

/** The Monday of the week `date` is in (weeks start on Monday, as in ISO 8601). */
export function weekStartOf(date: string): string {
  return addDaysTo(date, -weekdayOf(date));
}

/** The seven dates of the week that starts on `monday`. */
export function weekDates(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDaysTo(monday, i));
}

/** Whole days from `from` to `to` (dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/*
 * The calendar asks these questions thousands of times per render (a week board of 300 people), and
 * Intl formatting is slow, so each zone's UTC offset is looked up once per quarter hour of time and
 * cached: offsets only ever change on quarter-hour instants (every zone's DST switch happens on a
 * whole quarter hour), so every instant in a quarter hour shares its start's offset.
 */
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function offsetMs(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}@${bucket}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(bucket))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
  const offset = wall - bucket;
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

const two = (n: number) => String(n).padStart(2, '0');

function wallClock(instant: Date | string, timeZone: string): { date: string; time: string } {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const wall = new Date(ms + offsetMs(ms, timeZone));
  return {
    date: `${String(wall.getUTCFullYear()).padStart(4, '0')}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`,
    time: `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`,
  };
}

const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mon 23 Nov" for a date (no zone involved: a date is a date). */
export function shortDayLabel(date: string): string {
  return `${WEEKDAY_SHORT[weekdayOf(date)] ?? ''} ${Number(date.slice(8, 10))} ${MONTH_SHORT[Number(date.slice(5, 7)) - 1] ?? ''}`;
}

/** The date an instant falls on in a zone: the same instant is Monday in Sydney and Sunday in Los Angeles. */
export function localDateOf(instant: Date | string, timeZone: string): string {
  return wallClock(instant, timeZone).date;
}

/** The wall-clock time of an instant in a zone, 'HH:mm'. */
export function localTimeOf(instant: Date | string, timeZone: string): string {
  return wallClock(instant, timeZone).time;
}

/**
 * The instant a wall time on a date names in a zone, or null when the clocks skip it (the hour lost
 * when DST starts). A wall time that happens twice (the hour repeated when DST ends) names its first
 * occurrence, the one people mean when they plan "01:30".
 */
export function instantOfWallTime(date: string, time: string, timeZone: string): Date | null {
  const instant = fromZonedTime(`${date}T${time}:00`, timeZone);
  if (Number.isNaN(instant.getTime())) return null;
  if (localDateOf(instant, timeZone) !== date || localTimeOf(instant, timeZone) !== time) return null;
  // fromZonedTime may pick the second of two occurrences; an hour earlier reads the same if so.
  const hourEarlier = new Date(instant.getTime() - 60 * 60 * 1000);
  if (localDateOf(hourEarlier, timeZone) === date && localTimeOf(hourEarlier, timeZone) === time) return hourEarlier;
  return instant;
}

/** Length in hours, for weekly totals. */
export function hoursBetween(start: Date | string, end: Date | string): number {
  return (new Date(end).getTime() - new Date(start).getTime()) / (60 * 60 * 1000);
}

/** The zone offset at an instant, e.g. 'GMT+1' — shown when two zones are on screen at once. */
export function zoneAbbreviation(instant: Date | string, timeZone: string): string {
  return formatInTimeZone(instant, timeZone, 'zzz');
}
