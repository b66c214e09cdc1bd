import { describe, expect, it } from 'vitest';
import { describeShift, localDateRange, startOfLocalDay } from '../../../../sync/domain/time';

describe('local days', () => {
  it('starts a day at local midnight in the given zone', () => {
    expect(startOfLocalDay('2026-07-01', 'Europe/Berlin').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfLocalDay('2026-01-01', 'Europe/Berlin').toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(startOfLocalDay('2026-07-01', 'UTC').toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });

  it('spans inclusive dates across a DST change by local midnights', () => {
    const week = localDateRange('2026-03-02', '2026-03-08', 'America/Chicago');
    expect(week.start.toISOString()).toBe('2026-03-02T06:00:00.000Z');
    expect(week.end.toISOString()).toBe('2026-03-09T05:00:00.000Z');
  });
});

describe('describing a shift', () => {
  it('reads in the technician’s zone, with the end day only when it differs', () => {
    expect(describeShift('2026-03-09T08:00:00Z', '2026-03-09T16:00:00Z', 'Europe/Berlin')).toBe('Mon 9 Mar, 09:00–17:00');
    expect(describeShift('2026-03-09T20:00:00Z', '2026-03-10T04:00:00Z', 'UTC')).toBe('Mon 9 Mar, 20:00–Tue 10 Mar, 04:00');
  });
});
