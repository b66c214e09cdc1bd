/**
 * The one database schema. Every table the app needs lives here; SQL migrations in
 * `drizzle/migrations/` are generated from it by drizzle-kit, except what Drizzle cannot express
 * (the btree_gist exclusion constraint, the change-log triggers), which sits in custom migrations.
 *
 * Synced tables share three columns maintained by the database itself (see the change-log
 * migration): `version` (position of the row's last change in the server's change order),
 * `field_versions` (for each column, the version that last changed it: the basis of field-level
 * conflict detection), `field_clients` (which device's push last changed each column) and
 * `updated_at`. Columns that are never pulled (the user's password hash and feed token) are named
 * in the users trigger and change none of these: see migration 0007. Rows only their owner pulls
 * (mail settings) are filtered in server/sync/pull.ts.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  MAIL_STATUSES,
  ROLES,
  THEMES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TIME_OFF_KINDS,
  TIME_OFF_STATUSES,
} from '../sync/protocol/enums';
import { DEFAULT_CATEGORY_COLOR, DEFAULT_USER_COLOR } from '../sync/protocol/fields';

/** `'a', 'b'` for a CHECK (... in (...)) built from the same list the zod schemas use. */
const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** Postgres `xid8`: a 64-bit transaction id, read as a decimal string so no precision is lost. */
const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => 'xid8',
});

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

const syncedColumns = {
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  fieldVersions: jsonb('field_versions').$type<Record<string, number>>().notNull().default({}),
  /**
   * For each column, the sync client whose push last changed it (null: a write outside sync). A
   * device's own successive edits all carry the same baseVersion, and are not conflicts.
   */
  fieldClients: jsonb('field_clients').$type<Record<string, string | null>>().notNull().default({}),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
};

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    timezone: text('timezone').notNull().default('UTC'),
    theme: text('theme', { enum: THEMES }).notNull().default('system'),
    color: text('color').notNull().default(DEFAULT_USER_COLOR),
    active: boolean('active').notNull().default(true),
    /** Secret for the personal iCalendar feed; withheld from everyone else. */
    calendarToken: text('calendar_token'),
    ...syncedColumns,
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    check('users_role_check', sql`${t.role} in (${sqlList(ROLES)})`),
    check('users_theme_check', sql`${t.theme} in (${sqlList(THEMES)})`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 (hex) of the session token; the token itself is only ever in the cookie. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: tstz('expires_at').notNull(),
    remember: boolean('remember').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

/** Failed sign-in counters, keyed by `email:<address>` or `ip:<address>`. */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: tstz('window_started_at').notNull(),
  blockedUntil: tstz('blocked_until'),
});

export const locations = pgTable('locations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  address: text('address').notNull().default(''),
  timezone: text('timezone').notNull(),
  ...syncedColumns,
});

export const categories = pgTable('categories', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  color: text('color').notNull().default(DEFAULT_CATEGORY_COLOR),
  ...syncedColumns,
});

export const quickLinks = pgTable('quick_links', {
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  url: text('url').notNull(),
  position: integer('position').notNull().default(0),
  ...syncedColumns,
});

/**
 * A technician's shift, the half-open interval [starts_at, ends_at). The no-overlap rule is an
 * exclusion constraint added in a custom migration (Drizzle cannot express EXCLUDE).
 */
export const schedules = pgTable(
  'schedules',
  {
    id: uuid('id').primaryKey(),
    technicianId: uuid('technician_id')
      .notNull()
      .references(() => users.id),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'set null' }),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    note: text('note').notNull().default(''),
    /** Shifts made together by "repeat weekly" share it, so "this and the following ones" can find them. */
    seriesId: uuid('series_id'),
    createdBy: uuid('created_by').references(() => users.id),
    ...syncedColumns,
  },
  (t) => [
    check('schedules_positive_length', sql`${t.endsAt} > ${t.startsAt}`),
    check('schedules_at_most_24h', sql`${t.endsAt} - ${t.startsAt} <= interval '24 hours'`),
    index('schedules_technician_start_idx').on(t.technicianId, t.startsAt),
    index('schedules_series_idx').on(t.seriesId).where(sql`${t.seriesId} is not null`),
  ],
);

