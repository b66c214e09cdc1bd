import { describe, expect, it } from 'vitest';
import { repeatProblem, weeklyOccurrences } from '../../../../sync/domain/weekly-repeat';

const base = { start: '08:00', end: '16:00', endsNextDay: false, zone: 'Europe/Berlin' };

describe('repeating a shift weekly', () => {
  it('makes Monday to Friday occurrences until the given day, inclusive', () => {
    const list = weeklyOccurrences({ ...base, date: '2026-11-23', weekdays: [0, 1, 2, 3, 4], until: '2026-12-04' });
    expect(list.map((o) => o.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
  });

  it('keeps the wall times across a DST change, and reports a day whose time the clocks skip', () => {
    const list = weeklyOccurrences({ ...base, date: '2026-03-22', weekdays: [6], until: '2026-04-05' });
    expect(list.map((o) => ('start' in o ? o.start.toISOString() : o.skipped))).toEqual(['2026-03-22T07:00:00.000Z', '2026-03-29T06:00:00.000Z', '2026-04-05T06:00:00.000Z']);
    const night = weeklyOccurrences({ ...base, start: '02:30', end: '06:00', date: '2026-03-22', weekdays: [6], until: '2026-03-29' });
    expect(night.map((o) => ('skipped' in o ? o.skipped : 'ok'))).toEqual(['ok', 'clock_change']);
  });

  it('makes night shifts end the next day, and refuses no weekdays, an end before the start, or more than a year', () => {
    const [first] = weeklyOccurrences({ ...base, start: '22:00', end: '06:00', endsNextDay: true, date: '2026-11-23', weekdays: [0], until: '2026-11-23' });
    expect(first && 'end' in first ? first.end.toISOString() : null).toBe('2026-11-24T05:00:00.000Z');
    expect(repeatProblem({ date: '2026-11-23', until: '2026-11-30', weekdays: [] })).toBe('no_weekdays');
    expect(repeatProblem({ date: '2026-11-23', until: '2026-11-22', weekdays: [0] })).toBe('until_before_start');
    expect(repeatProblem({ date: '2026-11-23', until: '2027-11-25', weekdays: [0] })).toBe('too_far');
    expect(weeklyOccurrences({ ...base, date: '2026-11-23', until: '2027-11-25', weekdays: [0] })).toEqual([]);
  });
});
