import { Hono } from 'hono';
import { eq, sql } from 'drizzle-orm';
import { users } from '../../drizzle/schema';
import { changePasswordRequestSchema, loginRequestSchema } from '../../sync/protocol/auth';
import type { AppDeps, AppEnv } from '../app-env';
import { ApiError } from '../http/api-error';
import { parseBody } from '../http/parse-body';
import { toUserDto } from '../users/user-dto';
import { requireUser } from './middleware';
import { hashPassword, verifyAgainstNobody, verifyPassword } from './password';
import { clearSessionCookie, writeSessionCookie } from './session-cookie';
import { endSession, endUserSessions } from './end-sessions';
import { createSession } from './sessions';
import { ADDRESS_RULE, EMAIL_RULE, PASSWORD_CHANGE_RULE, clearAttempts, takeAttempt, tooManyAttempts } from './throttle';

export function authRoutes(deps: AppDeps) {
  const { db } = deps.database;
  const secure = deps.config.secureCookies;

  return new Hono<AppEnv>()
    .post('/login', async (c) => {
      const body = await parseBody(c, loginRequestSchema);
      const emailKey = `email:${body.email}`;
      const addressKey = `ip:${c.get('clientAddress')}`;
      const emailWait = await takeAttempt(db, emailKey, EMAIL_RULE);
      if (emailWait !== null) throw tooManyAttempts(emailWait, 'sign-ins');
      const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${body.email}`);
      const ok = user ? await verifyPassword(user.passwordHash, body.password) : await verifyAgainstNobody(body.password);
      if (!user || !ok || !user.active) {
        const addressWait = await takeAttempt(db, addressKey, ADDRESS_RULE);
        if (addressWait !== null) throw tooManyAttempts(addressWait, 'sign-ins');
        throw new ApiError(401, 'invalid_credentials', 'The email or password is not right.');
      }
      await clearAttempts(db, emailKey);
      const { token, session } = await createSession(db, user.id, body.remember ?? false);
      writeSessionCookie(c, token, session, secure);
      return c.json({ user: toUserDto(user) });
    })
    .post('/logout', async (c) => {
      const auth = c.get('auth');
      if (auth) await endSession(deps, auth.session.id);
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
      const attemptsKey = `password:${user.id}`;
      const wait = await takeAttempt(db, attemptsKey, PASSWORD_CHANGE_RULE);
      if (wait !== null) throw tooManyAttempts(wait, 'password changes');
      if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
        throw new ApiError(400, 'wrong_password', 'The current password is not right.');
      }
      await clearAttempts(db, attemptsKey);
      await db.update(users).set({ passwordHash: await hashPassword(body.newPassword) }).where(eq(users.id, user.id));
      await endUserSessions(deps, user.id, sessionId);
      return c.body(null, 204);
    });
}
