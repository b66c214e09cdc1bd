import { describe, expect, it } from 'vitest';
import { suggestAssignees } from '../../../../sync/domain/free-technicians';

const DEPOT = 'loc-depot';
const PLANT = 'loc-plant';
const people = [
  { id: 'ana', active: true, timezone: 'America/New_York' },
  { id: 'ben', active: true, timezone: 'America/New_York' },
  { id: 'cy', active: true, timezone: 'Asia/Tokyo' },
  { id: 'dee', active: false, timezone: 'UTC' },
  { id: 'eve', active: true, timezone: 'UTC' },
];
const shift = (id: string, technicianId: string, locationId: string | null, start: string, end: string) => ({ id, technicianId, locationId, start, end });
// Wednesday 25 November 2026, 15:00 UTC = 10:00 in New York, 00:00 on the 26th in Tokyo.
const now = new Date('2026-11-25T15:00:00.000Z');
const shifts = [
  shift('s1', 'ana', DEPOT, '2026-11-25T13:00:00.000Z', '2026-11-25T21:00:00.000Z'),
  shift('s2', 'ben', DEPOT, '2026-11-26T13:00:00.000Z', '2026-11-26T21:00:00.000Z'),
  shift('s3', 'ben', DEPOT, '2026-11-27T13:00:00.000Z', '2026-11-27T21:00:00.000Z'),
  shift('s4', 'cy', DEPOT, '2026-11-25T14:00:00.000Z', '2026-11-25T20:00:00.000Z'),
  shift('s5', 'dee', DEPOT, '2026-11-25T14:00:00.000Z', '2026-11-25T20:00:00.000Z'),
  shift('s6', 'eve', PLANT, '2026-11-25T14:00:00.000Z', '2026-11-25T20:00:00.000Z'),
  shift('s7', 'eve', DEPOT, '2026-12-10T14:00:00.000Z', '2026-12-10T20:00:00.000Z'),
];

describe('who is free for a ticket', () => {
  it('suggests people on shift at the ticket’s location now, then those whose next shift there is soonest', () => {
    const found = suggestAssignees({ now, locationId: DEPOT, people, shifts, approvedTimeOff: [] });
    expect(found.map((s) => [s.userId, s.kind, s.shift.id])).toEqual([
      ['ana', 'on_shift', 's1'],
      ['cy', 'on_shift', 's4'],
      ['ben', 'next_shift', 's2'],
    ]);
  });

  it('leaves out inactive people, other locations, finished shifts and shifts more than a week away', () => {
    const found = suggestAssignees({ now, locationId: DEPOT, people, shifts, approvedTimeOff: [] }).map((s) => s.userId);
    expect(found).not.toContain('dee');
    expect(found).not.toContain('eve');
  });

  it('leaves out people on approved time off today in their own zone', () => {
    // It is already the 26th in Tokyo: time off on the 26th keeps Cy out, and does not touch Ana in New York.
    const approvedTimeOff = [
      { technicianId: 'cy', startDate: '2026-11-26', endDate: '2026-11-27' },
      { technicianId: 'ana', startDate: '2026-11-26', endDate: '2026-11-26' },
    ];
    const found = suggestAssignees({ now, locationId: DEPOT, people, shifts, approvedTimeOff }).map((s) => s.userId);
    expect(found).toEqual(['ana', 'ben']);
  });

  it('looks at every location when the ticket has none', () => {
    const found = suggestAssignees({ now, locationId: null, people, shifts, approvedTimeOff: [] }).map((s) => s.userId);
    expect(found).toEqual(['ana', 'cy', 'eve', 'ben']);
  });
});
