import { eq, sql } from 'drizzle-orm';
import { authThrottle } from '../../drizzle/schema';
import { queryRows, type Db } from '../db/database';
import { ApiError } from '../http/api-error';

/**
 * Password guesses are counted in the database, per key (`email:…`, `ip:…`, `password:<userId>`),
 * so every server process sees the same counts. Past the limit within the window, the key is
 * blocked for a while. Times come from the database's clock, so processes whose clocks disagree
 * still agree on the counts. See docs/decisions/007-login-throttle.md.
 */
export interface ThrottleRule {
  /** Attempts allowed per window; at least 1. */
  limit: number;
  windowMs: number;
  blockMs: number;
}

export const EMAIL_RULE: ThrottleRule = { limit: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { limit: 30, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
/** Someone holding a signed-in tablet gets no more guesses at its password than at the sign-in form. */
export const PASSWORD_CHANGE_RULE: ThrottleRule = EMAIL_RULE;

const RULES = [EMAIL_RULE, ADDRESS_RULE, PASSWORD_CHANGE_RULE];

const interval = (ms: number) => sql`(${ms}::int * interval '1 millisecond')`;

/**
 * Counts one attempt against `key` and returns the seconds the caller must wait, or null when the
 * attempt may go ahead. It is one statement: simultaneous attempts queue on the row's lock, so
 * however many arrive at once, at most `rule.limit` per window are let through. Callers count
 * before they check a password, not after, or parallel guesses would all pass a check made before
 * any of them was counted. The attempt past the limit starts the block; attempts during a block are
 * not counted, so they cannot stretch it, and the first attempt after it starts a new window.
 */
export async function takeAttempt(db: Db, key: string, rule: ThrottleRule): Promise<number | null> {
  const blocked = sql`t.blocked_until > now()`;
  const inWindow = sql`(t.window_started_at > now() - ${interval(rule.windowMs)} and t.blocked_until is null)`;
  const [row] = await queryRows<{ wait: number | null }>(
    db,
    sql`
      insert into auth_throttle as t (key, failures, window_started_at, blocked_until)
      values (${key}, 1, now(), null)
      on conflict (key) do update set
        failures = case when ${blocked} then t.failures when ${inWindow} then t.failures + 1 else 1 end,
        window_started_at = case when ${blocked} or ${inWindow} then t.window_started_at else now() end,
        blocked_until = case
          when ${blocked} then t.blocked_until
          when ${inWindow} and t.failures + 1 > ${rule.limit}::int then now() + ${interval(rule.blockMs)}
          else null
        end
      returning ceil(extract(epoch from t.blocked_until - now()))::int as wait`,
  );
  return row?.wait ?? null;
}

/** Forgets a key's attempts: its owner has just proved they know the password. */
export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}

/** `429 too_many_attempts` telling the client how long to wait. */
export function tooManyAttempts(waitSeconds: number, what: string): ApiError {
  return new ApiError(
    429,
    'too_many_attempts',
    `Too many failed ${what}. Try again in ${Math.ceil(waitSeconds / 60)} minute(s).`,
    { retryAfter: waitSeconds },
    { 'Retry-After': String(waitSeconds) },
  );
}

/**
 * Deletes the rows whose window and block have both ended: they no longer change any answer, and
 * without this every mistyped or made-up email would stay in the table for good. Returns how many.
 */
export async function purgeStaleThrottle(db: Db): Promise<number> {
  const longestWindow = Math.max(...RULES.map((r) => r.windowMs));
  const rows = await queryRows<{ key: string }>(
    db,
    sql`delete from auth_throttle
        where window_started_at <= now() - ${interval(longestWindow)}
          and (blocked_until is null or blocked_until <= now())
        returning key`,
  );
  return rows.length;
}
