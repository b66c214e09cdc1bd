import { describe, expect, it } from 'vitest';
import { buildBoard, type Person, type Shift, type TimeOff } from '../../../../client/src/calendar/board-model';

const meta = { version: '1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const person = (id: string, name: string, active = true): Person => ({ ...meta, id, name, email: `${id}@x.test`, role: 'technician', timezone: 'Europe/Berlin', theme: 'system', color: '#2563eb', active });
const shift = (id: string, technicianId: string, start: string, end: string, locationId: string | null = null): Shift => ({ ...meta, id, technicianId, start, end, locationId, note: '', seriesId: null });
const off = (id: string, technicianId: string, startDate: string, endDate: string, status: TimeOff['status']): TimeOff => ({ ...meta, id, technicianId, startDate, endDate, kind: 'vacation', status, note: '' });

const people = [person('b', 'Bea'), person('a', 'Ana'), person('z', 'Zed', false), { ...person('d', 'Dispatcher'), role: 'admin' as const }];

describe('the week board', () => {
  it('has a row per active technician by name (others only with a shift), shifts on the viewer’s local day, and hours per week', () => {
    const shifts = [
      shift('s1', 'a', '2026-11-23T08:00:00.000Z', '2026-11-23T16:00:00.000Z'),
      // 23:30 UTC on Sunday 22nd is Monday 10:30 in Sydney, still Sunday in Berlin.
      shift('s2', 'b', '2026-11-22T23:30:00.000Z', '2026-11-23T03:30:00.000Z'),
      shift('s3', 'z', '2026-11-24T08:00:00.000Z', '2026-11-24T09:30:00.000Z'),
    ];
    const berlin = buildBoard('2026-11-23', 'Europe/Berlin', people, shifts, [], { locationId: null, technicianId: null });
    expect(berlin.rows.map((r) => r.person.name)).toEqual(['Ana', 'Bea', 'Zed']);
    expect(berlin.rows[0]?.shiftsByDay.get('2026-11-23')?.map((s) => s.id)).toEqual(['s1']);
    expect(berlin.rows[0]?.hours).toBe(8);
    expect(berlin.rows[1]?.shiftsByDay.get('2026-11-23')?.map((s) => s.id)).toEqual(['s2']);
    expect(berlin.rows[2]?.hours).toBe(1.5);
    const sydney = buildBoard('2026-11-23', 'Australia/Sydney', people, shifts, [], { locationId: null, technicianId: null });
    expect(sydney.rows[1]?.shiftsByDay.get('2026-11-23')?.map((s) => s.id)).toEqual(['s2']);
    const la = buildBoard('2026-11-23', 'America/Los_Angeles', people, shifts, [], { locationId: null, technicianId: null });
    expect(la.rows.find((r) => r.person.id === 'b')?.shiftsByDay.size).toBe(0);
  });

  it('puts shifts on their local day in the weeks the clocks change, midnight belonging to the day it starts', () => {
    // Berlin falls back on Sunday 25 October 2026 (a 25-hour day) and springs forward on Sunday 29 March.
    const autumn = [
      shift('m', 'a', '2026-10-18T22:00:00.000Z', '2026-10-19T02:00:00.000Z'), // Mon 19 Oct 00:00 CEST, the week's first instant
      shift('sun-late', 'a', '2026-10-25T22:30:00.000Z', '2026-10-25T23:00:00.000Z'), // Sun 23:30 CET, after the repeated hour
      shift('next-mon', 'a', '2026-10-25T23:00:00.000Z', '2026-10-26T01:00:00.000Z'), // Mon 26 Oct 00:00 CET: next week
      shift('sun-before', 'a', '2026-10-18T21:59:00.000Z', '2026-10-18T22:30:00.000Z'), // Sun 18 Oct 23:59 CEST: last week
    ];
    const fall = buildBoard('2026-10-19', 'Europe/Berlin', people, autumn, [], { locationId: null, technicianId: 'a' });
    expect(Object.fromEntries([...(fall.rows[0]?.shiftsByDay ?? [])].map(([day, list]) => [day, list.map((s) => s.id)]))).toEqual({ '2026-10-19': ['m'], '2026-10-25': ['sun-late'] });
    const spring = [shift('sun-night', 'b', '2026-03-29T21:30:00.000Z', '2026-03-29T23:00:00.000Z')]; // Sun 29 Mar 23:30 CEST
    const forward = buildBoard('2026-03-23', 'Europe/Berlin', people, spring, [], { locationId: null, technicianId: 'b' });
    expect([...(forward.rows[0]?.shiftsByDay.keys() ?? [])]).toEqual(['2026-03-29']);
    expect(forward.rows[0]?.hours).toBe(1.5);
  });

  it('filters by location (or none) and by technician', () => {
    const shifts = [shift('s1', 'a', '2026-11-24T08:00:00.000Z', '2026-11-24T10:00:00.000Z', 'L1'), shift('s2', 'a', '2026-11-25T08:00:00.000Z', '2026-11-25T10:00:00.000Z')];
    const atL1 = buildBoard('2026-11-23', 'UTC', people, shifts, [], { locationId: 'L1', technicianId: null });
    expect([...(atL1.rows[0]?.shiftsByDay.values() ?? [])].flat().map((s) => s.id)).toEqual(['s1']);
    const nowhere = buildBoard('2026-11-23', 'UTC', people, shifts, [], { locationId: 'none', technicianId: null });
    expect([...(nowhere.rows[0]?.shiftsByDay.values() ?? [])].flat().map((s) => s.id)).toEqual(['s2']);
    expect(buildBoard('2026-11-23', 'UTC', people, shifts, [], { locationId: null, technicianId: 'b' }).rows.map((r) => r.person.id)).toEqual(['b']);
  });

  it('draws requested and approved time off on each day it covers within the week, and never denied', () => {
    const timeOff = [off('o1', 'a', '2026-11-20', '2026-11-24', 'approved'), off('o2', 'b', '2026-11-29', '2026-12-02', 'requested'), off('o3', 'a', '2026-11-27', '2026-11-27', 'denied')];
    const board = buildBoard('2026-11-23', 'UTC', people, [], timeOff, { locationId: null, technicianId: null });
    expect([...(board.rows[0]?.timeOffByDay.keys() ?? [])]).toEqual(['2026-11-23', '2026-11-24']);
    expect([...(board.rows[1]?.timeOffByDay.keys() ?? [])]).toEqual(['2026-11-29']);
  });
});
