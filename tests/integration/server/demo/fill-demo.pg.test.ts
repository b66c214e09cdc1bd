import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { locations, sessions, ticketHistory, tickets, users } from '../../../../drizzle/schema';
import { DEMO_PASSWORD, TECHNICIANS } from '../../../../server/demo/crew';
import { whyNotEmpty } from '../../../../server/demo/emptiness';
import { DatabaseNotEmpty, fillDemo } from '../../../../server/demo/fill-demo';
import { drivers } from '../../../support/test-database';
import { startTestApp, useTestApp, type TestApp } from '../../../support/test-app';

describe.each(drivers)('npm run demo on %s', (driver) => {
  const t = useTestApp(driver);

  it('fills an empty database through the users API and sync pushes, then refuses to run again', async () => {
    const result = await fillDemo({ database: t.database, config: t.config, version: 'test', live: t.live }, new Date('2026-11-25T12:00:00Z'));
    expect(result.people).toHaveLength(9);
    expect(result.admin?.email).toBe('admin@example.com');
    const { db } = t.database;

    const byStatus = await db.select({ status: tickets.status, n: count() }).from(tickets).groupBy(tickets.status);
    expect(Object.fromEntries(byStatus.map((r) => [r.status, r.n]))).toEqual({ open: 12, in_progress: 12, pending: 12, resolved: 12, closed: 12 });
    // History is the server's own record of each change, written by the mutators.
    const [history] = await db.select({ n: count() }).from(ticketHistory);
    expect(history?.n).toBeGreaterThan(60);
    // The demo leaves no session behind; the people sign in with the demo password.
    expect((await db.select({ n: count() }).from(sessions))[0]?.n).toBe(0);
    const login = await t.client().login(TECHNICIANS[0]?.email ?? '', DEMO_PASSWORD);
    expect(login.status).toBe(200);
    const [marcus] = await db.select().from(users).where(eq(users.email, TECHNICIANS[4]?.email ?? ''));
    expect(marcus?.timezone).toBe('America/Chicago');

    const before = await db.select({ n: count() }).from(tickets);
    await expect(fillDemo({ database: t.database, config: t.config, version: 'test', live: t.live })).rejects.toBeInstanceOf(DatabaseNotEmpty);
    expect(await db.select({ n: count() }).from(tickets)).toEqual(before);
  }, 120_000);
});

// Each on a database of its own: after the fill above, any database would be refused.
describe.each(drivers)('npm run demo on %s refuses what is not empty', (driver) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('takes a database holding only the first administrator (what a first npm start leaves)', async () => {
    t = await startTestApp(driver);
    await t.createUser('first.admin@example.com', 'admin');
    expect(await whyNotEmpty(t.database.db)).toBeNull();
  });

  it('refuses a database that has a technician in it, changing nothing', async () => {
    t = await startTestApp(driver);
    await t.createUser(`someone.${driver}@example.com`, 'technician');
    await expect(fillDemo({ database: t.database, config: t.config, version: 'test', live: t.live })).rejects.toThrow(/already has data \(1 users\)/);
    const { db } = t.database;
    expect((await db.select({ n: count() }).from(users))[0]?.n).toBe(1);
    expect((await db.select({ n: count() }).from(tickets))[0]?.n).toBe(0);
  });

  it('refuses a database with only the administrator and one location, naming what it found', async () => {
    t = await startTestApp(driver);
    await t.createUser('first.admin@example.com', 'admin');
    await t.database.db.insert(locations).values({ id: crypto.randomUUID(), name: 'Depot', timezone: 'Europe/Berlin' });
    await expect(fillDemo({ database: t.database, config: t.config, version: 'test', live: t.live })).rejects.toThrow('The database already has data (1 locations).');
    expect((await t.database.db.select({ n: count() }).from(users))[0]?.n).toBe(1);
  });
});
