import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { REMEMBER_LIFETIME, type SessionRow } from './sessions';

export const SESSION_COOKIE = 'session';

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/**
 * Remembered sessions get a persistent cookie; the others a browser-session cookie (no Max-Age),
 * gone when the browser closes, on top of their 12-hour idle expiry on the server.
 */
export function writeSessionCookie(c: Context, token: string, session: SessionRow, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure,
    ...(session.remember ? { maxAge: Math.floor(REMEMBER_LIFETIME / 1000) } : {}),
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
}