export const timeOff = pgTable(
  'time_off',
  {
    id: uuid('id').primaryKey(),
    technicianId: uuid('technician_id')
      .notNull()
      .references(() => users.id),
    /** Calendar dates, inclusive, read in the technician's timezone. */
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: TIME_OFF_KINDS }).notNull(),
    status: text('status', { enum: TIME_OFF_STATUSES })
      .notNull()
      .default('requested'),
    note: text('note').notNull().default(''),
    ...syncedColumns,
  },
  (t) => [
    check('time_off_dates_ordered', sql`${t.endDate} >= ${t.startDate}`),
    check('time_off_kind_check', sql`${t.kind} in (${sqlList(TIME_OFF_KINDS)})`),
    check('time_off_status_check', sql`${t.status} in (${sqlList(TIME_OFF_STATUSES)})`),
    index('time_off_technician_idx').on(t.technicianId, t.startDate),
  ],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull(),
    status: text('status', { enum: TICKET_STATUSES })
      .notNull()
      .default('open'),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' }),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id),
    archivedAt: tstz('archived_at'),
    ...syncedColumns,
  },
  (t) => [
    check('tickets_priority_check', sql`${t.priority} in (${sqlList(TICKET_PRIORITIES)})`),
    check(
      'tickets_status_check',
      sql`${t.status} in (${sqlList(TICKET_STATUSES)})`,
    ),
    index('tickets_assignee_idx').on(t.assigneeId),
  ],
);

export const ticketComments = pgTable(
  'ticket_comments',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id),
    body: text('body').notNull(),
    // When it was written on the device (the time of the action); created_at is its arrival.
    at: tstz('at').notNull().defaultNow(),
    ...syncedColumns,
  },
  (t) => [index('ticket_comments_ticket_idx').on(t.ticketId)],
);

/** One row per changed field of a ticket: who, when, from, to. Overwritten conflict values too. */
export const ticketHistory = pgTable(
  'ticket_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id),
    field: text('field').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    /** Set when this entry records a value that lost a conflict (kept so nothing is lost). */
    conflict: boolean('conflict').notNull().default(false),
    at: tstz('at').notNull().defaultNow(),
    ...syncedColumns,
  },
  (t) => [index('ticket_history_ticket_idx').on(t.ticketId)],
);

/**
 * Which notification mail a user wants, one column per kind (MAIL_KINDS). Its id is the user's id;
 * no row means every kind is on. Synced, but only to its owner (server/sync/pull.ts).
 */
export const mailSettings = pgTable('mail_settings', {
  id: uuid('id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  ticketAssigned: boolean('ticket_assigned').notNull().default(true),
  ticketStatus: boolean('ticket_status').notNull().default(true),
  ticketComment: boolean('ticket_comment').notNull().default(true),
  schedule: boolean('schedule').notNull().default(true),
  timeOff: boolean('time_off').notNull().default(true),
  ...syncedColumns,
});

/**
 * One row per technician whose schedule a transaction has checked. Pushes run at REPEATABLE READ
 * (docs/decisions/028-push-at-repeatable-read.md): every check of a technician's shifts or approved
 * time off (the server port's `schedulesOverlapping` and `timeOffOf`) first writes this row, so of
 * two concurrent transactions that check the same technician's schedule (booking a shift, approving
 * time off, changing their zone) the second fails to serialize and runs again on a snapshot that
 * shows the first. Not synced; nothing reads it.
 */
export const scheduleClaims = pgTable('schedule_claims', {
  technicianId: uuid('technician_id').primaryKey(),
  claims: bigint('claims', { mode: 'number' }).notNull().default(0),
});

/**
 * Notification mail not yet written: one row per event a push's changes warrant
 * (server/mail/outbox.ts), with what only the push knows (the event as the actor saw it, who acted,
 * the ticket's creator and assignee as the push read them). A push only inserts here and reads
 * nothing for mail; the worker resolves recipients, names, addresses and settings and turns each
 * row into `mail_outbox` rows, one per recipient, deleting it in the same transaction
 * (server/mail/write-mail.ts; docs/decisions/027-mail-written-by-the-worker.md).
 */
export const mailEvents = pgTable('mail_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Order of writing; the events one push writes share their created_at and xid. */
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  /** The pushing transaction: a comment's earlier commenters are those of earlier transactions. */
  xid: xid8('xid').notNull().default(sql`pg_current_xact_id()`),
  createdAt: tstz('created_at').notNull().defaultNow(),
  actorId: uuid('actor_id').notNull(),
  /** What happened and whom it concerns, before names and recipients are looked up (`PendingEvent`). */
  event: jsonb('event').notNull(),
  /** Where links point (APP_URL), and how long a batched mail waits, as configured for the push. */
  appUrl: text('app_url').notNull(),
  batchSeconds: integer('batch_seconds').notNull(),
});

