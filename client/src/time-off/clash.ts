import type { MutationRejected } from '../../../sync/mutators/rejection';
import type { AttentionItem } from '../../db/device-db';

/** A shift named by a `time_off` refusal (`details.with`). */
export interface ClashingShift {
  id: string;
  start: string;
  end: string;
}

/** Why a decision on a request was refused, with the shifts in the way (none for other reasons). */
export interface Refusal {
  /** The status the admin tried to set. */
  status: string | undefined;
  message: string;
  shifts: ClashingShift[];
}

function shiftsIn(details: unknown): ClashingShift[] {
  const list = (details as { with?: unknown } | null)?.with;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (s): s is ClashingShift =>
      typeof s === 'object' && s !== null && (s as { entity?: unknown }).entity === 'schedule' && ['id', 'start', 'end'].every((k) => typeof (s as Record<string, unknown>)[k] === 'string'),
  );
}

/** The refusal the device itself raised when the admin acted (it already knew the shifts). */
export function refusalOf(status: string, error: MutationRejected): Refusal {
  return { status, message: error.message, shifts: shiftsIn(error.details) };
}

/**
 * A change to this time off that the server refused after it left the device (the shift was planned
 * elsewhere meanwhile): it sits in the "needs attention" list and is shown next to the request too.
 */
export function attentionFor(items: AttentionItem[], timeOffId: string): (Refusal & { key: number | undefined }) | undefined {
  const item = items.findLast((i) => i.name === 'timeOff.update' && (i.args as { id?: unknown } | null)?.id === timeOffId);
  if (!item) return undefined;
  const status = (item.args as { patch?: { status?: unknown } }).patch?.status;
  return { key: item.key, status: typeof status === 'string' ? status : undefined, message: item.error.message, shifts: shiftsIn(item.error) };
}
