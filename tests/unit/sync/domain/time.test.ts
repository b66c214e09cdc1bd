import { describe, expect, it } from 'vitest';
import { localDateRange, startOfLocalDay } from '../../../../sync/domain/time';

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