/**
 * The transactional outbox: one row per mail, written in the same transaction as the change that
 * caused it (server/mail/outbox.ts), delivered by server/mail/worker.ts. Its id is the idempotency
 * key sent to SendGrid. `events` are the facts the mail lists. A push only ever inserts here, one
 * row per event and recipient; the worker, when the first row of a batch (same recipient and
 * `batch_key`) falls due, folds the rows written within MAIL_BATCH_SECONDS of it into that one and
 * deletes them, in the transaction that claims it (docs/decisions/025-outbox-rows-per-event.md).
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    recipientId: uuid('recipient_id').references(() => users.id, { onDelete: 'set null' }),
    toEmail: text('to_email').notNull(),
    batchKey: text('batch_key'),
    events: jsonb('events').$type<unknown[]>().notNull().default([]),
    /**
     * Whom and where the mail was written for (the recipient's name and zone, the app's address),
     * as they were then: the worker writes a batch's mail again from these when it folds the
     * batch's rows into one (server/mail/fold.ts). Null on rows written before folding existed.
     */
    renderContext: jsonb('render_context'),
    /** Order of writing; events one push writes share their created_at. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull().default(''),
    status: text('status', { enum: MAIL_STATUSES }).notNull().default('queued'),
    /** Claims so far (each one an attempt, including one a crash cut short). */
    attempts: integer('attempts').notNull().default(0),
    /** When a queued mail is next due; a claim moves it a lease ahead, so a crashed claim comes back. */
    nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    sentAt: tstz('sent_at'),
  },
  (t) => [
    check('mail_outbox_status_check', sql`${t.status} in (${sqlList(MAIL_STATUSES)})`),
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
    index('mail_outbox_batch_idx').on(t.recipientId, t.batchKey, t.createdAt, t.seq).where(sql`${t.status} = 'queued' and ${t.attempts} = 0`),
    index('mail_outbox_created_idx').on(t.createdAt),
  ],
);

/** Every delivery attempt of a mail: when, and what SendGrid (or the network) answered. */
export const mailAttempts = pgTable(
  'mail_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mailId: uuid('mail_id')
      .notNull()
      .references(() => mailOutbox.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    startedAt: tstz('started_at').notNull().defaultNow(),
    /** Null while in flight, and forever for an attempt a crash cut short. */
    finishedAt: tstz('finished_at'),
    /** sent | retry | failed; null while in flight or cut short. */
    outcome: text('outcome'),
    httpStatus: integer('http_status'),
    error: text('error'),
  },
  (t) => [uniqueIndex('mail_attempts_mail_number_key').on(t.mailId, t.number)],
);

/** One row per device database: the last mutation id the server processed for it. */
export const syncClients = pgTable('sync_clients', {
  clientId: uuid('client_id').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
  /** The server epoch this client's mutation ids belong to; another epoch means reset_required. */
  epoch: text('epoch').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
  lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
});

/** The stored result of each processed mutation, so a retried push is answered without re-running. */
export const syncMutations = pgTable(
  'sync_mutations',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => syncClients.clientId, { onDelete: 'cascade' }),
    mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    result: jsonb('result').notNull(),
    /** The transaction that processed it: a pull reports it as processed only once below the horizon. */
    xid: xid8('xid').notNull().default(sql`pg_current_xact_id()`),
    processedAt: tstz('processed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.mutationId] })],
);

/** Hands out change numbers: every synced row's `version` and the change log's `seq`. */
export const changeSeq = pgSequence('change_seq');

/**
 * The change log behind pull: one row per synced row (its latest change, a put or a tombstone),
 * ordered by (xid, seq). Written only by triggers. See docs/decisions/003-pull-cursor.md.
 */
export const changeLog = pgTable(
  'change_log',
  {
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    op: text('op', { enum: ['put', 'del'] }).notNull(),
    xid: xid8('xid').notNull().default(sql`pg_current_xact_id()`),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    changedAt: tstz('changed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.entityId] }),
    index('change_log_xid_seq_idx').on(t.xid, t.seq),
  ],
);

/**
 * Every value that lost a field-level conflict (last writer wins by arrival), for any entity, so
 * nothing a user typed is ever lost. Tickets also show theirs in the ticket's history.
 */
export const syncConflicts = pgTable(
  'sync_conflicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    field: text('field').notNull(),
    /** The value that was overwritten. */
    overwritten: jsonb('overwritten'),
    /** The value that won. */
    winner: jsonb('winner'),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    clientId: uuid('client_id').notNull(),
    mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('sync_conflicts_entity_idx').on(t.entity, t.entityId)],
);

/** Small key/value facts about this server's data, such as its sync epoch. */
export const serverMeta = pgTable('server_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

