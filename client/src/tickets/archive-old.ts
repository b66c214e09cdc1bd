import type { EntityRow } from '../../../sync/protocol/entities';

const DAY_MS = 24 * 3600_000;

/**
 * When each closed ticket was closed, for deciding what is old enough to archive: when its latest
 * change to "closed" reached the server (the server's clock), or its last update when the history
 * has not arrived on this device yet. Not the time of the action: a device clock running slow is
 * clamped only to the ticket's opening, and would make a ticket closed today look months old.
 */
function closedAt(ticket: EntityRow<'ticket'>, closings: ReadonlyMap<string, string>): number {
  return Date.parse(closings.get(ticket.id) ?? ticket.updatedAt);
}

/** Closed, not yet archived tickets that were closed more than `days` days before `now`. */
export function closedLongerThan(
  tickets: readonly EntityRow<'ticket'>[],
  history: readonly EntityRow<'ticketHistory'>[],
  days: number,
  now: Date,
): EntityRow<'ticket'>[] {
  const closings = new Map<string, string>();
  for (const h of history) {
    if (h.field !== 'status' || h.to !== 'closed') continue;
    const seen = closings.get(h.ticketId);
    if (!seen || Date.parse(seen) < Date.parse(h.createdAt)) closings.set(h.ticketId, h.createdAt);
  }
  const before = now.getTime() - days * DAY_MS;
  return tickets.filter((t) => t.status === 'closed' && t.archivedAt === null && closedAt(t, closings) < before);
}
