import { describe, expect, it } from 'vitest';
import {
  addDaysTo,
  daysBetween,
  hoursBetween,
  instantOfWallTime,
  localDateOf,
  localTimeOf,
  shortDayLabel,
  weekDates,
  weekStartOf,
} from '../../../../sync/domain/calendar-dates';

const wall = (date: string, time: string, zone: string) => instantOfWallTime(date, time, zone)?.toISOString() ?? null;

describe('calendar dates', () => {
  it('adds days across month, year and DST boundaries without drifting', () => {
    expect(addDaysTo('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDaysTo('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDaysTo('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysTo('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-10-20', '2026-11-03')).toBe(14);
  });

  it('starts weeks on Monday', () => {
    expect(weekStartOf('2026-11-25')).toBe('2026-11-23');
    expect(weekStartOf('2026-11-23')).toBe('2026-11-23');
    expect(weekStartOf('2026-11-29')).toBe('2026-11-23');
    expect(weekDates('2026-12-28')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it('puts the same instant on the right local day for a Sydney viewer and a Los Angeles viewer', () => {
    const instant = '2026-11-22T23:30:00Z';
    expect(localDateOf(instant, 'Australia/Sydney')).toBe('2026-11-23');
    expect(localTimeOf(instant, 'Australia/Sydney')).toBe('10:30');
    expect(localDateOf(instant, 'America/Los_Angeles')).toBe('2026-11-22');
    expect(localTimeOf(instant, 'America/Los_Angeles')).toBe('15:30');
  });
});

describe('wall times and DST', () => {
  it('gives a shift across the spring-forward night in New York its real length and wall times', () => {
    // 8 March 2026: at 02:00 the clocks go to 03:00.
    const start = instantOfWallTime('2026-03-07', '22:00', 'America/New_York');
    const end = instantOfWallTime('2026-03-08', '06:00', 'America/New_York');
    if (!start || !end) throw new Error('both exist');
    expect(start.toISOString()).toBe('2026-03-08T03:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-08T10:00:00.000Z');
    expect(hoursBetween(start, end)).toBe(7);
    expect(localTimeOf(end, 'America/New_York')).toBe('06:00');
  });

  it('gives a shift across the fall-back night in New York its real length', () => {
    // 1 November 2026: at 02:00 the clocks go back to 01:00.
    const start = instantOfWallTime('2026-10-31', '22:00', 'America/New_York');
    const end = instantOfWallTime('2026-11-01', '06:00', 'America/New_York');
    if (!start || !end) throw new Error('both exist');
    expect(hoursBetween(start, end)).toBe(9);
    expect([localTimeOf(start, 'America/New_York'), localTimeOf(end, 'America/New_York')]).toEqual(['22:00', '06:00']);
  });

  it('does the same across Berlin’s spring-forward and fall-back nights', () => {
    const spring = [wall('2026-03-28', '22:00', 'Europe/Berlin'), wall('2026-03-29', '06:00', 'Europe/Berlin')];
    const autumn = [wall('2026-10-24', '22:00', 'Europe/Berlin'), wall('2026-10-25', '06:00', 'Europe/Berlin')];
    expect(spring).toEqual(['2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z']);
    expect(autumn).toEqual(['2026-10-24T20:00:00.000Z', '2026-10-25T05:00:00.000Z']);
    expect(hoursBetween(spring[0] ?? '', spring[1] ?? '')).toBe(7);
    expect(hoursBetween(autumn[0] ?? '', autumn[1] ?? '')).toBe(9);
  });

  it('says a wall time skipped by the clocks does not exist, and takes the first of a repeated one', () => {
    expect(wall('2026-03-08', '02:30', 'America/New_York')).toBeNull();
    expect(wall('2026-03-29', '02:30', 'Europe/Berlin')).toBeNull();
    // 01:30 happens twice on 1 November in New York: first at UTC-4.
    expect(wall('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(wall('2026-10-25', '02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(wall('2026-07-01', '09:00', 'UTC')).toBe('2026-07-01T09:00:00.000Z');
  });
});

describe('reading wall clocks fast', () => {
  it('agrees with the zone rules on both sides of every DST switch of a year, in quarter-hour zones too', () => {
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Australia/Sydney']) {
      const f = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 97 * 60 * 1000 + 13_000) {
        const [date, time] = f.format(new Date(ms)).split(' ');
        expect(`${localDateOf(new Date(ms), zone)} ${localTimeOf(new Date(ms), zone)}`).toBe(`${date} ${time}`);
      }
    }
  });

  it('labels a date as people read it', () => {
    expect(shortDayLabel('2026-11-23')).toBe('Mon 23 Nov');
    expect(shortDayLabel('2027-01-03')).toBe('Sun 3 Jan');
  });
});
