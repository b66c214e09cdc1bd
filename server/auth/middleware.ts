import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { ApiError } from '../http/api-error';
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie';
import { validateSessionToken, type UserRow } from './sessions';

/** Resolves the session cookie (if any) into `c.var.auth`, sliding its expiry. */
export function loadSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readSessionCookie(c);
    c.set('auth', null);
    if (token) {
      const valid = await validateSessionToken(deps.database.db, token);
      if (valid) {
        c.set('auth', { session: valid.session, user: valid.user });
        if (valid.renewed) writeSessionCookie(c, token, valid.session, deps.config.secureCookies);
      } else {
        clearSessionCookie(c, deps.config.secureCookies);
      }
    }
    await next();
  };
}

export function requireUser(c: Context<AppEnv>): { user: UserRow; sessionId: string } {
  const auth = c.get('auth');
  if (!auth) throw new ApiError(401, 'unauthenticated', 'Please sign in.');
  return { user: auth.user, sessionId: auth.session.id };
}

export function requireAdmin(c: Context<AppEnv>): { user: UserRow; sessionId: string } {
  const signedIn = requireUser(c);
  if (signedIn.user.role !== 'admin') throw new ApiError(403, 'forbidden', 'Only an administrator may do this.');
  return signedIn;
}
