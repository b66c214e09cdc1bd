import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../../../drizzle/schema';
import { drivers } from '../../../support/test-database';
import { useTestApp, type TestClient } from '../../../support/test-app';

interface UserBody {
  user: { id: string; email: string; role: string; timezone: string; color: string; active: boolean };
}

describe.each(drivers)('user management on %s', (driver) => {
  const t = useTestApp(driver);
  let admin: TestClient;
  let adminId: string;
  beforeAll(async () => {
    ({ client: admin, userId: adminId } = await t.signedIn('admin'));
  });

  it('creates a user who can then sign in, with email stored lower-case', async () => {
    const res = await admin.request('POST', '/api/users', {
      email: '  New.Tech@Example.COM ',
      name: 'New Tech',
      password: 'long enough password',
      role: 'technician',
      timezone: 'America/Chicago',
      color: '#AA00CC',
    });
    expect(res.status).toBe(201);
    const { user } = res.body as UserBody;
    expect(user).toMatchObject({ email: 'new.tech@example.com', role: 'technician', timezone: 'America/Chicago', color: '#aa00cc', active: true });
    expect(JSON.stringify(res.body)).not.toMatch(/password/i);
    expect((await t.client().login('new.tech@example.com', 'long enough password')).status).toBe(200);
  });

  it('answers 409 email_taken for a duplicate email in any case', async () => {
    const body = { email: 'dup@example.com', name: 'Dup', password: 'long enough password', role: 'technician' };
    expect((await admin.request('POST', '/api/users', body)).status).toBe(201);
    const again = await admin.request('POST', '/api/users', { ...body, email: 'DUP@Example.com' });
    expect(again.status).toBe(409);
    expect(again.code).toBe('email_taken');
  });

  it('validates every field with a 400 and a message naming it', async () => {
    const base = { email: 'v@example.com', name: 'V', password: 'long enough password', role: 'technician' };
    const bad: [Record<string, unknown>, string][] = [
      [{ ...base, email: 'not-an-email' }, 'email'],
      [{ ...base, name: '   ' }, 'name'],
      [{ ...base, password: 'short' }, 'password'],
      [{ ...base, role: 'owner' }, 'role'],
      [{ ...base, timezone: 'Mars/Olympus' }, 'timezone'],
      [{ ...base, timezone: '+01:00' }, 'timezone'],
      [{ ...base, color: 'red' }, 'color'],
      [{ ...base, name: 'x'.repeat(101) }, 'name'],
      [{ ...base, isAdmin: true }, ''],
    ];
    for (const [body, field] of bad) {
      const res = await admin.request('POST', '/api/users', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.code).toBe('invalid');
      expect((res.body as { error: { message: string } }).error.message).toContain(field);
    }
  });

  it('lets any signed-in user read the team, and nobody else', async () => {
    const { client: tech } = await t.signedIn('technician');
    const res = await tech.request('GET', '/api/users');
    expect(res.status).toBe(200);
    expect((res.body as { users: unknown[] }).users.length).toBeGreaterThan(1);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|calendarToken/);
    expect((await t.client().request('GET', '/api/users')).status).toBe(401);
  });

  it('gives a technician 403 on every admin endpoint', async () => {
    const { client: tech, userId } = await t.signedIn('technician');
    const attempts = [
      tech.request('POST', '/api/users', { email: 'x@example.com', name: 'X', password: 'long enough password', role: 'admin' }),
      tech.request('PATCH', `/api/users/${userId}`, { role: 'admin' }),
      tech.request('POST', `/api/users/${adminId}/password`, { password: 'long enough password' }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.code).toBe('forbidden');
    }
  });

  it('ends every session of a user who is deactivated, and keeps them out', async () => {
    const { client: tech, userId, email } = await t.signedIn('technician');
    expect((await tech.request('GET', '/api/auth/me')).status).toBe(200);
    const res = await admin.request('PATCH', `/api/users/${userId}`, { active: false });
    expect(res.status).toBe(200);
    expect((res.body as UserBody).user.active).toBe(false);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, userId))).toHaveLength(0);
    expect((await tech.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await t.client().login(email)).status).toBe(401);
    await admin.request('PATCH', `/api/users/${userId}`, { active: true });
    expect((await t.client().login(email)).status).toBe(200);
  });

  it('updates role, name, timezone and colour, and 404s an unknown id', async () => {
    const { userId } = await t.signedIn('technician');
    const res = await admin.request('PATCH', `/api/users/${userId}`, { role: 'admin', name: 'Promoted', timezone: 'Europe/Berlin', color: '#123456' });
    expect(res.status).toBe(200);
    expect((res.body as UserBody).user).toMatchObject({ role: 'admin', timezone: 'Europe/Berlin', color: '#123456' });
    expect((await admin.request('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { name: 'X' })).status).toBe(404);
    expect((await admin.request('PATCH', '/api/users/not-a-uuid', { name: 'X' })).status).toBe(404);
  });

  it('does not let an admin lock themself out', async () => {
    const res = await admin.request('PATCH', `/api/users/${adminId}`, { active: false });
    expect(res.status).toBe(400);
    expect(res.code).toBe('own_access');
  });

  it('an admin password reset lets the user in with the new password and ends their sessions', async () => {
    const { client: tech, userId, email } = await t.signedIn('technician');
    const res = await admin.request('POST', `/api/users/${userId}/password`, { password: 'reset by the office' });
    expect(res.status).toBe(204);
    expect((await tech.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await t.client().login(email, 'reset by the office')).status).toBe(200);
  });
});
