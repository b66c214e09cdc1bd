import type { Accessor } from 'solid-js';
import { NEXT_SHIFT_HORIZON_MS, suggestAssignees, type AssigneeSuggestion } from '../../../sync/domain/free-technicians';
import { MAX_SHIFT_MS } from '../../../sync/domain/overlap';
import { liveSignal } from '../stores/live-query';
import { device } from '../sync/device';

/**
 * Who is free for a ticket at its location, from the shifts and time off already on this device:
 * a suggestion list that works with no signal. Re-reads when shifts or time off change.
 */
export function useAssigneeSuggestions(locationId: Accessor<string | null>): Accessor<AssigneeSuggestion[]> {
  const source = () => {
    const d = device.db();
    return d ? { db: d.db, locationId: locationId() } : null;
  };
  return liveSignal(
    source,
    async ({ db, locationId }) => {
      const now = new Date();
      // Shifts last at most a day, so one that started a day ago is the earliest that can still be on.
      const from = new Date(now.getTime() - MAX_SHIFT_MS).toISOString();
      const to = new Date(now.getTime() + NEXT_SHIFT_HORIZON_MS).toISOString();
      const [shifts, approvedTimeOff, people] = await Promise.all([
        db.schedule.where('start').between(from, to, true, true).toArray(),
        db.timeOff.filter((t) => t.status === 'approved').toArray(),
        db.user.toArray(),
      ]);
      return suggestAssignees({ now, locationId, people, shifts, approvedTimeOff });
    },
    [],
  );
}
