import { mergePatch } from '../domain/merge';
import type { Interval } from '../domain/overlap';
import { lengthProblem, slotProblem } from '../domain/shift-slot';
import type { MutationArgs } from '../protocol/mutations';
import type { Conflict } from '../protocol/push';
import { activeTechnician, existing, isAdmin, insertNew, referenced } from './guards';
import type { MutationContext, MutationPort } from './port';
import { reject } from './rejection';

/*
 * Shifts. Offline: applied to the device at once, with the same overlap check against the shifts the
 * device knows. Server: authoritative; the exclusion constraint backs the check against concurrent
 * pushes. Rejected (overlap, time_off, forbidden…) shifts stay in the device's attention list.
 */

function mayManage(ctx: MutationContext, technicianId: string): void {
  if (!isAdmin(ctx) && technicianId !== ctx.actor.id) reject('forbidden', 'Technicians may only plan their own shifts.');
}

async function checkSlot(port: MutationPort, technicianId: string, shift: Interval, selfId: string): Promise<void> {
  const length = lengthProblem(shift);
  if (length) reject(length.code, length.message, length.details);
  const technician = await activeTechnician(port, technicianId);
  const problem = slotProblem(
    shift,
    technician,
    await port.schedulesOverlapping(technicianId, shift.start, shift.end),
    await port.timeOffOf(technicianId, 'approved'),
    selfId,
  );
  if (problem) reject(problem.code, problem.message, problem.details);
}

export async function createSchedule(port: MutationPort, ctx: MutationContext, args: MutationArgs<'schedule.create'>): Promise<Conflict[]> {
  mayManage(ctx, args.technicianId);
  await referenced(port, 'location', args.locationId, 'locationId');
  await checkSlot(port, args.technicianId, { start: new Date(args.start), end: new Date(args.end) }, args.id);
  await insertNew(port, 'schedule', {
    id: args.id,
    technicianId: args.technicianId,
    locationId: args.locationId ?? null,
    start: args.start,
    end: args.end,
    note: args.note ?? '',
    seriesId: args.seriesId ?? null,
  });
  return [];
}

export async function updateSchedule(port: MutationPort, ctx: MutationContext, args: MutationArgs<'schedule.update'>): Promise<Conflict[]> {
  const current = await existing(port, 'schedule', args.id);
  mayManage(ctx, current.technicianId);
  if (args.patch.technicianId) mayManage(ctx, args.patch.technicianId);
  const merged = mergePatch(current, await port.fieldVersionsByOthers('schedule', args.id), args.baseVersion, args.patch);
  if (merged.changes.length === 0) return merged.conflicts;
  const next = { ...current, ...merged.patch };
  await referenced(port, 'location', merged.patch.locationId, 'locationId');
  await checkSlot(port, next.technicianId, { start: new Date(next.start), end: new Date(next.end) }, args.id);
  await port.update('schedule', args.id, merged.patch);
  return merged.conflicts;
}

export async function deleteSchedule(port: MutationPort, ctx: MutationContext, args: MutationArgs<'schedule.delete'>): Promise<Conflict[]> {
  const current = await existing(port, 'schedule', args.id);
  mayManage(ctx, current.technicianId);
  await port.delete('schedule', args.id);
  return [];
}
