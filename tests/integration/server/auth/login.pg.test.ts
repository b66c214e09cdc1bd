import { beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../../../drizzle/schema';
import { drivers } from '../../../support/test-database';
import { PASSWORD, useTestApp, type TestApp } from '../../../support/test-app';

describe.each(drivers)('sign-in on %s', (driver) => {
  const t = useTestApp(driver);
  beforeAll(async () => {
    await t.createUser('Dana.Field@Example.com', 'technician');
  });

  it('matches the email case-insensitively and ignores surrounding spaces', async () => {
    for (const email of ['dana.field@example.com', 'DANA.FIELD@EXAMPLE.COM', '  Dana.Field@example.com  ']) {
      const res = await t.client().login(email);
      expect(res.status, email).toBe(200);
      expect((res.body as { user: { role: string } }).user.role).toBe('technician');
    }
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await t.client().login('dana.field@example.com', 'not the password');
    const unknown = await t.client().login('nobody@example.com', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.code).toBe('invalid_credentials');
  });

  it('never sends the password hash', async () => {
    const res = await t.client().login('dana.field@example.com');
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|password_hash/);
  });

  it('gives a remembered session a 30-day cookie and the others a browser-session cookie', async () => {
    const remembered = t.client();
    await remembered.login('dana.field@example.com', PASSWORD, true);
    expect(remembered.lastSetCookie).toMatch(/^session=[a-z2-7]{32};/);
    expect(remembered.lastSetCookie).toMatch(/Max-Age=2592000/);
    expect(remembered.lastSetCookie).toMatch(/HttpOnly/);
    expect(remembered.lastSetCookie).toMatch(/SameSite=Lax/);

    const browserSession = t.client();
    await browserSession.login('dana.field@example.com', PASSWORD, false);
    expect(browserSession.lastSetCookie).toMatch(/HttpOnly/);
    expect(browserSession.lastSetCookie).toMatch(/SameSite=Lax/);
    expect(browserSession.lastSetCookie).not.toMatch(/Max-Age|Expires/);
  });

  it('stores only a hash of the session token', async () => {
    const c = t.client();
    await c.login('dana.field@example.com');
    const token = c.cookie?.split('=')[1] ?? '';
    const rows = await t.database.db.select({ id: sessions.id }).from(sessions);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it('logout deletes the session on the server, so the old cookie no longer works', async () => {
    const c = t.client();
    await c.login('dana.field@example.com');
    const cookie = c.cookie;
    expect((await c.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await c.request('POST', '/api/auth/logout')).status).toBe(204);
    c.cookie = cookie;
    const after = await c.request('GET', '/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.code).toBe('unauthenticated');
  });

  it('rejects malformed JSON and wrong types with 400 and a code, never 500', async () => {
    const c = t.client();
    const cases: unknown[] = ['{"email":', '[]', 'null', { email: 42, password: 'x' }, { email: 'a@b.c' }, { email: 'a@b.c', password: 'x', remember: 'yes' }, { email: 'a@b.c', password: 'x', extra: 1 }];
    for (const body of cases) {
      const res = await c.request('POST', '/api/auth/login', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.code, JSON.stringify(body)).toMatch(/^(invalid_json|invalid)$/);
    }
  });

  it('answers an email with the NUL character, which the database cannot store, with 400, never 500', async () => {
    const res = await t.client().login('dana.field@example.com\u0000', 'not the password');
    expect(res.status).toBe(400);
    expect(res.code).toBe('invalid');
  });

  it('refuses a cross-origin POST and one without Origin with 403 csrf', async () => {
    const c = t.client();
    const evil = await c.request('POST', '/api/auth/login', { email: 'dana.field@example.com', password: PASSWORD }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.code).toBe('csrf');
    const res = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dana.field@example.com', password: PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf');
  });
});

describe.each(drivers)('sign-in throttling on %s', (driver) => {
  const t = useTestApp(driver);
  beforeAll(async () => {
    await t.createUser('target@example.com');
  });

  it('answers 429 with Retry-After after repeated failures for one email, even with the right password', async () => {
    const c = t.client();
    for (let i = 0; i < 5; i++) expect((await c.login('TARGET@example.com', `wrong ${i}`)).status).toBe(401);
    const blocked = await c.login('target@example.com');
    expect(blocked.status).toBe(429);
    expect(blocked.code).toBe('too_many_attempts');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('lets at most 5 of 25 simultaneous wrong passwords for one email be checked; the rest get 429', async () => {
    await t.createUser('rushed@example.com');
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => t.client().login('rushed@example.com', `guess ${i}`)));
    const checked = results.filter((r) => r.status === 401);
    const refused = results.filter((r) => r.status !== 401);
    expect(checked).toHaveLength(5);
    for (const res of refused) {
      expect(res.status).toBe(429);
      expect(res.code).toBe('too_many_attempts');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The right password is refused too while the email is blocked.
    expect((await t.client().login('rushed@example.com')).status).toBe(429);
  });

  it('forgets the failures of an email once its right password gets in', async () => {
    await t.createUser('forgetful@example.com');
    for (let i = 0; i < 4; i++) expect((await t.client().login('forgetful@example.com', `wrong ${i}`)).status).toBe(401);
    expect((await t.client().login('forgetful@example.com')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await t.client().login('forgetful@example.com', `again ${i}`)).status).toBe(401);
    expect((await t.client().login('forgetful@example.com', 'once more')).status).toBe(429);
  });

  it('blocks one address that tries many different emails', async () => {
    const c = t.client();
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await c.login(`guess${i}@example.com`, 'nope')).status;
    expect(last).toBe(429);
  });
});

describe.each(drivers)('sign-in from an address with many failures on %s', (driver) => {
  const t = useTestApp(driver);

  it('still lets a correct password in for an email that is not itself blocked', async () => {
    await t.createUser('office.colleague@example.com');
    // A whole office behind one NAT address: someone there fumbles 35 sign-ins across emails.
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await t.client().login(`typo${i}@example.com`, 'nope')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);

    const wrong = await t.client().login('office.colleague@example.com', 'not it');
    expect(wrong.status).toBe(429);
    expect(Number(wrong.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await t.client().login('office.colleague@example.com')).status).toBe(200);
  });
});

/** 31 wrong passwords, each for a different email, sent with the given X-Forwarded-For. */
async function failManyTimes(t: TestApp, forwardedFor: string, emailPrefix: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) {
    const res = await t.client().request('POST', '/api/auth/login', { email: `${emailPrefix}${i}@example.com`, password: 'nope' }, { 'x-forwarded-for': forwardedFor });
    statuses.push(res.status);
  }
  return statuses;
}

