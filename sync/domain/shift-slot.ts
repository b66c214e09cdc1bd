import { findOverlap, findTimeOffClash, shiftProblem, type Interval } from './overlap';
import { describeShift } from './time';

/**
 * Why a technician cannot take a shift in a slot, in words for the person planning it, or null.
 * The schedule mutators refuse with it (device and server); the shift editor and drag-and-drop show
 * it before anything is saved. Clashes are described in the technician's own time zone.
 */
export interface SlotProblem {
  code: 'invalid' | 'overlap' | 'time_off';
  message: string;
  details: Record<string, unknown>;
}

interface Technician {
  name: string;
  timezone: string;
}

/** A shift that is empty or longer than a day, whoever works it. */
export function lengthProblem(shift: Interval): SlotProblem | null {
  const length = shiftProblem(shift);
  if (length === 'empty') return { code: 'invalid', message: 'The shift must end after it starts.', details: { field: 'end', reason: length } };
  if (length === 'too_long') return { code: 'invalid', message: 'A shift can be at most 24 hours long.', details: { field: 'end', reason: length } };
  return null;
}

export function slotProblem(
  shift: Interval,
  technician: Technician,
  shifts: readonly { id: string; start: string; end: string }[],
  approvedTimeOff: readonly { id: string; startDate: string; endDate: string; status: string }[],
  selfId?: string,
): SlotProblem | null {
  const length = lengthProblem(shift);
  if (length) return length;
  const clash = findOverlap(shift, shifts, selfId);
  if (clash) {
    return {
      code: 'overlap',
      message: `${technician.name} already has a shift ${describeShift(clash.start, clash.end, technician.timezone)}.`,
      details: { with: { entity: 'schedule', id: clash.id, start: clash.start, end: clash.end } },
    };
  }
  const off = findTimeOffClash(shift, approvedTimeOff, technician.timezone);
  if (off) {
    return {
      code: 'time_off',
      message: `${technician.name} has approved time off from ${off.startDate} to ${off.endDate}.`,
      details: { with: { entity: 'timeOff', id: off.id, startDate: off.startDate, endDate: off.endDate } },
    };
  }
  return null;
}
