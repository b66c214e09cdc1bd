import type { EntityName, NewRow } from '../../../sync/protocol/entities';

/*
 * THE list of what sends mail (issue 9). Every synced write a mutation makes is seen here as a row
 * change (before and after, in wire shape), whichever mutation made it, online or offline: a later
 * mutation that writes these rows notifies the same way without touching this file, and a new kind
 * of notification is one more case below.
 *
 * - a ticket gets an assignee, at creation or later      → the assignee
 * - a ticket's status changes                           → its creator and its assignee
 * - a comment is added                                  → the ticket's creator, assignee and earlier commenters
 * - a shift is created, moved (time, place, technician) or deleted → that technician (both, when it
 *   changes hands: the old one hears it is gone, the new one that it is theirs)
 * - time off is approved or denied                      → the technician who asked for it
 * Never the person who made the change (see recipientsOf).
 */

export type RowChange = {
  [E in EntityName]: { entity: E; id: string; before: NewRow<E> | null; after: NewRow<E> | null };
}[EntityName];

export type Shift = NewRow<'schedule'>;

/** A change worth a mail, before names are looked up: who to tell and what happened. */
export type Notice =
  | { type: 'ticketAssigned'; to: string[]; ticketId: string }
  | { type: 'ticketStatus'; to: string[]; ticketId: string; from: NewRow<'ticket'>['status']; status: NewRow<'ticket'>['status'] }
  /** `followersOf`: the ticket's creator, assignee and earlier commenters are told too. */
  | { type: 'ticketComment'; to: string[]; ticketId: string; followersOf: string; comment: NewRow<'comment'> }
  | { type: 'shiftCreated' | 'shiftDeleted'; to: string[]; shift: Shift }
  | { type: 'shiftChanged'; to: string[]; shift: Shift; before: Shift }
  | { type: 'timeOffDecided'; to: string[]; timeOff: NewRow<'timeOff'> & { status: 'approved' | 'denied' } };

const present = (...ids: (string | null | undefined)[]): string[] => ids.filter((id): id is string => !!id);

function ticketNotices(before: NewRow<'ticket'> | null, after: NewRow<'ticket'>): Notice[] {
  const notices: Notice[] = [];
  if (after.assigneeId && after.assigneeId !== before?.assigneeId) {
    notices.push({ type: 'ticketAssigned', to: [after.assigneeId], ticketId: after.id });
  }
  if (before && before.status !== after.status) {
    notices.push({ type: 'ticketStatus', to: present(after.createdBy, after.assigneeId), ticketId: after.id, from: before.status, status: after.status });
  }
  return notices;
}

const shiftMoved = (a: Shift, b: Shift) => a.start !== b.start || a.end !== b.end || a.locationId !== b.locationId;

function shiftNotices(before: Shift | null, after: Shift | null): Notice[] {
  if (!before && after) return [{ type: 'shiftCreated', to: [after.technicianId], shift: after }];
  if (before && !after) return [{ type: 'shiftDeleted', to: [before.technicianId], shift: before }];
  if (!before || !after) return [];
  if (before.technicianId !== after.technicianId) {
    return [
      { type: 'shiftDeleted', to: [before.technicianId], shift: before },
      { type: 'shiftCreated', to: [after.technicianId], shift: after },
    ];
  }
  return shiftMoved(before, after) ? [{ type: 'shiftChanged', to: [after.technicianId], shift: after, before }] : [];
}

/** The notices one row change makes (none for most). */
export function noticesOf(change: RowChange): Notice[] {
  switch (change.entity) {
    case 'ticket':
      return change.after ? ticketNotices(change.before, change.after) : [];
    case 'comment':
      return !change.before && change.after
        ? [{ type: 'ticketComment', to: [], ticketId: change.after.ticketId, followersOf: change.after.ticketId, comment: change.after }]
        : [];
    case 'schedule':
      return shiftNotices(change.before, change.after);
    case 'timeOff': {
      const { before, after } = change;
      if (!before || !after || before.status === after.status) return [];
      if (after.status !== 'approved' && after.status !== 'denied') return [];
      return [{ type: 'timeOffDecided', to: [after.technicianId], timeOff: { ...after, status: after.status } }];
    }
    default:
      return [];
  }
}

/**
 * Who gets a notice's mail: its own recipients and, for a comment, the ticket's followers (creator,
 * assignee, earlier commenters), each once, never the person who acted.
 */
export function recipientsOf(notice: Notice, followers: readonly (string | null)[], actorId: string): string[] {
  const all = [...notice.to, ...('followersOf' in notice ? followers : [])];
  return [...new Set(present(...all))].filter((id) => id !== actorId);
}
