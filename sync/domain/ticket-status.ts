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

export const STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  pending: 'Pending',
  resolved: 'Resolved',
  closed: 'Closed',
};

export function allowedNextStatuses(from: TicketStatus, isAdmin: boolean): TicketStatus[] {
  return NEXT[from].filter((to) => !(from === 'closed' && to === 'open' && !isAdmin));
}

export function canTransition(from: TicketStatus, to: TicketStatus, isAdmin: boolean): boolean {
  return allowedNextStatuses(from, isAdmin).includes(to);
}

export interface StatusActor {
  id: string;
  isAdmin: boolean;
}

export interface StatusChangeProblem {
  code: 'forbidden' | 'invalid_transition';
  message: string;
}

/** Whether this person may change the status at all: the assignee or an administrator. */
export const mayChangeStatus = (ticket: { assigneeId: string | null }, actor: StatusActor): boolean =>
  actor.isAdmin || ticket.assigneeId === actor.id;

/**
 * Why this person cannot move this ticket to `to`, or null when they can. The server's mutator and
 * the ticket page ask the same question, so the page offers exactly what the server will accept.
 */
export function statusChangeProblem(
  ticket: { status: TicketStatus; assigneeId: string | null },
  to: TicketStatus,
  actor: StatusActor,
): StatusChangeProblem | null {
  if (to === ticket.status) return null;
  if (!mayChangeStatus(ticket, actor)) {
    return { code: 'forbidden', message: 'Only the assignee or an administrator may change the status.' };
  }
  if (!canTransition(ticket.status, to, actor.isAdmin)) {
    const reopen = ticket.status === 'closed' && to === 'open';
    return {
      code: 'invalid_transition',
      message: reopen
        ? 'Only an administrator may reopen a closed ticket.'
        : `${STATUS_LABELS[ticket.status]} tickets cannot become ${STATUS_LABELS[to].toLowerCase()}.`,
    };
  }
  return null;
}

/** The statuses this person may move the ticket to next (empty when they may not change it). */
export const statusChoices = (ticket: { status: TicketStatus; assigneeId: string | null }, actor: StatusActor): TicketStatus[] =>
  mayChangeStatus(ticket, actor) ? allowedNextStatuses(ticket.status, actor.isAdmin) : [];

/** Only finished work goes to the archive; anything else must stay in everyone's list. */
export const ARCHIVABLE_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];

export const isArchivable = (ticket: { status: TicketStatus }): boolean => ARCHIVABLE_STATUSES.includes(ticket.status);

/**
 * Why this ticket cannot be archived, or null. The ticket page only offers archiving for finished
 * tickets, but a ticket can be reopened by someone else while an archive waits in a device's queue.
 */
export function archiveProblem(ticket: { status: TicketStatus }): StatusChangeProblem | null {
  if (isArchivable(ticket)) return null;
  return { code: 'invalid_transition', message: `Only resolved or closed tickets can be archived; this one is ${STATUS_LABELS[ticket.status].toLowerCase()}.` };
}
