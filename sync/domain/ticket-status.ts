import type { TICKET_STATUSES } from '../protocol/enums';

export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The ticket lifecycle (sync-protocol.md). Reopening a closed ticket is for admins only. */
const NEXT: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['in_progress', 'pending', 'resolved'],
  in_progress: ['pending', 'resolved'],
  pending: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['open'],
};

export function allowedNextStatuses(from: TicketStatus, isAdmin: boolean): TicketStatus[] {
  return NEXT[from].filter((to) => !(from === 'closed' && to === 'open' && !isAdmin));
}

export function canTransition(from: TicketStatus, to: TicketStatus, isAdmin: boolean): boolean {
  return allowedNextStatuses(from, isAdmin).includes(to);
}
