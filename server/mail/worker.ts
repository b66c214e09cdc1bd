import { and, eq, sql } from 'drizzle-orm';
import { mailAttempts, mailOutbox } from '../../drizzle/schema';
import { backoffDelay } from '../../sync/domain/backoff';
import { queryRows, type Db } from '../db/database';
import { belongsToAnEarlierRow, foldInto, type DueRow } from './fold';
import type { MailTransport, SendOutcome } from './sendgrid';
import { writeWaitingMail } from './write-mail';

/*
 * The delivery worker: a small loop in every server process (not a job-queue library, because it
 * must run on PGlite too). Each round it claims due mails with FOR UPDATE SKIP LOCKED — several
 * processes never claim the same one — and a claim moves the mail's due time one lease ahead before
 * anything is sent. So a process that dies after claiming leaves the mail to be claimed again once
 * the lease is over: delivered at least once, and SendGrid gets the outbox id in custom_args each
 * time, so a duplicate can be recognised. A batch's rows are folded into one mail by the claim of
 * its first row, in the same transaction (server/mail/fold.ts). The result is written only by the
 * claim that holds it (same attempt number), so a late answer never overwrites a newer claim.
 */

export interface WorkerOptions {
  transport: MailTransport;
  /** How long a claim holds a mail (MAIL_CLAIM_SECONDS); sends time out well within it. */
  claimMs: number;
  /** How often to look for due mail when the last round found none. */
  pollMs?: number;
  /** Mails claimed (and sent side by side) per round. */
  batchSize?: number;
  /** Retry delays: exponential from `retryBaseMs`, capped at `retryMaxMs`, with jitter. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  random?: () => number;
  /** Called after a claim commits, before sending (tests stop a process exactly there). */
  onClaimed?: (ids: string[]) => void | Promise<void>;
  /** Called inside the claim's transaction once it holds the due rows, before folding (tests race it there). */
  beforeFolding?: (ids: string[]) => void | Promise<void>;
  /** Called inside the claim's transaction, after folding, before it commits (tests fail it there). */
  beforeClaimCommits?: (ids: string[]) => void | Promise<void>;
}

/** Why a mail queued for someone who has since been deactivated is never sent. */
export const NOT_SENT_INACTIVE = 'Not sent: the recipient’s account was deactivated after this mail was written.';

interface Claimed extends Record<string, unknown> {
  id: string;
  /** The recipient's address as it is now (their account's, when the mail has a recipient). */
  to_email: string;
  /** False when the recipient's account was deactivated after the mail was written; null: no account. */
  recipient_active: boolean | null;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

export class MailWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly pollMs: number;
  private readonly batchSize: number;

