import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { locations, mailOutbox, mailSettings, ticketComments, tickets, users } from '../../drizzle/schema';
import { mailSettingsOf } from '../../sync/mutators/mail-settings';
import type { MutationContext } from '../../sync/mutators/port';
import type { Db } from '../db/database';
import { KIND_OF_EVENT, kindOfMail, mailEventSchema, type MailEvent } from './domain/mail-event';
import { clip, MAX_LISTED_EVENTS, renderMail } from './domain/render';
import { noticesOf, recipientsOf, type Notice, type RowChange, type Shift } from './domain/triggers';

/*
 * Writes notification mail into the outbox, inside the transaction of the change that caused it
 * (api.md, "Mail (admin)"): a rejected or rolled-back mutation leaves no mail, and a retried push,
 * answered from stored results, runs no mutator and so writes none. What warrants a mail is decided
 * by domain/triggers.ts; this file looks up names, recipients and their settings, and batches.
 */

export interface OutboxOptions {
  /** Where links in mail point (APP_URL, or the address the request came to). */
  appUrl: string;
  /** Changes to one ticket for one recipient within this many seconds become one mail (0: none). */
  batchSeconds: number;
}

/**
 * People read once per push transaction: names of actors, and recipients with their settings. Only
 * the pushing user's mutations run in one, and they are never a recipient, so these hold for the
 * whole transaction, save after a change to a user row (the actor's own profile), which clears them.
 * A new transaction (a push, or a push run again after a serialization failure) starts a new one.
 */
export interface PeopleCache {
  names: Map<string, string>;
  recipients: Map<string, Recipient | null>;
  /**
   * Who had commented on a ticket, by ticket. Only the actor comments within the transaction, and
   * the actor is never a recipient, so a push of many comments on one ticket reads this once.
   */
  commenters: Map<string, (string | null)[]>;
}

export const newPeopleCache = (): PeopleCache => ({ names: new Map(), recipients: new Map(), commenters: new Map() });

interface Lookup {
  names: Map<string, string>;
  ticket: Map<string, { id: string; title: string; createdBy: string | null; assigneeId: string | null }>;
  locationName: Map<string, string>;
}

/** Names and titles the notices need: tickets the mutation wrote come from its own changes. */
async function lookUp(tx: Db, notices: Notice[], changes: readonly RowChange[], actorId: string, people: PeopleCache): Promise<Lookup> {
  const ticket: Lookup['ticket'] = new Map();
  for (const c of changes) if (c.entity === 'ticket' && c.after) ticket.set(c.id, c.after);
  const ticketIds = new Set<string>();
  const locationIds = new Set<string>();
  for (const n of notices) {
    if ('ticketId' in n && !ticket.has(n.ticketId)) ticketIds.add(n.ticketId);
    if ('shift' in n && n.shift.locationId) locationIds.add(n.shift.locationId);
    if ('before' in n && n.before.locationId) locationIds.add(n.before.locationId);
  }
  const [actor, ticketRows, locationRows] = await Promise.all([
    people.names.has(actorId) ? [] : tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, actorId)),
    ticketIds.size ? tx.select().from(tickets).where(inArray(tickets.id, [...ticketIds])) : [],
    locationIds.size ? tx.select({ id: locations.id, name: locations.name }).from(locations).where(inArray(locations.id, [...locationIds])) : [],
  ]);
  for (const u of actor) people.names.set(u.id, u.name);
  for (const t of ticketRows) ticket.set(t.id, t);
  return { names: people.names, ticket, locationName: new Map(locationRows.map((l) => [l.id, l.name])) };
}

/** The ticket's creator and assignee, and everyone who commented before this comment. */
async function followersOf(tx: Db, ticket: { id: string; createdBy: string | null; assigneeId: string | null }, commentId: string, people: PeopleCache): Promise<(string | null)[]> {
  let commenters = people.commenters.get(ticket.id);
  if (!commenters) {
    const rows = await tx
      .selectDistinct({ id: ticketComments.authorId })
      .from(ticketComments)
      .where(and(eq(ticketComments.ticketId, ticket.id), ne(ticketComments.id, commentId)));
    commenters = rows.map((c) => c.id);
    people.commenters.set(ticket.id, commenters);
  }
  return [ticket.createdBy, ticket.assigneeId, ...commenters];
}

function eventOf(n: Notice, look: Lookup, ctx: MutationContext): MailEvent | null {
  const common = { at: ctx.actedAt.toISOString(), actorName: look.names.get(ctx.actor.id) ?? 'Someone' };
  const shift = (s: Shift) => ({ id: s.id, start: s.start, end: s.end, locationName: s.locationId ? (look.locationName.get(s.locationId) ?? null) : null, note: s.note });
  const ticket = (id: string) => {
    const t = look.ticket.get(id);
    return t ? { id: t.id, title: t.title } : null;
  };
  switch (n.type) {
    case 'ticketAssigned': {
      const t = ticket(n.ticketId);
      return t && { ...common, type: n.type, ticket: t };
    }
    case 'ticketStatus': {
      const t = ticket(n.ticketId);
      return t && { ...common, type: n.type, ticket: t, from: n.from, to: n.status };
    }
    case 'ticketComment': {
      const t = ticket(n.ticketId);
      // The comment row keeps when it was written on the device (clamped); say that, and when it arrived.
      // Kept only as far as a mail quotes it.
      return t && { ...common, type: n.type, ticket: t, body: clip(n.comment.body), at: n.comment.at, arrivedAt: ctx.now.toISOString() };
    }
    case 'shiftCreated':
    case 'shiftDeleted':
      return { ...common, type: n.type, shift: shift(n.shift) };
    case 'shiftChanged':
      return { ...common, type: n.type, shift: shift(n.shift), before: shift(n.before) };
    case 'timeOffDecided': {
      const { id, startDate, endDate, kind, status } = n.timeOff;
      return { ...common, type: n.type, timeOff: { id, startDate, endDate, kind, status } };
    }
  }
}

