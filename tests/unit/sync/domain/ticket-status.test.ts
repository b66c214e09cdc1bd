import { describe, expect, it } from 'vitest';
import { allowedNextStatuses, canTransition, type TicketStatus } from '../../../../sync/domain/ticket-status';
import { TICKET_STATUSES } from '../../../../sync/protocol/enums';

describe('the ticket lifecycle', () => {
  it('allows exactly the moves of the protocol', () => {
    const allowed = Object.fromEntries(TICKET_STATUSES.map((s) => [s, allowedNextStatuses(s, true)]));
    expect(allowed).toEqual({
      open: ['in_progress', 'pending', 'resolved'],
      in_progress: ['pending', 'resolved'],
      pending: ['in_progress', 'resolved'],
      resolved: ['closed', 'in_progress'],
      closed: ['open'],
    });
  });

  it('lets only admins reopen a closed ticket', () => {
    expect(canTransition('closed', 'open', true)).toBe(true);
    expect(canTransition('closed', 'open', false)).toBe(false);
  });

  it('refuses every other move, including staying put and skipping to closed', () => {
    const refused: [TicketStatus, TicketStatus][] = [
      ['open', 'closed'],
      ['open', 'open'],
      ['in_progress', 'open'],
      ['pending', 'closed'],
      ['closed', 'resolved'],
    ];
    for (const [from, to] of refused) expect(canTransition(from, to, true), `${from}→${to}`).toBe(false);
  });
});
