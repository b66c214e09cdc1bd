import { instantOfWallTime, localTimeOf } from '../../../sync/domain/calendar-dates';
import { slotProblem } from '../../../sync/domain/shift-slot';
import { MutationRejected } from '../../../sync/mutators/rejection';
import { device } from '../sync/device';
import type { Person, Shift } from './board-model';
import { technicianCommitments } from './week-data';

export type MoveOutcome = { ok: true; message: string; undo: () => Promise<void> } | { ok: false; message: string };

/**
 * Moves a shift to another day and/or technician, keeping its wall-clock start in the viewer's zone
 * and its length: the drag-and-drop of the week board. Checked like the editor checks (the same
 * slotProblem) before anything is written; a refusal changes nothing, so the block snaps back.
 */
export async function moveShift(shift: Shift, to: { technician: Person; date: string }, zone: string): Promise<MoveOutcome> {
  const start = instantOfWallTime(to.date, localTimeOf(shift.start, zone), zone);
  if (!start) return { ok: false, message: `The shift cannot start at ${localTimeOf(shift.start, zone)} on that day: the clocks skip that time.` };
  const end = new Date(start.getTime() + (new Date(shift.end).getTime() - new Date(shift.start).getTime()));
  const { shifts, timeOff } = await technicianCommitments(to.technician.id);
  const problem = slotProblem({ start, end }, to.technician, shifts, timeOff, shift.id);
  if (problem) return { ok: false, message: problem.message };
  const before = { technicianId: shift.technicianId, start: shift.start, end: shift.end };
  const patch = {
    ...(to.technician.id !== shift.technicianId ? { technicianId: to.technician.id } : {}),
    start: start.toISOString(),
    end: end.toISOString(),
  };
  if (patch.start === shift.start && !patch.technicianId) return { ok: false, message: 'The shift is already there.' };
  try {
    await device.mutate('schedule.update', { id: shift.id, baseVersion: shift.version, patch });
  } catch (e) {
    return { ok: false, message: e instanceof MutationRejected ? e.message : 'The shift could not be moved on this device.' };
  }
  return {
    ok: true,
    message: `Moved the shift to ${to.technician.name}, ${to.date}.`,
    undo: async () => {
      const row = await device.db()?.db.schedule.get(shift.id);
      if (!row) return;
      await device.mutate('schedule.update', { id: shift.id, baseVersion: row.version, patch: before });
    },
  };
}
