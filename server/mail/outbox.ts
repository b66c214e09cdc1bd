import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { mailEvents } from '../../drizzle/schema';
import type { MutationContext } from '../../sync/mutators/port';
import type { EntityName, NewRow } from '../../sync/protocol/entities';
import type { Db } from '../db/database';
import type { MailEvent } from './domain/mail-event';
import type { PendingEvent } from './domain/pending-event';
import { clip } from './domain/render';
import { noticesOf, type Notice, type RowChange, type Shift } from './domain/triggers';

/*
 * Notification mail, as far as a push writes it: inside the transaction of the change that caused
 * it (api.md, "Mail (admin)"), so a rejected or rolled-back mutation leaves no mail, and a retried
 * push, answered from stored results, runs no mutator and so writes none. What warrants a mail is
 * decided by domain/triggers.ts; this file writes one `mail_events` row per event, and reads
 * nothing: the actor is the session's user, and the ticket of a comment is the row the mutator
 * read. Recipients, their names, addresses and settings, earlier commenters and place names are
 * looked up by the mail worker when it writes the mail (server/mail/write-mail.ts), outside the
 * push. Reading them here made concurrent pushes fail to serialize and run again (issue 11).
 */

export interface OutboxOptions {
  /** Where links in mail point (APP_URL, or the address the request came to). */
  appUrl: string;
  /** Changes to one ticket for one recipient within this many seconds become one mail (0: none). */
  batchSeconds: number;
}

/** What one push transaction knows of the person pushing: their name, as the mail says it. */
export interface PeopleCache {
  /** The actor's name: the session's, or what a profile change in this push made it. */
  actorName: string;
}

export const newPeopleCache = (actorName = 'Someone'): PeopleCache => ({ actorName });

/** Rows a mutation read or wrote, as it saw them (the mutators' port, server/sync/row-changes.ts). */
export type RowsSeen = <E extends EntityName>(entity: E, id: string) => NewRow<E> | null | undefined;

type TicketSeen = Pick<NewRow<'ticket'>, 'id' | 'title' | 'createdBy' | 'assigneeId'>;

function pendingOf(n: Notice, ticketOf: (id: string) => TicketSeen | undefined, ctx: MutationContext, people: PeopleCache): PendingEvent | null {
  const common = { at: ctx.actedAt.toISOString(), actorName: people.actorName };
  const shift = (s: Shift) => ({ id: s.id, start: s.start, end: s.end, locationName: null, note: s.note });
  const ticket = (id: string) => {
    const t = ticketOf(id);
    return t ? { id: t.id, title: t.title } : null;
  };
  const simple = (mail: MailEvent | null): PendingEvent | null => mail && { mail, to: n.to, followers: null, locations: null };
  switch (n.type) {
    case 'ticketAssigned': {
      const t = ticket(n.ticketId);
      return simple(t && { ...common, type: n.type, ticket: t });
    }
    case 'ticketStatus': {
      const t = ticket(n.ticketId);
      return simple(t && { ...common, type: n.type, ticket: t, from: n.from, to: n.status });
    }
    case 'ticketComment': {
      const t = ticketOf(n.ticketId);
      if (!t) return null;
      // The comment row keeps when it was written on the device (clamped); say that, and when it arrived.
      // Kept only as far as a mail quotes it.
      const mail: MailEvent = { ...common, type: n.type, ticket: { id: t.id, title: t.title }, body: clip(n.comment.body), at: n.comment.at, arrivedAt: ctx.now.toISOString() };
      return { mail, to: n.to, followers: { ticketId: t.id, commentId: n.comment.id, createdBy: t.createdBy, assigneeId: t.assigneeId }, locations: null };
    }
    case 'shiftCreated':
    case 'shiftDeleted':
      return { mail: { ...common, type: n.type, shift: shift(n.shift) }, to: n.to, followers: null, locations: { shift: n.shift.locationId, before: null } };
    case 'shiftChanged':
      return {
        mail: { ...common, type: n.type, shift: shift(n.shift), before: shift(n.before) },
        to: n.to,
        followers: null,
        locations: { shift: n.shift.locationId, before: n.before.locationId },
      };
    case 'timeOffDecided': {
      const { id, startDate, endDate, kind, status } = n.timeOff;
      return simple({ ...common, type: n.type, timeOff: { id, startDate, endDate, kind, status } });
    }
  }
}

/**
 * The `mail_events` rows one applied mutation's changes warrant (none for most), from what the
 * mutation read and wrote: no query. `seen` answers the rows the mutator read (a comment's ticket).
 */
export function notificationsOf(
  ctx: MutationContext,
  changes: readonly RowChange[],
  seen: RowsSeen,
  options: OutboxOptions,
  people: PeopleCache,
): PgInsertValue<typeof mailEvents>[] {
  // The actor renamed themself: mail about what they do next says the new name.
  for (const c of changes) if (c.entity === 'user' && c.id === ctx.actor.id && c.after) people.actorName = c.after.name;
  const notices = changes.flatMap(noticesOf);
  if (notices.length === 0) return [];
  const written = new Map<string, TicketSeen>();
  for (const c of changes) if (c.entity === 'ticket' && c.after) written.set(c.id, c.after);
  const ticketOf = (id: string) => written.get(id) ?? seen('ticket', id) ?? undefined;
  const rows: PgInsertValue<typeof mailEvents>[] = [];
  for (const n of notices) {
    const event = pendingOf(n, ticketOf, ctx, people);
    if (event) rows.push({ actorId: ctx.actor.id, event, appUrl: options.appUrl, batchSeconds: options.batchSeconds });
  }
  return rows;
}

/** Writes `rows` (from `notificationsOf`) in one statement. */
export async function writeNotifications(tx: Db, rows: PgInsertValue<typeof mailEvents>[]): Promise<void> {
  if (rows.length) await tx.insert(mailEvents).values(rows);
}
