import { afterEach, describe, expect, it, vi } from 'vitest';
import { inArray, sql, type SQL } from 'drizzle-orm';
import { authThrottle, sessions } from '../../../../drizzle/schema';
import { purgeExpiredSessions } from '../../../../server/auth/sessions';
import { purgeStaleThrottle } from '../../../../server/auth/throttle';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';

/** A time relative to the database's clock. */
const dbTime = (minutes: number): SQL => sql`now() + ${minutes}::int * interval '1 minute'`;

describe.each(drivers)('purging expired auth rows on %s', (driver) => {
  const t = useTestApp(driver);

  it('deletes the sessions past their expiry and keeps the others', async () => {
    const userId = await t.createUser('purge.sessions@example.com');
    const ids = { expired: 'a'.repeat(64), justExpired: 'b'.repeat(64), live: 'c'.repeat(64) };
    await t.database.db.insert(sessions).values([
      { id: ids.expired, userId, remember: true, expiresAt: dbTime(-60 * 24) },
      { id: ids.justExpired, userId, remember: false, expiresAt: dbTime(-1) },
      { id: ids.live, userId, remember: false, expiresAt: dbTime(10) },
    ]);

    expect(await purgeExpiredSessions(t.database.db)).toBe(2);
    const left = await t.database.db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.id, Object.values(ids)));
    expect(left.map((r) => r.id)).toEqual([ids.live]);
  });

  it('deletes throttle rows whose window and block have both ended, and keeps the rest', async () => {
    const rows = {
      'stale:window-over': { window: -16, block: null },
      'stale:block-over': { window: -40, block: -1 },
      'keep:still-blocked': { window: -20, block: 5 },
      'keep:window-open': { window: -1, block: null },
      'keep:counting-toward-a-block': { window: -14, block: null },
    };
    await t.database.db.insert(authThrottle).values(
      Object.entries(rows).map(([key, r]) => ({
        key,
        failures: 3,
        windowStartedAt: dbTime(r.window),
        blockedUntil: r.block === null ? null : dbTime(r.block),
      })),
    );

    expect(await purgeStaleThrottle(t.database.db)).toBe(2);
    const left = await t.database.db.select({ key: authThrottle.key }).from(authThrottle).where(inArray(authThrottle.key, Object.keys(rows)));
    expect(left.map((r) => r.key).sort()).toEqual(['keep:counting-toward-a-block', 'keep:still-blocked', 'keep:window-open']);
  });
});

// PGlite's now() is the Node process's own clock, so only a separate server can show the difference.
describe.each(drivers.filter((d) => d === 'postgres'))('purging expired auth rows on %s, whatever the app clock says', (driver) => {
  const t = useTestApp(driver);
  afterEach(() => vi.useRealTimers());

  it('goes by the database clock, so an app server whose clock runs ahead deletes nothing live', async () => {
    const userId = await t.createUser('clock.skew@example.com');
    await t.database.db.insert(sessions).values({ id: 'd'.repeat(64), userId, remember: false, expiresAt: dbTime(10) });
    await t.database.db.insert(authThrottle).values({ key: 'keep:skew', failures: 1, windowStartedAt: dbTime(-1) });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 365 * 24 * 3_600_000);
    expect(await purgeExpiredSessions(t.database.db)).toBe(0);
    expect(await purgeStaleThrottle(t.database.db)).toBe(0);
  });
});
