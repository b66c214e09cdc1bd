import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../../../drizzle/schema';
import { createSession, IDLE_LIFETIME, REMEMBER_LIFETIME, validateSessionToken } from '../../../../server/auth/sessions';
import { drivers } from '../../../support/test-database';
import { PASSWORD, useTestApp } from '../../../support/test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(drivers)('sessions on %s', (driver) => {
  const t = useTestApp(driver);
  let userId: string;
  beforeAll(async () => {
    userId = await t.createUser('sam@example.com');
  });

  it('ends an idle browser session after 12 hours without use, and slides while used', async () => {
    const start = new Date('2026-03-08T08:00:00Z');
    const { token } = await createSession(t.database.db, userId, false, start);
    const later = new Date(start.getTime() + 11 * HOUR);
    const used = await validateSessionToken(t.database.db, token, later);
    expect(used?.renewed).toBe(true);
    expect(used?.session.expiresAt.getTime()).toBe(later.getTime() + IDLE_LIFETIME);
    // 20 hours after sign-in but only 9 after last use: still valid.
    expect(await validateSessionToken(t.database.db, token, new Date(start.getTime() + 20 * HOUR))).not.toBeNull();
    // More than 12 hours after its last use: gone, and removed from the database.
    expect(await validateSessionToken(t.database.db, token, new Date(start.getTime() + 40 * HOUR))).toBeNull();
    expect(await validateSessionToken(t.database.db, token, new Date(start.getTime() + 21 * HOUR))).toBeNull();
  });

  it('keeps a remembered session 30 days and renews it once half is used', async () => {
    const start = new Date('2026-03-08T08:00:00Z');
    const { token, session } = await createSession(t.database.db, userId, true, start);
    expect(session.expiresAt.getTime() - start.getTime()).toBe(REMEMBER_LIFETIME);
    const early = await validateSessionToken(t.database.db, token, new Date(start.getTime() + 5 * DAY));
    expect(early?.renewed).toBe(false);
    const late = await validateSessionToken(t.database.db, token, new Date(start.getTime() + 20 * DAY));
    expect(late?.renewed).toBe(true);
    expect(late?.session.expiresAt.getTime()).toBe(start.getTime() + 50 * DAY);
    expect(await validateSessionToken(t.database.db, token, new Date(start.getTime() + 51 * DAY))).toBeNull();
  });

  it('survives in the database, so a server restart keeps people signed in', async () => {
    const c = t.client();
    await c.login('sam@example.com');
    const token = c.cookie?.split('=')[1] ?? '';
    // A brand-new app over the same database plays the role of the restarted server.
    const { createApp } = await import('../../../../server/app');
    const restarted = createApp({ database: t.database, config: t.config, version: 'test', live: t.live });
    const res = await restarted.request('/api/auth/me', { headers: { cookie: `session=${token}` } });
    expect(res.status).toBe(200);
  });

  it('a password change ends the other sessions of that user but keeps the current one', async () => {
    await t.createUser('pat@example.com');
    const phone = t.client();
    const laptop = t.client();
    await phone.login('pat@example.com');
    await laptop.login('pat@example.com');
    const wrong = await laptop.request('POST', '/api/auth/password', { currentPassword: 'nope', newPassword: 'a new long password' });
    expect(wrong.status).toBe(400);
    expect(wrong.code).toBe('wrong_password');
    const short = await laptop.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.code).toBe('invalid');
    const ok = await laptop.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long password' });
    expect(ok.status).toBe(204);
    expect((await laptop.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await phone.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await t.client().login('pat@example.com')).status).toBe(401);
    expect((await t.client().login('pat@example.com', 'a new long password')).status).toBe(200);
  });

  it('an unknown or forged cookie is simply not signed in', async () => {
    const c = t.client();
    c.cookie = 'session=abcdefghijklmnopqrstuvwxyz234567';
    const res = await c.request('GET', '/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.code).toBe('unauthenticated');
  });

  it('a session past its expiry is refused and deleted', async () => {
    const { token, session } = await createSession(t.database.db, userId, false, new Date('2020-01-01T00:00:00Z'));
    const c = t.client();
    c.cookie = `session=${token}`;
    expect((await c.request('GET', '/api/auth/me')).status).toBe(401);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.id, session.id))).toHaveLength(0);
  });
});
