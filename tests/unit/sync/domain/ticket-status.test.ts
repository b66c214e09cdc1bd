import { describe, expect, it } from 'vitest';
import {
  allowedNextStatuses,
  archiveProblem,
  canTransition,
  statusChangeProblem,
  statusChoices,
  type StatusActor,
  type TicketStatus,
} from '../../../../sync/domain/ticket-status';
import { TICKET_STATUSES } from '../../../../sync/protocol/enums';

/** sync-protocol.md: the only moves there are. */
const PROTOCOL: Record<TicketStatus, TicketStatus[]> = {
  open: ['in_progress', 'pending', 'resolved'],
  in_progress: ['pending', 'resolved'],
  pending: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['open'],
};

const ADMIN: StatusActor = { id: 'admin-1', isAdmin: true };
const ASSIGNEE: StatusActor = { id: 'tech-1', isAdmin: false };
const BYSTANDER: StatusActor = { id: 'tech-2', isAdmin: false };
const pairs = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.filter((to) => to !== from).map((to) => [from, to] as const));

describe('the ticket lifecycle', () => {
  it('allows exactly the moves of the protocol', () => {
    expect(Object.fromEntries(TICKET_STATUSES.map((s) => [s, allowedNextStatuses(s, true)]))).toEqual(PROTOCOL);
  });

  it('lets only admins reopen a closed ticket', () => {
    expect(canTransition('closed', 'open', true)).toBe(true);
    expect(canTransition('closed', 'open', false)).toBe(false);
  });

  it('refuses staying put as a transition', () => {
    for (const s of TICKET_STATUSES) expect(canTransition(s, s, true), s).toBe(false);
  });
});

describe('who may change a ticket’s status', () => {
  const ticket = (status: TicketStatus) => ({ status, assigneeId: ASSIGNEE.id });

  it.each(pairs)('%s → %s: an admin may exactly when the protocol allows it', (from, to) => {
    const problem = statusChangeProblem(ticket(from), to, ADMIN);
    if (PROTOCOL[from].includes(to)) expect(problem).toBeNull();
    else expect(problem).toMatchObject({ code: 'invalid_transition' });
  });

  it.each(pairs)('%s → %s: the assigned technician may when the protocol allows it, except reopening', (from, to) => {
    const problem = statusChangeProblem(ticket(from), to, ASSIGNEE);
    const allowed = PROTOCOL[from].includes(to) && !(from === 'closed' && to === 'open');
    if (allowed) expect(problem).toBeNull();
    else expect(problem).toMatchObject({ code: 'invalid_transition' });
  });

  it.each(pairs)('%s → %s: a technician who is not the assignee never may', (from, to) => {
    expect(statusChangeProblem(ticket(from), to, BYSTANDER)).toMatchObject({ code: 'forbidden' });
  });

  it('lets nobody but an admin change the status of an unassigned ticket', () => {
    expect(statusChangeProblem({ status: 'open', assigneeId: null }, 'in_progress', ASSIGNEE)).toMatchObject({ code: 'forbidden' });
    expect(statusChangeProblem({ status: 'open', assigneeId: null }, 'in_progress', ADMIN)).toBeNull();
  });

  it('says in words why a technician cannot reopen a closed ticket', () => {
    expect(statusChangeProblem(ticket('closed'), 'open', ASSIGNEE)?.message).toBe('Only an administrator may reopen a closed ticket.');
    expect(statusChangeProblem(ticket('open'), 'closed', ADMIN)?.message).toBe('Open tickets cannot become closed.');
  });

  it('treats "no change" as no problem, so an unchanged status in a patch is never refused', () => {
    expect(statusChangeProblem(ticket('pending'), 'pending', BYSTANDER)).toBeNull();
  });

  it('offers each person exactly the moves they may make', () => {
    expect(statusChoices(ticket('closed'), ADMIN)).toEqual(['open']);
    expect(statusChoices(ticket('closed'), ASSIGNEE)).toEqual([]);
    expect(statusChoices(ticket('resolved'), ASSIGNEE)).toEqual(['closed', 'in_progress']);
    expect(statusChoices(ticket('open'), BYSTANDER)).toEqual([]);
  });
});

describe('which tickets may be archived', () => {
  it('archives finished work only: resolved and closed tickets', () => {
    expect(TICKET_STATUSES.filter((status) => archiveProblem({ status }) === null)).toEqual(['resolved', 'closed']);
  });

  it('says in words why an unfinished ticket stays out of the archive', () => {
    expect(archiveProblem({ status: 'in_progress' })).toEqual({
      code: 'invalid_transition',
      message: 'Only resolved or closed tickets can be archived; this one is in progress.',
    });
  });
});
