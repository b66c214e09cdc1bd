import { describe, expect, it } from 'vitest';
import { drivers } from '../../../support/test-database';
import { PASSWORD, useTestApp, type TestClient } from '../../../support/test-app';

const change = (client: TestClient, currentPassword: string, newPassword = 'a brand new password') =>
  client.request('POST', '/api/auth/password', { currentPassword, newPassword });

describe.each(drivers)('password change throttling on %s', (driver) => {
  const t = useTestApp(driver);

  it('answers 429 with Retry-After after 5 wrong current passwords, even for the right one', async () => {
    const { client } = await t.signedIn('technician');
    for (let i = 0; i < 5; i++) {
      const wrong = await change(client, `guess ${i}`);
      expect(wrong.status).toBe(400);
      expect(wrong.code).toBe('wrong_password');
    }
    const blocked = await change(client, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.code).toBe('too_many_attempts');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // The password did not change: the old one still signs in.
    expect((await client.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('checks at most 5 of 25 simultaneous guesses', async () => {
    const { client } = await t.signedIn('technician');
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => change(client, `guess ${i}`)));
    expect(results.filter((r) => r.status === 400)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(20);
  });

  it('counts per user, and a successful change forgets the earlier wrong guesses', async () => {
    const blocked = await t.signedIn('technician');
    for (let i = 0; i < 6; i++) await change(blocked.client, `guess ${i}`);
    expect((await change(blocked.client, PASSWORD)).status).toBe(429);

    const other = await t.signedIn('technician');
    for (let i = 0; i < 4; i++) expect((await change(other.client, `guess ${i}`)).status).toBe(400);
    expect((await change(other.client, PASSWORD, 'second password here')).status).toBe(204);
    for (let i = 0; i < 5; i++) expect((await change(other.client, `again ${i}`)).status).toBe(400);
    expect((await change(other.client, 'second password here')).status).toBe(429);
  });
});