  constructor(
    private readonly db: Db,
    private readonly options: WorkerOptions,
  ) {
    this.pollMs = options.pollMs ?? 1_000;
    this.batchSize = options.batchSize ?? 5;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops claiming; resolves once the sends in flight have finished and been recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.round()
        .catch((error: unknown) => {
          console.error('Mail delivery round failed:', error);
          return 0;
        })
        .then((handled) => {
          this.running = undefined;
          // A full round suggests more is due: go again at once.
          this.schedule(handled >= this.batchSize ? 0 : this.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** Claims and sends one round of due mail; answers how many mails it handled. */
  async round(): Promise<number> {
    // Mail a push left as events is written first (server/mail/write-mail.ts), so a batch is whole
    // before its first row can be claimed.
    // A failure there must not stop the sending of mail already written: it is logged, and the
    // events stay for the next round.
    await writeWaitingMail(this.db).catch((error: unknown) => console.error('Writing waiting mail failed:', error));
    const claimed = await this.claim();
    if (claimed.length === 0) return 0;
    await this.options.onClaimed?.(claimed.map((m) => m.id));
    // Every send finishes and is recorded before the round ends (stop() waits for the round), even
    // when recording one of them fails.
    const outcomes = await Promise.allSettled(claimed.map((mail) => this.deliver(mail)));
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure) throw failure.reason;
    return claimed.length;
  }

  /** Runs rounds until nothing is due (tests, and draining by hand). */
  async drain(): Promise<void> {
    while ((await this.round()) > 0);
  }

  private async claim(): Promise<Claimed[]> {
    return this.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const due = await queryRows<DueRow>(
        tx,
        sql`select id, recipient_id, batch_key, attempts, events, render_context from mail_outbox m
             where status = 'queued' and next_attempt_at <= now()
               and not (${belongsToAnEarlierRow})
             order by next_attempt_at, created_at, seq
             limit ${this.batchSize}
             for update skip locked`,
      );
      // A batch's first row gathers the rest of its batch before it is claimed (server/mail/fold.ts);
      // a row gathered into an earlier one of this round is no longer a mail of its own.
      await this.options.beforeFolding?.(due.map((r) => r.id));
      const gone = new Set<string>();
      for (const row of due) if (!gone.has(row.id)) for (const id of await foldInto(tx, row)) gone.add(id);
      const ids = due.map((r) => r.id).filter((id) => !gone.has(id));
      if (ids.length === 0) return [];
      const rows = await queryRows<Claimed>(
        tx,
        // The address is read again at each claim: mail queued before a user's address changed goes
        // to the new one, never to an address that may by now belong to someone else.
        sql`update mail_outbox m
               set attempts = attempts + 1,
                   next_attempt_at = now() + make_interval(secs => ${this.options.claimMs / 1000}),
                   to_email = coalesce((select u.email from users u where u.id = m.recipient_id), m.to_email)
             where id in (${sql.join(
               ids.map((id) => sql`${id}`),
               sql`, `,
             )})
         returning id, to_email, subject, text_body, html_body, attempts,
                   (select u.active from users u where u.id = m.recipient_id) as recipient_active`,
      );
      if (rows.length) await tx.insert(mailAttempts).values(rows.map((r) => ({ mailId: r.id, number: r.attempts })));
      await this.options.beforeClaimCommits?.(rows.map((r) => r.id));
      return rows;
    });
  }

  private async deliver(mail: Claimed): Promise<void> {
    if (mail.recipient_active === false) {
      // Someone who can no longer sign in must not keep getting the team's tickets and schedules.
      await this.record(mail, { kind: 'failed', status: null, error: NOT_SENT_INACTIVE });
      return;
    }
    const outcome = await this.options.transport.send({ id: mail.id, to: mail.to_email, subject: mail.subject, text: mail.text_body, html: mail.html_body });
    await this.record(mail, outcome);
  }

  private retryDelayMs(attempt: number, outcome: Extract<SendOutcome, { kind: 'retry' }>): number {
    const delay = backoffDelay(attempt - 1, this.options.random, this.options.retryBaseMs ?? 30_000, this.options.retryMaxMs ?? 60 * 60_000);
    // Retry-After is honoured up to the longest delay we would choose ourselves: a huge value (or one
    // beyond what an interval holds) must neither park the mail for years nor fail the recording.
    const max = this.options.retryMaxMs ?? 60 * 60_000;
    return Math.min(max, Math.max(delay, outcome.retryAfterMs ?? 0));
  }

  private async record(mail: Claimed, outcome: SendOutcome): Promise<void> {
    const mine = and(eq(mailOutbox.id, mail.id), eq(mailOutbox.attempts, mail.attempts));
    await this.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await tx
        .update(mailAttempts)
        .set({
          finishedAt: sql`now()`,
          outcome: outcome.kind,
          httpStatus: outcome.status,
          error: outcome.kind === 'sent' ? null : outcome.error,
        })
        .where(and(eq(mailAttempts.mailId, mail.id), eq(mailAttempts.number, mail.attempts)));
      if (outcome.kind === 'sent') {
        await tx.update(mailOutbox).set({ status: 'sent', sentAt: sql`now()` }).where(mine);
      } else if (outcome.kind === 'failed') {
        await tx.update(mailOutbox).set({ status: 'failed', lastError: outcome.error }).where(mine);
      } else {
        const ms = this.retryDelayMs(mail.attempts, outcome);
        await tx
          .update(mailOutbox)
          .set({ lastError: outcome.error, nextAttemptAt: sql`now() + make_interval(secs => ${ms / 1000})` })
          .where(mine);
      }
    });
  }
}
