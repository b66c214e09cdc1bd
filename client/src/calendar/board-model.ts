import { addDaysTo, hoursBetween, weekDates } from '../../../sync/domain/calendar-dates';
import { startOfLocalDay } from '../../../sync/domain/time';
import type { EntityRow } from '../../../sync/protocol/entities';

/*
 * What the week board and the day view draw, computed from the synced rows in one pass: pure, so
 * it is tested without a browser and measured in the benchmark.
 */

export type Shift = EntityRow<'schedule'>;
export type TimeOff = EntityRow<'timeOff'>;
export type Person = EntityRow<'user'>;
export type Place = EntityRow<'location'>;

export interface BoardFilter {
  /** A location id, 'none' for shifts without one, or null for all. */
  locationId: string | null;
  technicianId: string | null;
}

export interface BoardRow {
  person: Person;
  /** Shifts by the viewer's local date they start on, in start order. */
  shiftsByDay: Map<string, Shift[]>;
  /** Time off covering each date (in the technician's own zone, as the rules read it). */
  timeOffByDay: Map<string, TimeOff[]>;
  hours: number;
}

export interface Board {
  dates: string[];
  rows: BoardRow[];
}

// One collator for every sort: String.localeCompare sets up the locale's rules on each call.
const byName = new Intl.Collator();
const byStart = (a: Shift, b: Shift) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * One row per active technician (or, with a technician filter, that person), plus anyone else
 * (an admin, someone deactivated) who has a shift that week. A location filter keeps the rows but only the matching shifts.
 */
export function buildBoard(
  monday: string,
  viewerZone: string,
  people: readonly Person[],
  shifts: readonly Shift[],
  timeOff: readonly TimeOff[],
  filter: BoardFilter,
): Board {
  const dates = weekDates(monday);
  const first = dates[0] ?? monday;
  const last = dates[6] ?? monday;
  const rows = new Map<string, BoardRow>();
  const rowOf = (person: Person) => {
    let row = rows.get(person.id);
    if (!row) {
      row = { person, shiftsByDay: new Map(), timeOffByDay: new Map(), hours: 0 };
      rows.set(person.id, row);
    }
    return row;
  };
  const byId = new Map(people.map((p) => [p.id, p]));
  // Dispatchers (admins) get a row only when someone planned them a shift that week.
  const wanted = (p: Person) => (filter.technicianId ? p.id === filter.technicianId : p.active && p.role === 'technician');
  for (const p of people) if (wanted(p)) rowOf(p);

  // Instants are ISO strings in UTC, which compare as text: the day a shift starts on is found among
  // the week's eight local midnights (DST-correct, computed once) without any zone arithmetic per shift.
  const midnights = weekMidnights(monday, viewerZone);
  const weekStart = midnights[0] ?? '';
  const weekEnd = midnights[7] ?? '';
  for (const s of shifts) {
    if (s.start < weekStart || s.start >= weekEnd) continue;
    const person = byId.get(s.technicianId);
    if (!person || (filter.technicianId && person.id !== filter.technicianId)) continue;
    if (filter.locationId === 'none' ? s.locationId !== null : filter.locationId !== null && s.locationId !== filter.locationId) continue;
    let i = 0;
    while (i < 6 && s.start >= (midnights[i + 1] ?? '')) i++;
    const row = rowOf(person);
    push(row.shiftsByDay, dates[i] ?? first, s);
    row.hours += hoursBetween(s.start, s.end);
  }
  for (const row of rows.values()) for (const list of row.shiftsByDay.values()) list.sort(byStart);

  for (const t of timeOff) {
    if (t.status === 'denied' || t.endDate < first || t.startDate > last) continue;
    const row = rows.get(t.technicianId);
    if (!row) continue;
    for (let d = t.startDate < first ? first : t.startDate; d <= t.endDate && d <= last; d = addDaysTo(d, 1)) push(row.timeOffByDay, d, t);
  }
  return { dates, rows: [...rows.values()].sort((a, b) => byName.compare(a.person.name, b.person.name)) };
}

/** The local midnights that start each of the week's seven dates and end the last, as ISO instants. */
export function weekMidnights(monday: string, viewerZone: string): string[] {
  return Array.from({ length: 8 }, (_, i) => startOfLocalDay(addDaysTo(monday, i), viewerZone).toISOString());
}

/** The instants a week of the viewer's dates spans, widened by a day so shifts starting near midnight in other zones are read too. */
export function weekWindow(monday: string, viewerZone: string): { from: string; to: string } {
  return { from: startOfLocalDay(addDaysTo(monday, -1), viewerZone).toISOString(), to: startOfLocalDay(addDaysTo(monday, 8), viewerZone).toISOString() };
}
