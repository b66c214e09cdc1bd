import { and, eq, ne, sql } from 'drizzle-orm';
import { sessions, users } from '../../drizzle/schema';
import { queryRows, type Db } from '../db/database';
import { SESSION_END_CHANNEL } from '../sync/live-hub';
import { generateSessionToken, sessionIdFromToken } from './session-token';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "Remember me": 30 days, renewed when half is used up. Otherwise: 12 hours of idleness. */
export const REMEMBER_LIFETIME = 30 * DAY;
export const IDLE_LIFETIME = 12 * HOUR;

export type SessionRow = typeof sessions.$inferSelect;
export type UserRow = typeof users.$inferSelect;

export interface ValidSession {
  session: SessionRow;
  user: UserRow;
  /** True when the expiry moved, so the cookie should be sent again. */
  renewed: boolean;
}

export function lifetimeOf(remember: boolean): number {
  return remember ? REMEMBER_LIFETIME : IDLE_LIFETIME;
}

export async function createSession(
  db: Db,
  userId: string,
  remember: boolean,
  now = new Date(),
): Promise<{ token: string; session: SessionRow }> {
  const token = generateSessionToken();
  const [session] = await db
    .insert(sessions)
    .values({ id: sessionIdFromToken(token), userId, remember, expiresAt: new Date(now.getTime() + lifetimeOf(remember)) })
    .returning();
  if (!session) throw new Error('session insert returned nothing');
  return { token, session };
}

/**
 * Looks the token up and slides its expiry. Remembered sessions renew when less than half their
 * lifetime is left; idle-expiry sessions renew at most once a minute, which bounds the writes.
 */
export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<ValidSession | null> {
  const id = sessionIdFromToken(token);
  const [found] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!found) return null;
  const { session, user } = found;
  if (session.expiresAt.getTime() <= now.getTime() || !user.active) {
    // Its event streams end too, on every server process (see purgeExpiredSessions).
    await db.execute(
      sql`with gone as (delete from sessions where id = ${id} returning id)
          select pg_notify(${SESSION_END_CHANNEL}, json_build_object('sessionId', id)::text) from gone`,
    );
    return null;
  }
  const lifetime = lifetimeOf(session.remember);
  const left = session.expiresAt.getTime() - now.getTime();
  const renewAt = session.remember ? lifetime / 2 : lifetime - MINUTE;
  if (left >= renewAt) return { session, user, renewed: false };
  const expiresAt = new Date(now.getTime() + lifetime);
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
  return { session: { ...session, expiresAt }, user, renewed: true };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, except optionally the one making the request. */
export async function invalidateUserSessions(db: Db, userId: string, exceptSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
}

/**
 * Deletes sessions past their expiry. Validation deletes an expired session when its cookie comes
 * back, but a device that never returns would leave its row for good. Returns how many went.
 */
export async function purgeExpiredSessions(db: Db): Promise<number> {
  // An event stream lives no longer than its session (live-hub.ts): every server process closes the
  // streams of the sessions purged here, as it does after a logout.
  const gone = await queryRows<{ id: string }>(
    db,
    sql`with gone as (delete from sessions where expires_at <= now() returning id)
        select id, pg_notify(${SESSION_END_CHANNEL}, json_build_object('sessionId', id)::text) from gone`,
  );
  return gone.length;
}
