import { inArray, sql } from 'drizzle-orm';
import { mailOutbox } from '../../drizzle/schema';
import { queryRows, type Db } from '../db/database';
import { kindOfMail } from './domain/mail-event';
import { foldBatch } from './domain/fold';
import { renderMail } from './domain/render';

/*
 * Folding a batch, in the transaction that claims its first row (server/mail/worker.ts). The rows
 * the batch gathered — same recipient and batch key, never claimed, written after the first one and
 * before it fell due, i.e. within MAIL_BATCH_SECONDS of it, as an open batch row used to gather them —
 * become one mail in the first row, and go. Folding and claiming commit together: a crash before
 * the commit leaves every row as it was, one after it leaves one claimed mail holding every event,
 * sent at least once under its id as any mail is. Each event is in exactly one row at any moment.
 *
 * A row another worker holds (it claimed it as due, or is folding it into its own batch) is
 * skipped, and is sent as a mail of its own: never twice, never lost. A row whose push commits only
 * after the batch was folded is likewise a mail of its own, as it was when it missed the open row.
 */

/**
 * Whether outbox row `m` is one that the first row of its batch, still waiting, will gather: such a
 * row is never claimed by itself. Otherwise a second process could claim the later rows of a batch
 * while the first process is folding it, and the batch would go out as two mails.
 */
export const belongsToAnEarlierRow = sql`m.attempts = 0 and m.batch_key is not null and exists (
  select 1 from mail_outbox f
   where f.recipient_id = m.recipient_id and f.batch_key = m.batch_key
     and f.status = 'queued' and f.attempts = 0
     and (f.created_at, f.seq) < (m.created_at, m.seq)
     and m.created_at < f.next_attempt_at)`;

interface Part extends Record<string, unknown> {
  id: string;
  events: unknown;
  render_context: unknown;
}

/** A due row as the claim reads it: with what folding needs, so the first row is read once. */
export interface DueRow extends Part {
  recipient_id: string | null;
  batch_key: string | null;
  attempts: number;
}

/**
 * Folds into `first` the rows of its batch, if any; answers the ids folded away (deleted). Only a
 * row never claimed gathers a batch: one that was claimed before may already have gone out as it is.
 */
export async function foldInto(tx: Db, first: DueRow): Promise<string[]> {
  if (first.attempts !== 0 || first.batch_key === null || first.recipient_id === null) return [];
  // Compared in the database, at its full precision; this transaction's own locks do not skip rows.
  const members = await queryRows<Part>(
    tx,
    sql`select m.id, m.events, m.render_context
          from mail_outbox m, mail_outbox f
         where f.id = ${first.id}
           and m.recipient_id = f.recipient_id and m.batch_key = f.batch_key
           and m.status = 'queued' and m.attempts = 0 and m.id <> f.id
           and (m.created_at, m.seq) > (f.created_at, f.seq)
           and m.created_at < f.next_attempt_at
         order by m.created_at, m.seq
         for update of m skip locked`,
  );
  if (members.length === 0) return [];
  const folded = foldBatch([first, ...members].map((p) => ({ events: p.events, renderContext: p.render_context })));
  if (!folded) return [];
  const mail = renderMail(folded.context, folded.events, folded.context.appUrl);
  const gone = members.map((m) => m.id);
  await tx
    .update(mailOutbox)
    .set({ events: folded.events, renderContext: folded.context, kind: kindOfMail(folded.events), subject: mail.subject, textBody: mail.text, htmlBody: mail.html })
    .where(sql`${mailOutbox.id} = ${first.id}`);
  await tx.delete(mailOutbox).where(inArray(mailOutbox.id, gone));
  return gone;
}
