import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { locations, mailOutbox, mailSettings, ticketComments, tickets, users } from '../../drizzle/schema';
import { mailSettingsOf } from '../../sync/mutators/mail-settings';
import type { MutationContext } from '../../sync/mutators/port';
import type { Db } from '../db/database';
import { countedOnly, type RenderContext } from './domain/fold';
import { KIND_OF_EVENT, kindOfMail, type MailEvent } from './domain/mail-event';
import { clip, renderMail } from './domain/render';
import { noticesOf, recipientsOf, type Notice, type RowChange, type Shift } from './domain/triggers';

/*
 * Writes notification mail into the outbox, inside the transaction of the change that caused it
 * (api.md, "Mail (admin)"): a rejected or rolled-back mutation leaves no mail, and a retried push,
 * answered from stored results, runs no mutator and so writes none. What warrants a mail is decided
 * by domain/triggers.ts; this file looks up names, recipients and their settings, and writes one row
 * per event and recipient (the worker folds a batch's rows into one mail: server/mail/fold.ts).
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
  /** Batched events written so far in this transaction, by recipient and batch key. */
  batched: Map<string, number>;
}

export const newPeopleCache = (): PeopleCache => ({ names: new Map(), recipients: new Map(), commenters: new Map(), batched: new Map() });

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
 * Which batch an event belongs to: the one about the same ticket, or — so that planning someone's
 * week is one mail, not twenty — the one about their shifts. Time off decisions go alone.
 */
function batchKeyOf(event: MailEvent): string | null {
  if ('ticket' in event) return `ticket:${event.ticket.id}`;
  if ('shift' in event) return 'schedule';
  return null;
}

/**
 * The outbox rows for one mutation's mail: one per event and recipient, only ever inserted. A
 * batched row waits MAIL_BATCH_SECONDS, and the worker folds the rows of a batch written meanwhile
 * into one mail when the first falls due (server/mail/fold.ts). Reading and rewriting an open batch
 * row here instead made concurrent pushes about one ticket fail to serialize and run again.
 */
function outboxRow(to: Recipient, event: MailEvent, options: OutboxOptions, people: PeopleCache): PgInsertValue<typeof mailOutbox> {
  const batchKey = batchKeyOf(event);
  const batching = batchKey !== null && options.batchSeconds > 0;
  let listed = event;
  if (batching) {
    // A push of hundreds of comments on one ticket keeps the text of only as many as a mail lists.
    const key = `${to.id} ${batchKey}`;
    const written = people.batched.get(key) ?? 0;
    people.batched.set(key, written + 1);
    listed = countedOnly(event, written);
  }
  const context: RenderContext = { name: to.name, timezone: to.timezone, appUrl: options.appUrl };
  const mail = renderMail(context, [listed], options.appUrl);
  return {
    kind: kindOfMail([listed]),
    recipientId: to.id,
    toEmail: to.email,
    batchKey,
    events: [listed],
    renderContext: context,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html,
    nextAttemptAt: batching ? sql`now() + make_interval(secs => ${options.batchSeconds})` : sql`now()`,
  };
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
  const rows: (PgInsertValue<typeof mailOutbox>)[] = [];
  for (const { to, event } of planned) {
    const recipient = recipients.get(to);
    if (recipient?.settings[KIND_OF_EVENT[event.type]]) rows.push(outboxRow(recipient, event, options, people));
  }
  if (rows.length) await tx.insert(mailOutbox).values(rows);
}
