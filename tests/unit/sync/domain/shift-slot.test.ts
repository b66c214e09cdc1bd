import { describe, expect, it } from 'vitest';
import { slotProblem } from '../../../../sync/domain/shift-slot';

const tech = { name: 'Ana', timezone: 'Asia/Kolkata' };
const slot = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

describe('whether a technician can take a shift', () => {
  it('accepts back-to-back shifts and names an overlapping one in the technician’s own time', () => {
    const shifts = [{ id: 's1', start: '2026-03-09T03:30:00Z', end: '2026-03-09T11:30:00Z' }];
    expect(slotProblem(slot('2026-03-09T11:30:00Z', '2026-03-09T15:00:00Z'), tech, shifts, [])).toBeNull();
    expect(slotProblem(slot('2026-03-09T11:00:00Z', '2026-03-09T15:00:00Z'), tech, shifts, [])).toEqual({
      code: 'overlap',
      message: 'Ana already has a shift Mon 9 Mar, 09:00–17:00.',
      details: { with: { entity: 'schedule', id: 's1', start: shifts[0]?.start, end: shifts[0]?.end } },
    });
    // Editing the clashing shift itself is no clash.
    expect(slotProblem(slot('2026-03-09T11:00:00Z', '2026-03-09T15:00:00Z'), tech, shifts, [], 's1')).toBeNull();
  });

  it('refuses empty and over-long shifts at the end field, and approved time off in the technician’s zone', () => {
    expect(slotProblem(slot('2026-03-09T08:00:00Z', '2026-03-09T08:00:00Z'), tech, [], [])).toMatchObject({ code: 'invalid', details: { field: 'end', reason: 'empty' } });
    expect(slotProblem(slot('2026-03-09T08:00:00Z', '2026-03-10T08:01:00Z'), tech, [], [])).toMatchObject({ code: 'invalid', details: { field: 'end', reason: 'too_long' } });
    const off = [{ id: 'o1', startDate: '2026-03-10', endDate: '2026-03-10', status: 'approved' }];
    // 10 March starts at 18:30 UTC on the 9th in Kolkata.
    expect(slotProblem(slot('2026-03-09T18:00:00Z', '2026-03-09T19:00:00Z'), tech, [], off)).toMatchObject({ code: 'time_off' });
    expect(slotProblem(slot('2026-03-09T17:00:00Z', '2026-03-09T18:30:00Z'), tech, [], off)).toBeNull();
  });
});
