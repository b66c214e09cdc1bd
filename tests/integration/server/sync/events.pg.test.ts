import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../../../drizzle/schema';
import { createApp } from '../../../../server/app';
import { purgeExpiredSessions } from '../../../../server/auth/sessions';
import { LiveHub } from '../../../../server/sync/live-hub';
import { drivers } from '../../../support/test-database';
import { SseReader } from '../../../support/sse';
import { PASSWORD, useTestApp, type TestClient } from '../../../support/test-app';
import { SyncDevice } from '../../../support/sync-client';

describe.each(drivers)('the event stream on %s', (driver) => {
  const t = useTestApp(driver);

  async function connect(cookie: string | undefined) {
    const controller = new AbortController();
    const res = await t.app.request('/api/sync/events', { headers: cookie ? { cookie } : {}, signal: controller.signal });
    return { res, controller };
  }

  it('requires a session', async () => {
    const { res } = await connect(undefined);
    expect(res.status).toBe(401);
  });

  it('tells who is online and pokes every connected device when changes commit', async () => {
    const watcher = await t.signedIn('technician');
    const writer = await t.signedIn('admin');
    const { res, controller } = await connect(watcher.client.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = new SseReader(res);
    const presence = JSON.parse((await events.next('presence')).data) as { online: string[] };
    expect(presence.online).toContain(watcher.userId);

    events.clear();
    const device = new SyncDevice(writer.client);
    await device.do('ticket.create', { id: crypto.randomUUID(), title: 'Poke me', priority: 'low' });
    const poke = await events.next('poke', 1_000);
    expect(poke.data).toBe('{}');

    // The admin connects too: the technician's stream hears about it.
    events.clear();
    const second = await connect(writer.client.cookie);
    const update = JSON.parse((await events.next('presence')).data) as { online: string[] };
    expect(update.online).toEqual(expect.arrayContaining([watcher.userId, writer.userId]));
    await second.res.body?.cancel();
    // …and hears again when the admin leaves.
    const left = JSON.parse((await events.next('presence')).data) as { online: string[] };
    expect(left.online).toEqual([watcher.userId]);
    await events.close();
    controller.abort();
  });
});

describe.each(drivers)('the event stream ends with its session on %s', (driver) => {
  const t = useTestApp(driver);
  // A second app with its own hub over the same database plays another server process.
  let otherHub: LiveHub;
  let otherApp: ReturnType<typeof createApp>;
  beforeAll(async () => {
    otherHub = new LiveHub(t.database, { heartbeatMs: 500 });
    await otherHub.start();
    otherApp = createApp({ database: t.database, config: t.config, version: 'test', live: otherHub });
  });
  afterAll(() => otherHub.stop());
  const readers: SseReader[] = [];
  afterAll(() => Promise.all(readers.map((r) => r.close())));

  /** Opens an event stream with the client's cookie and waits until it is registered. */
  async function open(client: TestClient, app = t.app): Promise<SseReader> {
    const res = await app.request('/api/sync/events', { headers: { cookie: client.cookie ?? '' } });
    expect(res.status).toBe(200);
    const reader = new SseReader(res);
    readers.push(reader);
    await reader.next('presence');
    return reader;
  }

  /** Proves a stream is still open: it hears the poke after a change. */
  async function stillOpen(reader: SseReader, writer: TestClient): Promise<void> {
    reader.clear();
    await new SyncDevice(writer).do('ticket.create', { id: crypto.randomUUID(), title: 'Still there?', priority: 'low' });
    await reader.next('poke', 2_000);
  }

  async function secondSession(email: string): Promise<TestClient> {
    const client = t.client();
    expect((await client.login(email)).status).toBe(200);
    return client;
  }

  it('logout ends the streams of that session, and only those', async () => {
    const phone = await t.signedIn('technician');
    const laptop = await secondSession(phone.email);
    const phoneStream = await open(phone.client);
    const laptopStream = await open(laptop);
    expect((await phone.client.request('POST', '/api/auth/logout')).status).toBe(204);
    expect(await phoneStream.ended(2_000)).toBe(true);
    await stillOpen(laptopStream, laptop);
  });

  it('deactivating a user ends all their streams, and they drop out of presence', async () => {
    const admin = await t.signedIn('admin');
    const tech = await t.signedIn('technician');
    const tablet = await secondSession(tech.email);
    const streams = [await open(tech.client), await open(tablet)];
    const watching = await open(admin.client);
    watching.clear();
    const res = await admin.client.request('PATCH', `/api/users/${tech.userId}`, { active: false });
    expect(res.status).toBe(200);
    for (const stream of streams) expect(await stream.ended(2_000)).toBe(true);
    const presence = JSON.parse((await watching.next('presence')).data) as { online: string[] };
    expect(presence.online).not.toContain(tech.userId);
  });

  it("a password change ends the streams of the user's other sessions and keeps its own", async () => {
    const laptop = await t.signedIn('technician');
    const phone = await secondSession(laptop.email);
    const laptopStream = await open(laptop.client);
    const phoneStream = await open(phone);
    const res = await laptop.client.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long password' });
    expect(res.status).toBe(204);
    expect(await phoneStream.ended(2_000)).toBe(true);
    await stillOpen(laptopStream, laptop.client);
  });

  it("an admin password reset ends all the user's streams", async () => {
    const admin = await t.signedIn('admin');
    const tech = await t.signedIn('technician');
    const stream = await open(tech.client);
    const res = await admin.client.request('POST', `/api/users/${tech.userId}/password`, { password: 'reset by the admin' });
    expect(res.status).toBe(204);
    expect(await stream.ended(2_000)).toBe(true);
    await stillOpen(await open(admin.client), admin.client);
  });

  it('a logout on one server process ends the stream held by another', async () => {
    const tech = await t.signedIn('technician');
    const elsewhere = await open(tech.client, otherApp);
    expect((await tech.client.request('POST', '/api/auth/logout')).status).toBe(204);
    expect(await elsewhere.ended(2_000)).toBe(true);
  });

  it('a session that expired ends its streams when the purge deletes it', async () => {
    const tech = await t.signedIn('technician');
    const other = await t.signedIn('technician');
    const stream = await open(tech.client);
    const otherStream = await open(other.client);
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(sessions.userId, tech.userId));
    expect(await purgeExpiredSessions(t.database.db)).toBeGreaterThan(0);
    expect(await stream.ended(2_000)).toBe(true);
    await stillOpen(otherStream, other.client);
  });

  it('a session found expired when its cookie comes back ends its streams', async () => {
    const tech = await t.signedIn('technician');
    const stream = await open(tech.client);
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(sessions.userId, tech.userId));
    expect((await tech.client.request('GET', '/api/auth/me')).status).toBe(401);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, tech.userId))).toEqual([]);
    expect(await stream.ended(2_000)).toBe(true);
  });
});
