import { eq, inArray, sql } from 'drizzle-orm';
import { authThrottle } from '../../drizzle/schema';
import type { Db } from '../db/database';

/**
 * Failed sign-ins are counted per email and per client address in the database, so every server
 * process sees the same counts. Past the limit within the window, that key is blocked for a while.
 */
export interface ThrottleRule {
  limit: number;
  windowMs: number;
  blockMs: number;
}

export const EMAIL_RULE: ThrottleRule = { limit: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { limit: 30, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };

/** Seconds until every given key is free again, or null when none is blocked. */
export async function blockedFor(db: Db, keys: string[], now = new Date()): Promise<number | null> {
  const rows = await db
    .select({ blockedUntil: authThrottle.blockedUntil })
    .from(authThrottle)
    .where(inArray(authThrottle.key, keys));
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : null;
}

export async function recordFailure(db: Db, key: string, rule: ThrottleRule, now = new Date()): Promise<void> {
  const blockedUntil = new Date(now.getTime() + rule.blockMs);
  // Raw SQL parameters are sent as text with explicit casts: drivers disagree on serialising Dates.
  const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const inWindow = sql`${authThrottle.windowStartedAt} >= ${at(new Date(now.getTime() - rule.windowMs))}`;
  const failures = sql`case when ${inWindow} then ${authThrottle.failures} + 1 else 1 end`;
  await db
    .insert(authThrottle)
    .values({ key, failures: 1, windowStartedAt: now, blockedUntil: rule.limit <= 1 ? blockedUntil : null })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures,
        windowStartedAt: sql`case when ${inWindow} then ${authThrottle.windowStartedAt} else ${at(now)} end`,
        blockedUntil: sql`case when ${failures} >= ${rule.limit} then ${at(blockedUntil)} else ${authThrottle.blockedUntil} end`,
      },
    });
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}
