import { describe, expect, it } from 'vitest';
import { pendingEventSchema } from '../../../../server/mail/domain/pending-event';
import type { RowChange } from '../../../../server/mail/domain/triggers';
import { newPeopleCache, notificationsOf, type RowsSeen } from '../../../../server/mail/outbox';
import type { MutationContext } from '../../../../sync/mutators/port';
import type { NewRow } from '../../../../sync/protocol/entities';
import { ticketRow } from '../../../support/ticket-row';

/*
 * What a push writes for mail is worked out from the mutation's own changes and the rows it read,
 * without a database (notificationsOf takes none): the push reads nothing for mail.
 */

const actor = '00000000-0000-4000-8000-000000000001';
const creator = '00000000-0000-4000-8000-000000000002';
const tech = '00000000-0000-4000-8000-000000000003';
const ticket = ticketRow(creator, { assigneeId: tech });
const comment: NewRow<'comment'> = { id: '40000000-0000-4000-8000-000000000001', ticketId: ticket.id, authorId: actor, body: 'On my way.', at: '2026-03-02T10:00:00.000Z' };
const ctx: MutationContext = { actor: { id: actor, role: 'technician' }, now: new Date('2026-03-02T10:00:05.000Z'), actedAt: new Date('2026-03-02T10:00:00.000Z') };
const options = { appUrl: 'https://sched.example.com', batchSeconds: 60 };
const nothingSeen: RowsSeen = () => undefined;

describe('the mail events of a mutation', () => {
  it('a comment names its ticket, creator and assignee from the ticket the mutator read, and the actor from the session', () => {
    const seen: RowsSeen = ((entity: string, id: string) => (entity === 'ticket' && id === ticket.id ? ticket : undefined)) as RowsSeen;
    const rows = notificationsOf(ctx, [{ entity: 'comment', id: comment.id, before: null, after: comment }], seen, options, newPeopleCache('Sam Field'));
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ actorId: actor, appUrl: options.appUrl, batchSeconds: 60 });
    const event = pendingEventSchema.parse(row?.event);
    expect(event).toMatchObject({
      mail: { type: 'ticketComment', actorName: 'Sam Field', ticket: { id: ticket.id, title: 'Boiler leaks' }, body: 'On my way.', arrivedAt: '2026-03-02T10:00:05.000Z' },
      to: [],
      followers: { ticketId: ticket.id, commentId: comment.id, createdBy: creator, assigneeId: tech },
    });
  });

  it('a shift leaves its places to be named when the mail is written, and a rename in the same push names the actor anew', () => {
    const people = newPeopleCache('Old Name');
    const me: NewRow<'user'> = { id: actor, email: 'a@example.com', name: 'Old Name', role: 'admin', timezone: 'UTC', theme: 'system', color: '#000000', active: true } as NewRow<'user'>;
    const renamed: RowChange = { entity: 'user', id: actor, before: me, after: { ...me, name: 'New Name' } };
    expect(notificationsOf(ctx, [renamed], nothingSeen, options, people)).toEqual([]);
    const shift: NewRow<'schedule'> = { id: '20000000-0000-4000-8000-000000000001', technicianId: tech, locationId: '50000000-0000-4000-8000-000000000001', start: '2026-03-09T09:00:00.000Z', end: '2026-03-09T17:00:00.000Z', note: '', seriesId: null };
    const [row] = notificationsOf(ctx, [{ entity: 'schedule', id: shift.id, before: null, after: shift }], nothingSeen, options, people);
    expect(pendingEventSchema.parse(row?.event)).toMatchObject({
      mail: { type: 'shiftCreated', actorName: 'New Name', shift: { id: shift.id, locationName: null } },
      to: [tech],
      followers: null,
      locations: { shift: shift.locationId, before: null },
    });
  });

  it('most changes warrant no mail', () => {
    expect(notificationsOf(ctx, [{ entity: 'ticket', id: ticket.id, before: null, after: { ...ticket, assigneeId: null } }], nothingSeen, options, newPeopleCache())).toEqual([]);
  });
});
