import { describe, expect, it } from 'vitest';
import { closedLongerThan } from '../../../../client/src/tickets/archive-old';
import type { EntityRow } from '../../../../sync/protocol/entities';

const base = { version: '1', createdAt: '2026-01-01T00:00:00.000Z', title: 't', description: '', priority: 'low', categoryId: null, locationId: null, assigneeId: null, createdBy: null } as const;
const ticket = (id: string, status: EntityRow<'ticket'>['status'], updatedAt: string, archivedAt: string | null = null): EntityRow<'ticket'> => ({ ...base, id, status, updatedAt, archivedAt });
const closing = (ticketId: string, at: string): EntityRow<'ticketHistory'> => ({
  id: `h-${ticketId}-${at}`,
  version: '2',
  createdAt: at,
  updatedAt: at,
  ticketId,
  actorId: null,
  field: 'status',
  from: 'resolved',
  to: 'closed',
  conflict: false,
  at,
});

describe('archiving tickets closed long ago', () => {
  const now = new Date('2026-11-25T12:00:00.000Z');

  it('picks closed, unarchived tickets by when they were closed, not by their last edit', () => {
    const tickets = [
      // Closed in May, its title edited yesterday: still closed long ago.
      ticket('a', 'closed', '2026-11-24T00:00:00.000Z'),
      ticket('b', 'closed', '2026-11-20T00:00:00.000Z'),
      ticket('c', 'resolved', '2026-05-01T00:00:00.000Z'),
      ticket('d', 'closed', '2026-05-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z'),
      // No history on the device yet: its last update stands in.
      ticket('e', 'closed', '2026-09-01T00:00:00.000Z'),
    ];
    const history = [closing('a', '2026-05-01T00:00:00.000Z'), closing('b', '2026-11-20T00:00:00.000Z')];
    expect(closedLongerThan(tickets, history, 30, now).map((t) => t.id)).toEqual(['a', 'e']);
  });

  it('goes by when the closing reached the server, so a device clock running a year slow cannot send a ticket closed today to the archive', () => {
    // Opened in May; closed today on a device whose clock said last year, clamped up to the opening.
    const slowClock = { ...closing('f', '2026-05-01T00:00:00.000Z'), createdAt: '2026-11-25T11:00:00.000Z' };
    // Closed offline in August and synced in September: by arrival, closed in September.
    const offline = { ...closing('g', '2026-08-01T00:00:00.000Z'), createdAt: '2026-09-01T00:00:00.000Z' };
    const tickets = [ticket('f', 'closed', '2026-11-25T11:00:00.000Z'), ticket('g', 'closed', '2026-09-01T00:00:00.000Z')];
    expect(closedLongerThan(tickets, [slowClock, offline], 30, now).map((t) => t.id)).toEqual(['g']);
    expect(closedLongerThan(tickets, [slowClock, offline], 100, now).map((t) => t.id)).toEqual([]);
  });
});
