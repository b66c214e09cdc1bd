import { mergePatch } from '../domain/merge';
import { timeOffInterval } from '../domain/overlap';
import type { EntityRow } from '../protocol/entities';
import type { MutationArgs } from '../protocol/mutations';
import type { Conflict } from '../protocol/push';
import { activeTechnician, existing, isAdmin, insertNew } from './guards';
import type { MutationContext, MutationPort } from './port';
import { reject } from './rejection';

/*
 * Time off. Technicians request it for themselves (offline too); only an admin approves or denies.
 * Approved time off blocks shifts, so approving one that clashes with planned shifts is rejected
 * (`time_off`, naming the shifts) until the dispatcher moves them.
 */

function checkDates(t: { startDate: string; endDate: string }): void {
  if (t.endDate < t.startDate) reject('invalid', 'Time off must end on or after its first day.', { field: 'endDate' });
}

const shiftWord = (n: number) => (n === 1 ? 'a shift' : `${n} shifts`);
const shiftRefs = (shifts: EntityRow<'schedule'>[]) => shifts.map((s) => ({ entity: 'schedule', id: s.id, start: s.start, end: s.end }));

async function checkNoShifts(port: MutationPort, t: Pick<EntityRow<'timeOff'>, 'technicianId' | 'startDate' | 'endDate'>): Promise<void> {
  const technician = await activeTechnician(port, t.technicianId);
  const span = timeOffInterval(t, technician.timezone);
  const shifts = await port.schedulesOverlapping(t.technicianId, span.start, span.end);
  if (shifts.length > 0) {
    reject('time_off', `${technician.name} has ${shiftWord(shifts.length)} in that time; move them first.`, { with: shiftRefs(shifts) });
  }
}

/**
 * Approved time off is whole days in the technician's own zone, so a new zone moves it. A zone
 * change that would put existing shifts inside approved time off is refused, naming them, exactly
 * like approving time off over them (docs/decisions/010-time-off-follows-the-technician.md).
 */
export async function requireZoneChangeKeepsTimeOffClear(port: MutationPort, user: EntityRow<'user'>, timezone: string): Promise<void> {
  if (timezone === user.timezone) return;
  const clashes = new Map<string, EntityRow<'schedule'>>();
  for (const off of await port.timeOffOf(user.id, 'approved')) {
    const span = timeOffInterval(off, timezone);
    for (const s of await port.schedulesOverlapping(user.id, span.start, span.end)) clashes.set(s.id, s);
  }
  if (clashes.size === 0) return;
  const shifts = [...clashes.values()].sort((a, b) => a.start.localeCompare(b.start));
  reject('time_off', `In ${timezone}, ${shiftWord(shifts.length)} of ${user.name} would fall inside approved time off; move them first.`, {
    field: 'timezone',
    with: shiftRefs(shifts),
  });
}

export async function createTimeOff(port: MutationPort, ctx: MutationContext, args: MutationArgs<'timeOff.create'>): Promise<Conflict[]> {
  if (!isAdmin(ctx) && args.technicianId !== ctx.actor.id) reject('forbidden', 'Technicians may only request their own time off.');
  await activeTechnician(port, args.technicianId);
  checkDates(args);
  await insertNew(port, 'timeOff', { ...args, note: args.note ?? '', status: 'requested' });
  return [];
}

export async function updateTimeOff(port: MutationPort, ctx: MutationContext, args: MutationArgs<'timeOff.update'>): Promise<Conflict[]> {
  const current = await existing(port, 'timeOff', args.id);
  if (args.patch.status !== undefined && !isAdmin(ctx)) reject('forbidden', 'Only an administrator may approve or deny time off.');
  if (!isAdmin(ctx) && (current.technicianId !== ctx.actor.id || current.status !== 'requested')) {
    reject('forbidden', 'Technicians may only change their own time off while it is still requested.');
  }
  const merged = mergePatch(current, await port.fieldVersionsByOthers('timeOff', args.id), args.baseVersion, args.patch);
  if (merged.changes.length === 0) return merged.conflicts;
  const next = { ...current, ...merged.patch };
  checkDates(next);
  if (next.status === 'approved') await checkNoShifts(port, next);
  await port.update('timeOff', args.id, merged.patch);
  return merged.conflicts;
}

export async function deleteTimeOff(port: MutationPort, ctx: MutationContext, args: MutationArgs<'timeOff.delete'>): Promise<Conflict[]> {
  const current = await existing(port, 'timeOff', args.id);
  if (!isAdmin(ctx) && (current.technicianId !== ctx.actor.id || current.status !== 'requested')) {
    reject('forbidden', 'Technicians may only withdraw their own time off while it is still requested.');
  }
  await port.delete('timeOff', args.id);
  return [];
}
