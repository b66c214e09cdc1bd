import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { locations, mailEvents, mailOutbox, mailSettings, users } from '../../drizzle/schema';
import { mailSettingsOf } from '../../sync/mutators/mail-settings';
import { queryRows, type Db } from '../db/database';
import { countedOnly, type RenderContext } from './domain/fold';
import { KIND_OF_EVENT, kindOfMail, type MailEvent } from './domain/mail-event';
import { pendingEventSchema, type PendingEvent } from './domain/pending-event';
import { renderMail } from './domain/render';

/*
 * The mail a push's events warrant, written by the mail worker (docs/decisions/027): a push only
 * inserts `mail_events` rows (server/mail/outbox.ts); here each becomes one `mail_outbox` row per
 * recipient, exactly the rows the push used to write itself — same recipients, texts, batch keys,
 * written and due times — and is deleted, in one transaction. Reading recipients, names, settings
 * and a ticket's earlier commenters here rather than in the push keeps those reads out of the push
 * transaction, where (then SERIALIZABLE) they made concurrent pushes fail to serialize.
 *
 * A comment's earlier commenters are the authors of the ticket's comments written by transactions
 * before the comment's own (by transaction id, in the change log), and its event is written only
 * once every such transaction has ended (the oldest running transaction id is past its own). So
 * of two comments pushed at the same moment exactly one counts the other as earlier (by transaction
 * id, or by log position within a restore's single transaction).
 */

interface EventRow extends Record<string, unknown> {
  id: string;
  xid: string;
  /** As text: the database's full precision, which batching compares at. */
  created_at: string;
  actor_id: string;
  event: unknown;
  app_url: string;
  batch_seconds: number;
}

