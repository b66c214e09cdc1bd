import { z } from 'zod';
import { MAIL_STATUSES } from './enums';

/**
 * `GET /api/admin/mail?status=…` (api.md, "Mail (admin)"), newest first, one page at a time:
 * `before` is the id of the last mail of the previous page.
 */
export const mailListQuerySchema = z.strictObject({ status: z.enum(MAIL_STATUSES).optional(), before: z.uuid('must be a mail id').optional() });

/** Mails per page of the admin list. */
export const MAIL_PAGE_SIZE = 100;

/** One outbox mail in the admin list. `kind`: a MAIL_KINDS value, or `ticketActivity` for a mixed batch. */
export const mailSummarySchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  to: z.string(),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

/**
 * The list, plus whether this server delivers mail at all (no SENDGRID_API_KEY: `off`, and every
 * mail stays queued, shown at /dev/mail).
 */
export const mailListSchema = z.object({
  mails: z.array(mailSummarySchema),
  delivery: z.enum(['sendgrid', 'off']),
  /** Older mail (with this filter) follows: ask again with `before` = the last mail's id. */
  hasMore: z.boolean(),
});

export const mailAttemptSchema = z.object({
  number: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** sent | retry | failed; null: in flight, or cut short by a crash. */
  outcome: z.enum(['sent', 'retry', 'failed']).nullable(),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
});

/** `GET /api/admin/mail/<id>`: one mail with its content, when it is next due and every attempt. */
export const mailDetailSchema = z.object({
  mail: mailSummarySchema.extend({
    text: z.string(),
    html: z.string(),
    nextAttemptAt: z.string(),
    attemptHistory: z.array(mailAttemptSchema),
  }),
});

export type MailSummary = z.infer<typeof mailSummarySchema>;
export type MailList = z.infer<typeof mailListSchema>;
export type MailAttempt = z.infer<typeof mailAttemptSchema>;
export type MailDetail = z.infer<typeof mailDetailSchema>['mail'];