interface Recipient {
  id: string;
  email: string;
  name: string;
  timezone: string;
  settings: ReturnType<typeof mailSettingsOf>;
}

/** Active users among `ids`, with their settings (null: inactive or gone); each read once per transaction. */
async function recipientsById(tx: Db, ids: string[], people: PeopleCache): Promise<Map<string, Recipient | null>> {
  const missing = ids.filter((id) => !people.recipients.has(id));
  if (missing.length === 0) return people.recipients;
  const rows = await tx
    .select({ user: users, settings: mailSettings })
    .from(users)
    .leftJoin(mailSettings, eq(mailSettings.id, users.id))
    // Inactive users cannot sign in to see what a mail points at.
    .where(and(inArray(users.id, missing), eq(users.active, true)));
  for (const id of missing) people.recipients.set(id, null);
  for (const { user, settings } of rows) {
    people.recipients.set(user.id, { id: user.id, email: user.email, name: user.name, timezone: user.timezone, settings: mailSettingsOf(settings ?? undefined) });
  }
  return people.recipients;
}

/**
 * Which open mail an event may join: the one about the same ticket, or — so that planning someone's
 * week is one mail, not twenty — the one about their shifts. Time off decisions go alone.
 */
function batchKeyOf(event: MailEvent): string | null {
  if ('ticket' in event) return `ticket:${event.ticket.id}`;
  if ('shift' in event) return 'schedule';
  return null;
}

/** Adds one event for one recipient: to the open batch for its ticket, or as a new mail. */
async function enqueue(tx: Db, to: Recipient, event: MailEvent, options: OutboxOptions): Promise<void> {
  const batchKey = batchKeyOf(event);
  const batching = batchKey !== null && options.batchSeconds > 0;
  if (batching) {
    // Still collecting: never claimed (attempts 0) and not yet due. A worker claiming it at this very
    // moment holds its lock; then this transaction fails to serialize, runs again and starts a new mail.
    const [open] = await tx
      .select({ id: mailOutbox.id, events: mailOutbox.events })
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.recipientId, to.id),
          eq(mailOutbox.batchKey, batchKey),
          eq(mailOutbox.status, 'queued'),
          eq(mailOutbox.attempts, 0),
          gt(mailOutbox.nextAttemptAt, sql`now()`),
        ),
      )
      .orderBy(asc(mailOutbox.createdAt))
      .limit(1)
      .for('update');
    if (open) {
      const earlier = mailEventSchema.array().parse(open.events);
      // Past the ones a mail lists, an event is only counted: its comment text need not be kept,
      // so a push of hundreds of comments does not rewrite megabytes with each one.
      const events = [...earlier, earlier.length >= MAX_LISTED_EVENTS && event.type === 'ticketComment' ? { ...event, body: '' } : event];
      const mail = renderMail(to, events, options.appUrl);
      await tx
        .update(mailOutbox)
        .set({ events, kind: kindOfMail(events), subject: mail.subject, textBody: mail.text, htmlBody: mail.html })
        .where(eq(mailOutbox.id, open.id));
      return;
    }
  }
  const mail = renderMail(to, [event], options.appUrl);
  await tx.insert(mailOutbox).values({
    kind: kindOfMail([event]),
    recipientId: to.id,
    toEmail: to.email,
    batchKey,
    events: [event],
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html,
    nextAttemptAt: batching ? sql`now() + make_interval(secs => ${options.batchSeconds})` : sql`now()`,
  });
}

/**
 * The mail one applied mutation causes, written with it. Most mutations cause none and cost no
 * query here.
 */
export async function enqueueNotifications(
  tx: Db,
  ctx: MutationContext,
  changes: readonly RowChange[],
  options: OutboxOptions,
  people: PeopleCache = newPeopleCache(),
): Promise<void> {
  if (changes.some((c) => c.entity === 'user')) {
    people.names.clear();
    people.recipients.clear();
    people.commenters.clear();
  }
  const notices = changes.flatMap(noticesOf);
  if (notices.length === 0) return;
  const look = await lookUp(tx, notices, changes, ctx.actor.id, people);
  const planned: { to: string; event: MailEvent }[] = [];
  for (const n of notices) {
    const event = eventOf(n, look, ctx);
    if (!event) continue;
    const ticket = n.type === 'ticketComment' ? look.ticket.get(n.ticketId) : undefined;
    const followers = ticket && n.type === 'ticketComment' ? await followersOf(tx, ticket, n.comment.id, people) : [];
    for (const to of recipientsOf(n, followers, ctx.actor.id)) planned.push({ to, event });
  }
  const recipients = await recipientsById(tx, [...new Set(planned.map((p) => p.to))], people);
  for (const { to, event } of planned) {
    const recipient = recipients.get(to);
    if (recipient?.settings[KIND_OF_EVENT[event.type]]) await enqueue(tx, recipient, event, options);
  }
}
