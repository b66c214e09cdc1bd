import { describe, expect, it } from 'vitest';
import { noticesOf, recipientsOf, type RowChange } from '../../../../server/mail/domain/triggers';
import type { NewRow } from '../../../../sync/protocol/entities';
import { ticketRow } from '../../../support/ticket-row';

const creator = '00000000-0000-4000-8000-000000000001';
const tech = '00000000-0000-4000-8000-000000000002';
const other = '00000000-0000-4000-8000-000000000003';
const admin = '00000000-0000-4000-8000-000000000004';

const ticket = (patch: Partial<NewRow<'ticket'>> = {}): NewRow<'ticket'> => ticketRow(creator, patch);

const shift = (patch: Partial<NewRow<'schedule'>> = {}): NewRow<'schedule'> => ({
  id: '20000000-0000-4000-8000-000000000001',
  technicianId: tech,
  locationId: null,
  start: '2026-03-09T09:00:00.000Z',
  end: '2026-03-09T17:00:00.000Z',
  note: '',
  seriesId: null,
  ...patch,
});

const timeOff = (status: NewRow<'timeOff'>['status']): NewRow<'timeOff'> => ({
  id: '30000000-0000-4000-8000-000000000001',
  technicianId: tech,
  startDate: '2026-03-02',
  endDate: '2026-03-04',
  kind: 'vacation',
  status,
  note: '',
});

const types = (change: RowChange) => noticesOf(change).map((n) => [n.type, n.to]);

describe('what sends mail', () => {
  it('a ticket created with an assignee tells the assignee; one created without tells nobody', () => {
    expect(types({ entity: 'ticket', id: ticket().id, before: null, after: ticket({ assigneeId: tech }) })).toEqual([['ticketAssigned', [tech]]]);
    expect(types({ entity: 'ticket', id: ticket().id, before: null, after: ticket() })).toEqual([]);
  });

  it('assigning later tells the new assignee; unassigning or editing the title tells nobody', () => {
    expect(types({ entity: 'ticket', id: ticket().id, before: ticket({ assigneeId: other }), after: ticket({ assigneeId: tech }) })).toEqual([['ticketAssigned', [tech]]]);
    expect(types({ entity: 'ticket', id: ticket().id, before: ticket({ assigneeId: tech }), after: ticket() })).toEqual([]);
    expect(types({ entity: 'ticket', id: ticket().id, before: ticket({ assigneeId: tech }), after: ticket({ assigneeId: tech, title: 'New' }) })).toEqual([]);
  });

  it('a status change tells the creator and the assignee', () => {
    const before = ticket({ assigneeId: tech });
    const notices = noticesOf({ entity: 'ticket', id: before.id, before, after: { ...before, status: 'in_progress' } });
    expect(notices).toEqual([{ type: 'ticketStatus', to: [creator, tech], ticketId: before.id, from: 'open', status: 'in_progress' }]);
  });

  it('a new comment tells the ticket’s followers; an archived ticket or history entry tells nobody', () => {
    const comment = { id: '40000000-0000-4000-8000-000000000001', ticketId: ticket().id, authorId: tech, body: 'Done', at: '2026-03-09T09:10:00.000Z' };
    expect(noticesOf({ entity: 'comment', id: comment.id, before: null, after: comment })).toEqual([
      { type: 'ticketComment', to: [], ticketId: comment.ticketId, followersOf: comment.ticketId, comment },
    ]);
    expect(types({ entity: 'ticket', id: ticket().id, before: ticket(), after: ticket({ archivedAt: '2026-03-09T09:10:00.000Z' }) })).toEqual([]);
    const history = { id: '50000000-0000-4000-8000-000000000001', ticketId: ticket().id, actorId: admin, field: 'status', from: 'open', to: 'pending', conflict: false, at: '2026-03-09T09:10:00.000Z' };
    expect(types({ entity: 'ticketHistory', id: history.id, before: null, after: history })).toEqual([]);
  });

  it('shifts: created, moved in time or place, deleted tell the technician; a note alone does not; a handover tells both', () => {
    expect(types({ entity: 'schedule', id: shift().id, before: null, after: shift() })).toEqual([['shiftCreated', [tech]]]);
    expect(types({ entity: 'schedule', id: shift().id, before: shift(), after: shift({ end: '2026-03-09T18:00:00.000Z' }) })).toEqual([['shiftChanged', [tech]]]);
    expect(types({ entity: 'schedule', id: shift().id, before: shift(), after: shift({ locationId: '60000000-0000-4000-8000-000000000001' }) })).toEqual([['shiftChanged', [tech]]]);
    expect(types({ entity: 'schedule', id: shift().id, before: shift(), after: shift({ note: 'Bring a ladder' }) })).toEqual([]);
    expect(types({ entity: 'schedule', id: shift().id, before: shift(), after: null })).toEqual([['shiftDeleted', [tech]]]);
    expect(types({ entity: 'schedule', id: shift().id, before: shift(), after: shift({ technicianId: other }) })).toEqual([
      ['shiftDeleted', [tech]],
      ['shiftCreated', [other]],
    ]);
  });

  it('time off: approval and denial tell the technician; a request, an edit or a withdrawal tells nobody', () => {
    const id = timeOff('requested').id;
    expect(types({ entity: 'timeOff', id, before: timeOff('requested'), after: timeOff('approved') })).toEqual([['timeOffDecided', [tech]]]);
    expect(types({ entity: 'timeOff', id, before: timeOff('requested'), after: timeOff('denied') })).toEqual([['timeOffDecided', [tech]]]);
    expect(types({ entity: 'timeOff', id, before: null, after: timeOff('requested') })).toEqual([]);
    expect(types({ entity: 'timeOff', id, before: timeOff('requested'), after: { ...timeOff('requested'), note: 'x' } })).toEqual([]);
    expect(types({ entity: 'timeOff', id, before: timeOff('requested'), after: null })).toEqual([]);
  });

  it('never mails the person who acted, and each person once', () => {
    const comment = { id: '40000000-0000-4000-8000-000000000001', ticketId: ticket().id, authorId: tech, body: 'Done', at: '2026-03-09T09:10:00.000Z' };
    const [notice] = noticesOf({ entity: 'comment', id: comment.id, before: null, after: comment });
    if (!notice) throw new Error('no notice');
    expect(recipientsOf(notice, [creator, tech, other, creator, null], tech)).toEqual([creator, other]);
    const [own] = noticesOf({ entity: 'schedule', id: shift().id, before: null, after: shift() });
    if (!own) throw new Error('no notice');
    expect(recipientsOf(own, [], tech)).toEqual([]);
    expect(recipientsOf(own, [other], admin)).toEqual([tech]);
  });
});