describe.each(drivers)('sign-in behind a trusted proxy (TRUST_PROXY=true) on %s', (driver) => {
  const t = useTestApp(driver, { TRUST_PROXY: 'true' });

  it('counts two forwarded client addresses separately, by the entry the proxy appended', async () => {
    // The client wrote the left-most entries itself; changing them must not give it a fresh count.
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await t.client().request('POST', '/api/auth/login', { email: `a${i}@example.com`, password: 'nope' }, { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` });
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
    const other = await t.client().request('POST', '/api/auth/login', { email: 'b@example.com', password: 'nope' }, { 'x-forwarded-for': '203.0.113.8' });
    expect(other.status).toBe(401);
    const same = await t.client().request('POST', '/api/auth/login', { email: 'c@example.com', password: 'nope' }, { 'x-forwarded-for': '203.0.113.7' });
    expect(same.status).toBe(429);
  });
});

describe.each(drivers)('sign-in without a trusted proxy on %s', (driver) => {
  const t = useTestApp(driver);

  it('ignores X-Forwarded-For, so a client cannot pick a fresh address for itself', async () => {
    expect((await failManyTimes(t, '203.0.113.7', 'x')).at(-1)).toBe(429);
    const other = await t.client().request('POST', '/api/auth/login', { email: 'y@example.com', password: 'nope' }, { 'x-forwarded-for': '203.0.113.8' });
    expect(other.status).toBe(429);
  });
});