interface Recipient {
  id: string;
  email: string;
  name: string;
  timezone: string;
  settings: ReturnType<typeof mailSettingsOf>;
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
 * The ticket's creator and assignee (as the push read them), and everyone who commented before:
 * a comment whose log entry is in an earlier transaction, or in the same one at an earlier place in
 * the log. (A restore writes every restored entry, and the events it restores, in one transaction,
 * so only the log's order tells there which comment came first.)
 */
async function followersOf(tx: Db, row: EventRow, followers: NonNullable<PendingEvent['followers']>): Promise<(string | null)[]> {
  const earlier = await queryRows<{ author_id: string | null }>(
    tx,
    sql`select distinct c.author_id from ticket_comments c
          left join change_log l on l.entity = 'comment' and l.entity_id = c.id
          left join change_log own on own.entity = 'comment' and own.entity_id = ${followers.commentId}
         where c.ticket_id = ${followers.ticketId} and c.id <> ${followers.commentId}
           and (l.xid is null or l.xid < ${row.xid}::xid8 or (l.xid = ${row.xid}::xid8 and l.seq < own.seq))`,
  );
  return [followers.createdBy, followers.assigneeId, ...earlier.map((c) => c.author_id)];
}

/** Who gets an event's mail: its own recipients and any followers, each once, never the actor. */
const recipientsOf = (to: readonly (string | null)[], actorId: string): string[] => [...new Set(to.filter((id): id is string => !!id))].filter((id) => id !== actorId);

export interface WriteMailOptions {
  /** Events written per transaction. */
  limit?: number;
  /**
   * Whether a comment's event waits until every transaction before its own has ended (always, but
   * for a restore, which writes the events of the backup it restores in its own transaction).
   */
  waitForEarlier?: boolean;
}

/**
 * Turns waiting `mail_events` rows into outbox rows, inside `tx`; answers how many events it
 * handled. Rows another process is writing are skipped (FOR UPDATE SKIP LOCKED): each event is
 * written once.
 */
export async function writeWaitingMailIn(tx: Db, options: WriteMailOptions = {}): Promise<number> {
  const limit = options.limit ?? 200;
  const wait = options.waitForEarlier ?? true;
  const rows = await queryRows<EventRow>(
    tx,
    sql`select id, xid::text as xid, created_at::text as created_at, actor_id, event, app_url, batch_seconds from mail_events e
         where ${wait ? sql`(e.event->'followers' = 'null'::jsonb or pg_snapshot_xmin(pg_current_snapshot()) > e.xid)` : sql`true`}
         order by created_at, seq
         limit ${limit}
         for update skip locked`,
  );
  if (rows.length === 0) return 0;

  const parsed = rows.map((row) => ({ row, pending: pendingEventSchema.safeParse(row.event) }));
  const planned: { row: EventRow; mail: MailEvent; to: string[]; locations: PendingEvent['locations'] }[] = [];
  for (const { row, pending } of parsed) {
    if (!pending.success) {
      // Never written by this server's push; kept out of the way rather than failing every round here.
      console.error(`Mail event ${row.id} is not one a push writes; dropped:`, pending.error.message);
      continue;
    }
    const { mail, to, followers } = pending.data;
    const all = followers ? [...to, ...(await followersOf(tx, row, followers))] : to;
    planned.push({ row, mail, to: recipientsOf(all, row.actor_id), locations: pending.data.locations });
  }

  const locationIds = [...new Set(planned.flatMap((p) => (p.locations ? [p.locations.shift, p.locations.before] : [])).filter((id): id is string => !!id))];
  const recipientIds = [...new Set(planned.flatMap((p) => p.to))];
  const [locationRows, recipientRows] = await Promise.all([
    locationIds.length ? tx.select({ id: locations.id, name: locations.name }).from(locations).where(inArray(locations.id, locationIds)) : [],
    recipientIds.length
      ? tx
          .select({ user: users, settings: mailSettings })
          .from(users)
          .leftJoin(mailSettings, eq(mailSettings.id, users.id))
          // Inactive users cannot sign in to see what a mail points at.
          .where(and(inArray(users.id, recipientIds), eq(users.active, true)))
      : [],
  ]);
  const placeName = new Map(locationRows.map((l) => [l.id, l.name]));
  const recipients = new Map<string, Recipient>(
    recipientRows.map(({ user, settings }) => [user.id, { id: user.id, email: user.email, name: user.name, timezone: user.timezone, settings: mailSettingsOf(settings ?? undefined) }]),
  );

  // Batched events one push wrote, per recipient and batch: past what a mail lists, text is not kept.
  const batched = new Map<string, number>();
  const outbox: PgInsertValue<typeof mailOutbox>[] = [];
  for (const { row, mail, to, locations: places } of planned) {
    const named = (id: string | null) => (id ? (placeName.get(id) ?? null) : null);
    const event: MailEvent =
      places && 'shift' in mail
        ? { ...mail, shift: { ...mail.shift, locationName: named(places.shift) }, ...('before' in mail ? { before: { ...mail.before, locationName: named(places.before) } } : {}) }
        : mail;
    for (const id of to) {
      const recipient = recipients.get(id);
      if (!recipient?.settings[KIND_OF_EVENT[event.type]]) continue;
      const batchKey = batchKeyOf(event);
      const batching = batchKey !== null && row.batch_seconds > 0;
      let listed = event;
      if (batching) {
        const key = `${row.xid} ${id} ${batchKey}`;
        const written = batched.get(key) ?? 0;
        batched.set(key, written + 1);
        listed = countedOnly(event, written);
      }
      const context: RenderContext = { name: recipient.name, timezone: recipient.timezone, appUrl: row.app_url };
      const rendered = renderMail(context, [listed], row.app_url);
      const createdAt = sql`${row.created_at}::timestamptz`;
      outbox.push({
        kind: kindOfMail([listed]),
        recipientId: id,
        toEmail: recipient.email,
        batchKey,
        events: [listed],
        renderContext: context,
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html,
        // Written, and due, when the push wrote its event: batches and delays are as they were.
        createdAt,
        nextAttemptAt: batching ? sql`${row.created_at}::timestamptz + make_interval(secs => ${row.batch_seconds})` : createdAt,
      });
    }
  }
  for (let i = 0; i < outbox.length; i += 500) await tx.insert(mailOutbox).values(outbox.slice(i, i + 500));
  await tx.delete(mailEvents).where(inArray(mailEvents.id, rows.map((r) => r.id)));
  return rows.length;
}

/** Writes every waiting event's mail that can be written now, a transaction per `limit` events. */
export async function writeWaitingMail(db: Db, options: WriteMailOptions = {}): Promise<void> {
  const limit = options.limit ?? 200;
  for (;;) {
    const handled = await db.transaction((tx) => writeWaitingMailIn(tx as unknown as Db, { ...options, limit }));
    if (handled < limit) return;
  }
}

/**
 * Writes every waiting event's mail, waiting (up to `maxWaitMs`) for a comment's earlier
 * transactions to end; answers whether none is left. A backup takes this first, so it holds mail
 * rather than events (a restore holds waiting mail: server/backup/restore-backup.ts).
 */
export async function writeAllWaitingMail(db: Db, maxWaitMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    await writeWaitingMail(db);
    if ((await db.$count(mailEvents)) === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Without a delivery worker (no SENDGRID_API_KEY) mail is still written from events as it comes,
 * so the outbox shows admins what would have gone, written when it would have been.
 */
export class MailWriter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly pollMs = 1_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = writeWaitingMail(this.db)
        .catch((error: unknown) => console.error('Writing mail failed:', error))
        .finally(() => (this.running = undefined));
    }, this.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
