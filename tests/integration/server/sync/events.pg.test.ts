import { describe, expect, it } from 'vitest';
import { drivers } from '../../../support/test-database';
import { SseReader } from '../../../support/sse';
import { useTestApp } from '../../../support/test-app';
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
