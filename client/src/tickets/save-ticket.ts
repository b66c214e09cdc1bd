import type { MutationInput } from '../../../sync/protocol/mutations';
import type { Ticket } from '../stores/tickets-store';
import { device } from '../sync/device';

export type TicketPatch = MutationInput<'ticket.update'>['patch'];

/**
 * Saves a change to one or more fields of a ticket on this device (and, through sync, the server).
 * `baseVersion` is the version this device has, so the server can tell a concurrent edit by someone
 * else (merged, the other value kept in history) from this person's own successive edits.
 */
export function saveTicket(ticket: Ticket, patch: TicketPatch): Promise<void> {
  return device.mutate('ticket.update', { id: ticket.id, baseVersion: ticket.version, patch });
}
