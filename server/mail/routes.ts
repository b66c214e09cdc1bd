import { Hono } from 'hono';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { mailAttempts, mailOutbox } from '../../drizzle/schema';
import { MAIL_PAGE_SIZE, mailListQuerySchema, type MailAttempt, type MailDetail, type MailList, type MailSummary } from '../../sync/protocol/mail';
import type { AppDeps, AppEnv } from '../app-env';
import { requireAdmin } from '../auth/middleware';
import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import { parseQuery } from '../http/parse-body';
import { writeWaitingMail } from './write-mail';

/*
 * The outbox for admins (api.md, "Mail (admin)"): what was sent, what waits, what failed and why,
 * and a retry for failed mail. Read-only apart from the retry; mail is written only by the push
 * that causes it. Online only.
 */

type OutboxRow = typeof mailOutbox.$inferSelect;

const summary = (r: OutboxRow): MailSummary => ({
  id: r.id,
  kind: r.kind,
  to: r.toEmail,
  subject: r.subject,
  status: r.status,
  attempts: r.attempts,
  lastError: r.lastError,
  createdAt: r.createdAt.toISOString(),
  sentAt: r.sentAt?.toISOString() ?? null,
});

async function findMail(db: Db, id: string): Promise<OutboxRow> {
  const [row] = z.uuid().safeParse(id).success ? await db.select().from(mailOutbox).where(eq(mailOutbox.id, id)) : [];
  if (!row) throw new ApiError(404, 'not_found', 'There is no such mail in the outbox.');
  return row;
}

export function mailRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const delivery = deps.config.sendgridApiKey ? 'sendgrid' : 'off';

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      requireAdmin(c);
      const { status, before } = parseQuery(c, mailListQuerySchema);
      // What pushes left as events is shown as the mails it becomes.
      await writeWaitingMail(db);
      if (before) await findMail(db, before);
      // Newest first, a page at a time: an outbox of months need not come down in one answer, and
      // none of it is out of reach. Keyset paging compares in the database, at its full precision.
      const rows = await db
        .select()
        .from(mailOutbox)
        .where(
          and(
            status ? eq(mailOutbox.status, status) : undefined,
            before ? sql`(${mailOutbox.createdAt}, ${mailOutbox.id}) < (select created_at, id from mail_outbox where id = ${before})` : undefined,
          ),
        )
        .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
        .limit(MAIL_PAGE_SIZE + 1);
      const body: MailList = { mails: rows.slice(0, MAIL_PAGE_SIZE).map(summary), delivery, hasMore: rows.length > MAIL_PAGE_SIZE };
      return c.json(body);
    })
    .get('/:id', async (c) => {
      requireAdmin(c);
      await writeWaitingMail(db);
      const row = await findMail(db, c.req.param('id'));
      const attempts = await db.select().from(mailAttempts).where(eq(mailAttempts.mailId, row.id)).orderBy(asc(mailAttempts.number));
      const attemptHistory: MailAttempt[] = attempts.map((a) => ({
        number: a.number,
        startedAt: a.startedAt.toISOString(),
        finishedAt: a.finishedAt?.toISOString() ?? null,
        outcome: a.outcome === 'sent' || a.outcome === 'retry' || a.outcome === 'failed' ? a.outcome : null,
        httpStatus: a.httpStatus,
        error: a.error,
      }));
      const mail: MailDetail = { ...summary(row), text: row.textBody, html: row.htmlBody, nextAttemptAt: row.nextAttemptAt.toISOString(), attemptHistory };
      return c.json({ mail });
    })
    .post('/:id/retry', async (c) => {
      requireAdmin(c);
      const row = await findMail(db, c.req.param('id'));
      const [queued] = await db
        .update(mailOutbox)
        .set({ status: 'queued', nextAttemptAt: sql`now()` })
        .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.status, 'failed')))
        .returning({ id: mailOutbox.id });
      if (!queued) throw new ApiError(409, 'not_failed', `Only a failed mail can be retried; this one is ${row.status}.`);
      return c.body(null, 204);
    });
}
