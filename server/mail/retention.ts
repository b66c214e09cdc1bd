import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database';

/*
 * The outbox would otherwise grow by every mail ever written. Mail that is done with — sent, or
 * failed for good — is forgotten MAIL_KEEP_DAYS after it was sent (or written, for a failure), with
 * its attempt history (cascade). Queued mail is never purged, however old: it has not gone out yet.
 */

/** Deletes finished mail older than `keepDays` (0: keep everything); answers how many went. */
export async function purgeOldMail(db: Db, keepDays: number): Promise<number> {
  if (keepDays <= 0) return 0;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with gone as (
          delete from mail_outbox
           where (status = 'sent' and sent_at < now() - make_interval(days => ${keepDays}))
              or (status = 'failed' and created_at < now() - make_interval(days => ${keepDays}))
          returning 1)
        select count(*)::int as n from gone`,
  );
  return row?.n ?? 0;
}
