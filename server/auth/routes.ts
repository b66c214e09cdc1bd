import { Hono } from 'hono';
import { eq, sql } from 'drizzle-orm';
import { users } from '../../drizzle/schema';
import { changePasswordRequestSchema, loginRequestSchema } from '../../sync/protocol/auth';
import type { AppDeps, AppEnv } from '../app-env';
import { ApiError } from '../http/api-error';
import { parseBody } from '../http/parse-body';
import { toUserDto } from '../users/user-dto';
import { ADDRESS_RULE, EMAIL_RULE, blockedFor, clearFailures, recordFailure } from './login-throttle';
import { requireUser } from './middleware';
import { hashPassword, verifyAgainstNobody, verifyPassword } from './password';
import { clearSessionCookie, writeSessionCookie } from './session-cookie';
import { createSession, invalidateSession, invalidateUserSessions } from './sessions';

export function authRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const secure = deps.config.secureCookies;

  return new Hono<AppEnv>()
    .post('/login', async (c) => {
      const body = await parseBody(c, loginRequestSchema);
      const emailKey = `email:${body.email}`;
      const addressKey = `ip:${c.get('clientAddress')}`;
      const wait = await blockedFor(db, [emailKey, addressKey]);
      if (wait !== null) {
        throw new ApiError(
          429,
          'too_many_attempts',
          `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).`,
          { retryAfter: wait },
          { 'Retry-After': String(wait) },
        );
      }
      const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${body.email}`);
      const ok = user ? await verifyPassword(user.passwordHash, body.password) : await verifyAgainstNobody(body.password);
      if (!user || !ok || !user.active) {
        await recordFailure(db, emailKey, EMAIL_RULE);
        await recordFailure(db, addressKey, ADDRESS_RULE);
        throw new ApiError(401, 'invalid_credentials', 'The email or password is not right.');
      }
      await clearFailures(db, emailKey);
      const { token, session } = await createSession(db, user.id, body.remember ?? false);
      writeSessionCookie(c, token, session, secure);
      return c.json({ user: toUserDto(user) });
    })
    .post('/logout', async (c) => {
      const auth = c.get('auth');
      if (auth) await invalidateSession(db, auth.session.id);
      clearSessionCookie(c, secure);
      return c.body(null, 204);
    })
    .get('/me', (c) => {
      const { user } = requireUser(c);
      return c.json({ user: toUserDto(user) });
    })
    .post('/password', async (c) => {
      const { user, sessionId } = requireUser(c);
      const body = await parseBody(c, changePasswordRequestSchema);
      if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
        throw new ApiError(400, 'wrong_password', 'The current password is not right.');
      }
      await db.update(users).set({ passwordHash: await hashPassword(body.newPassword) }).where(eq(users.id, user.id));
      await invalidateUserSessions(db, user.id, sessionId);
      return c.body(null, 204);
    });
}
