import { describe, expect, it } from 'vitest';
import { attentionFor, refusalOf } from '../../../../client/src/time-off/clash';
import { dayCount, describeDateRange } from '../../../../client/src/time-off/date-range';
import { calendarHrefForShift } from '../../../../sync/domain/calendar-link';
import { MutationRejected } from '../../../../sync/mutators/rejection';

describe('time off dates for people to read', () => {
  it('names one day once, a range within a year with the year at the end, a range across years with both', () => {
    expect(describeDateRange('2031-03-12', '2031-03-12')).toBe('Wed 12 Mar 2031');
    expect(describeDateRange('2031-03-10', '2031-03-14')).toBe('Mon 10 Mar – Fri 14 Mar 2031');
    expect(describeDateRange('2031-12-29', '2032-01-02')).toBe('Mon 29 Dec 2031 – Fri 2 Jan 2032');
  });

  it('counts calendar days with both ends included, across a DST change too', () => {
    expect(dayCount('2031-03-12', '2031-03-12')).toBe('1 day');
    expect(dayCount('2031-03-10', '2031-03-14')).toBe('5 days');
    expect(dayCount('2031-03-28', '2031-04-01')).toBe('5 days');
  });
});

describe('the calendar link for a clashing shift', () => {
  it('opens the week (its Monday) of the shift in the technician’s zone, with the shift selected', () => {
    const shift = { id: '4f1f7c39-63a2-4c3e-9d55-1f4f0e2f2a01', start: '2031-03-12T08:00:00.000Z' };
    expect(calendarHrefForShift(shift, 'Europe/Berlin')).toBe(`/calendar?week=2031-03-10&shift=${shift.id}`);
  });

  it('takes the day in that zone, not in UTC: late Sunday in New York is still the week before', () => {
    // Sunday 16 March 2031, 22:00 in New York = Monday 02:00 UTC.
    const shift = { id: 'a', start: '2031-03-17T02:00:00.000Z' };
    expect(calendarHrefForShift(shift, 'America/New_York')).toBe('/calendar?week=2031-03-10&shift=a');
    expect(calendarHrefForShift(shift, 'UTC')).toBe('/calendar?week=2031-03-17&shift=a');
  });
});

describe('refusals shown next to a request', () => {
  const shift = { entity: 'schedule', id: 's1', start: '2031-03-12T08:00:00.000Z', end: '2031-03-12T16:00:00.000Z' };

  it('takes the message and the clashing shifts from a device-side refusal', () => {
    const refusal = refusalOf('approved', new MutationRejected('time_off', 'Robin has a shift in that time; move them first.', { with: [shift] }));
    expect(refusal).toEqual({ status: 'approved', message: 'Robin has a shift in that time; move them first.', shifts: [shift] });
  });

  it('ignores details that are not shifts', () => {
    expect(refusalOf('approved', new MutationRejected('time_off', 'x', { with: [{ entity: 'timeOff', id: 't' }, 'junk'] })).shifts).toEqual([]);
    expect(refusalOf('denied', new MutationRejected('not_found', 'gone')).shifts).toEqual([]);
  });

  it('finds the newest server refusal of a change to that request in the attention list', () => {
    const item = (key: number, id: string, message: string) => ({
      key,
      mutationId: key,
      name: 'timeOff.update' as const,
      args: { id, baseVersion: '3', patch: { status: 'approved' } },
      at: '2031-01-01T00:00:00.000Z',
      error: { code: 'time_off', message, with: [shift] },
      rejectedAt: '2031-01-01T00:00:01.000Z',
    });
    const items = [item(1, 't1', 'older'), item(2, 't2', 'other request'), item(3, 't1', 'newer')];
    expect(attentionFor(items, 't1')).toEqual({ key: 3, status: 'approved', message: 'newer', shifts: [shift] });
    expect(attentionFor(items, 't9')).toBeUndefined();
  });
});
