import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { authThrottle } from '../../../../drizzle/schema';
import { clearAttempts, takeAttempt, type ThrottleRule } from '../../../../server/auth/throttle';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';

const RULE: ThrottleRule = { limit: 3, windowMs: 10 * 60_000, blockMs: 5 * 60_000 };

describe.each(drivers)('the attempt throttle on %s', (driver) => {
  const t = useTestApp(driver);
  const take = (key: string) => takeAttempt(t.database.db, key, RULE);
  const row = async (key: string) => (await t.database.db.select().from(authThrottle).where(eq(authThrottle.key, key)))[0];
  /** Moves a key's window and block back in time, as if `minutes` had passed. */
  const age = (key: string, minutes: number) =>
    t.database.db
      .update(authThrottle)
      .set({
        windowStartedAt: sql`${authThrottle.windowStartedAt} - ${minutes}::int * interval '1 minute'`,
        blockedUntil: sql`${authThrottle.blockedUntil} - ${minutes}::int * interval '1 minute'`,
      })
      .where(eq(authThrottle.key, key));

  it('lets the limit through, then blocks for the block time', async () => {
    for (let i = 0; i < 3; i++) expect(await take('k:limit')).toBeNull();
    const wait = await take('k:limit');
    expect(wait).toBeGreaterThan(5 * 60 - 5);
    expect(wait).toBeLessThanOrEqual(5 * 60);
  });

  it('does not count attempts during a block, so they cannot stretch it', async () => {
    for (let i = 0; i < 4; i++) await take('k:stretch');
    const before = await row('k:stretch');
    await age('k:stretch', 2);
    const wait = await take('k:stretch');
    expect(wait).toBeLessThanOrEqual(3 * 60);
    expect((await row('k:stretch'))?.failures).toBe(before?.failures);
  });

  it('starts a new window once the block has ended', async () => {
    for (let i = 0; i < 4; i++) await take('k:after');
    await age('k:after', 6);
    expect(await take('k:after')).toBeNull();
    expect((await row('k:after'))?.failures).toBe(1);
  });

  it('starts a new window once the old one has passed without a block', async () => {
    for (let i = 0; i < 3; i++) await take('k:window');
    await age('k:window', 11);
    expect(await take('k:window')).toBeNull();
    expect((await row('k:window'))?.failures).toBe(1);
  });

  it('clearing a key gives back all its attempts, even during a block', async () => {
    for (let i = 0; i < 4; i++) await take('k:clear');
    await clearAttempts(t.database.db, 'k:clear');
    for (let i = 0; i < 3; i++) expect(await take('k:clear')).toBeNull();
  });
});
