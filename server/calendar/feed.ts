import ical, { ICalEventBusyStatus } from 'ical-generator';
import type { TIME_OFF_KINDS } from '../../sync/protocol/enums';

type TimeOffKind = (typeof TIME_OFF_KINDS)[number];

/*
 * The iCalendar document of one user's feed (api.md, "Calendar feed"), built from rows already
 * read: no I/O here. Shifts are instants, written in UTC; time off is calendar dates in the
 * technician's own zone, written as all-day (floating) dates, so a calendar app shows the same
 * days wherever it is.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Shifts and time off from 30 days ago to a year ahead. */
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 365;

export interface FeedWindow {
  from: Date;
  to: Date;
  /** The same window as calendar dates (UTC), for time off. */
  fromDate: string;
  toDate: string;
}

export function feedWindow(now: Date): FeedWindow {
  const from = new Date(now.getTime() - FEED_DAYS_BACK * DAY_MS);
  const to = new Date(now.getTime() + FEED_DAYS_AHEAD * DAY_MS);
  return { from, to, fromDate: from.toISOString().slice(0, 10), toDate: to.toISOString().slice(0, 10) };
}

export interface FeedShift {
  id: string;
  startsAt: Date;
  endsAt: Date;
  note: string;
  updatedAt: Date;
  location: { name: string; address: string } | null;
}

export interface FeedTimeOff {
  id: string;
  /** Inclusive calendar dates, `YYYY-MM-DD`. */
  startDate: string;
  endDate: string;
  kind: TimeOffKind;
  note: string;
  updatedAt: Date;
}

const TIME_OFF_LABELS: Record<TimeOffKind, string> = { vacation: 'vacation', sick: 'sick leave', other: 'other' };

/** Midnight UTC of a calendar date, which ical-generator writes back as that same date. */
function dateOnly(date: string, addDays = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + addDays * DAY_MS);
}

export function shiftSummary(shift: Pick<FeedShift, 'location'>): string {
  return shift.location ? `Shift at ${shift.location.name}` : 'Shift';
}

export function timeOffSummary(kind: TimeOffKind): string {
  return `Time off (${TIME_OFF_LABELS[kind]})`;
}

export function buildFeed(shifts: FeedShift[], timeOff: FeedTimeOff[], now: Date): string {
  const calendar = ical({
    // A fixed name: ical-generator writes the calendar name unescaped, so no user text goes there.
    name: 'Technician Scheduler shifts',
    prodId: { company: 'Technician Scheduler', product: 'Shift feed', language: 'EN' },
    // A hint for how often calendar apps should fetch again (X-PUBLISHED-TTL, REFRESH-INTERVAL).
    ttl: 60 * 60,
  });
  for (const shift of shifts) {
    calendar.createEvent({
      id: shift.id,
      start: shift.startsAt,
      end: shift.endsAt,
      stamp: now,
      lastModified: shift.updatedAt,
      summary: shiftSummary(shift),
      description: shift.note || null,
      location: shift.location ? [shift.location.name, shift.location.address].filter(Boolean).join(', ') : null,
    });
  }
  for (const off of timeOff) {
    calendar.createEvent({
      id: off.id,
      allDay: true,
      start: dateOnly(off.startDate),
      // DTEND of an all-day event is exclusive: the day after the last day off.
      end: dateOnly(off.endDate, 1),
      stamp: now,
      lastModified: off.updatedAt,
      summary: timeOffSummary(off.kind),
      description: off.note || null,
      busystatus: ICalEventBusyStatus.OOF,
    });
  }
  return calendar.toString();
}
