import { describe, expect, it } from 'vitest';
import { findOverlap, findTimeOffClash, overlaps, shiftProblem, timeOffInterval } from '../../../../sync/domain/overlap';

const at = (iso: string) => new Date(iso);
const interval = (s: string, e: string) => ({ start: at(s), end: at(e) });

describe('overlap of half-open intervals', () => {
  it('treats back-to-back shifts as not overlapping and any shared minute as overlapping', () => {
    expect(overlaps(interval('2026-03-09T08:00Z', '2026-03-09T12:00Z'), interval('2026-03-09T12:00Z', '2026-03-09T16:00Z'))).toBe(false);
    expect(overlaps(interval('2026-03-09T08:00Z', '2026-03-09T12:01Z'), interval('2026-03-09T12:00Z', '2026-03-09T16:00Z'))).toBe(true);
    expect(overlaps(interval('2026-03-09T09:00Z', '2026-03-09T10:00Z'), interval('2026-03-09T08:00Z', '2026-03-09T16:00Z'))).toBe(true);
  });

  it('finds the first clashing shift, ignoring the shift being edited', () => {
    const others = [
      { id: 'a', start: '2026-03-09T08:00:00Z', end: '2026-03-09T12:00:00Z' },
      { id: 'b', start: '2026-03-09T13:00:00Z', end: '2026-03-09T17:00:00Z' },
    ];
    expect(findOverlap(interval('2026-03-09T11:00Z', '2026-03-09T14:00Z'), others)?.id).toBe('a');
    expect(findOverlap(interval('2026-03-09T09:00Z', '2026-03-09T10:00Z'), others, 'a')).toBeUndefined();
    expect(findOverlap(interval('2026-03-09T12:00Z', '2026-03-09T13:00Z'), others)).toBeUndefined();
  });

  it('limits a shift to more than nothing and at most 24 hours', () => {
    expect(shiftProblem(interval('2026-03-09T08:00Z', '2026-03-09T08:00Z'))).toBe('empty');
    expect(shiftProblem(interval('2026-03-09T08:00Z', '2026-03-09T07:00Z'))).toBe('empty');
    expect(shiftProblem(interval('2026-03-09T08:00Z', '2026-03-10T08:00Z'))).toBeNull();
    expect(shiftProblem(interval('2026-03-09T08:00Z', '2026-03-10T08:00:01Z'))).toBe('too_long');
  });
});

describe('time off in the technician’s time zone', () => {
  it('covers whole local days, including a 23-hour DST day', () => {
    // US DST starts on 2026-03-08: that day in New York is 23 hours long.
    const day = timeOffInterval({ startDate: '2026-03-08', endDate: '2026-03-08' }, 'America/New_York');
    expect(day.start.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(day.end.toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(day.end.getTime() - day.start.getTime()).toBe(23 * 3_600_000);
  });

  it('covers a 25-hour day when DST ends in Europe', () => {
    const day = timeOffInterval({ startDate: '2026-10-25', endDate: '2026-10-25' }, 'Europe/Berlin');
    expect(day.end.getTime() - day.start.getTime()).toBe(25 * 3_600_000);
  });

  it('blocks shifts only for approved time off, read in the technician’s zone', () => {
    const timeOff = [
      { id: 'req', startDate: '2026-04-06', endDate: '2026-04-06', status: 'requested' },
      { id: 'ok', startDate: '2026-04-07', endDate: '2026-04-07', status: 'approved' },
    ];
    // 23:30 UTC on the 6th is already the 7th in Berlin.
    expect(findTimeOffClash(interval('2026-04-06T23:30Z', '2026-04-07T01:00Z'), timeOff, 'Europe/Berlin')?.id).toBe('ok');
    expect(findTimeOffClash(interval('2026-04-06T08:00Z', '2026-04-06T12:00Z'), timeOff, 'Europe/Berlin')).toBeUndefined();
    // In Los Angeles the same instant is still the 6th, which is only requested.
    expect(findTimeOffClash(interval('2026-04-06T23:30Z', '2026-04-07T01:00Z'), timeOff, 'America/Los_Angeles')).toBeUndefined();
  });
});
