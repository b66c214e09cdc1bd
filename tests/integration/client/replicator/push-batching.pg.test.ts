import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { tickets } from '../../../../drizzle/schema';
import type { ReplicatorOptions } from '../../../../client/replicator/replicator';
import { PUSH_BODY_LIMIT } from '../../../../sync/protocol/push';
import { LIMITS } from '../../../../sync/protocol/mutations';
import { drivers } from '../../../support/test-database';
import { seededRandom } from '../../../support/random';
import { SimulatedDevice } from '../../../support/simulated-device';
import { startTestApp, type TestApp } from '../../../support/test-app';

/** As long as a description may be, in characters that take more than one byte each. */
const LONG_CYRILLIC = 'ж'.repeat(LIMITS.description); // 2 bytes each in UTF-8
const LONG_EMOJI = '😀'.repeat(LIMITS.description / 2); // 2 UTF-16 units, 4 bytes each
const LONG_CJK = '中'.repeat(LIMITS.description); // 3 bytes each: about 60 KB

const TOO_LARGE_MESSAGE = /^This change is too large to send \([\d.]+ MB; the server takes at most [\d.]+ MB\)\. Shorten it and send it again\.$/;

describe.each(drivers)('push batches sized by bytes, against a real server on %s', (driver) => {
  let t: TestApp;
  const r = seededRandom(7);
  const devices: SimulatedDevice[] = [];
  const device = async (options: Pick<ReplicatorOptions, 'pushBodyLimit'> = {}) => {
    const p = await t.signedIn('technician');
    const d = new SimulatedDevice(t, p.client, { id: p.userId, role: 'technician' }, r, undefined, options);
    devices.push(d);
    await d.sync();
    return d;
  };
  /** Tickets made offline, each with a description as long as allowed. */
  const longTicketsOffline = async (d: SimulatedDevice, count: number) => {
    d.offline = true;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = crypto.randomUUID();
      ids.push(id);
      await d.replicator.mutate('ticket.create', { id, title: `Long notes ${i}`, description: i % 2 ? LONG_EMOJI : LONG_CYRILLIC, priority: 'medium' });
    }
    await d.replicator.settle();
    d.offline = false;
    return ids;
  };
  const onServer = async (ids: string[]) =>
    (await t.database.db.select({ id: tickets.id, description: tickets.description }).from(tickets).where(inArray(tickets.id, ids))).length;

  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await t.close();
  });

  it('sends 60 tickets of 20,000 multi-byte characters, together over the server’s body limit, without a single 413', async () => {
    const d = await device();
    const ids = await longTicketsOffline(d, 60);
    const queued = await d.db.local_queue.toArray();
    expect(new TextEncoder().encode(JSON.stringify(queued)).length).toBeGreaterThan(PUSH_BODY_LIMIT);

    await d.sync();

    expect(d.replicator.getStatus()).toMatchObject({ state: 'idle', pending: 0, attention: [] });
    expect(d.pushStatuses.length).toBeGreaterThan(1);
    expect(d.pushStatuses.every((s) => s === 200)).toBe(true);
    expect(await onServer(ids)).toBe(60);
    const [emoji] = await t.database.db.select({ description: tickets.description }).from(tickets).where(eq(tickets.id, ids[1] ?? ''));
    expect(emoji?.description).toBe(LONG_EMOJI);
    expect(await d.db.local_queue.count()).toBe(0);
  });

  it('behind a proxy that refuses bodies over 300 KB, halves its batches until they pass and keeps to that size afterwards', async () => {
    const d = await device();
    d.proxyBodyLimit = 300_000;
    const first = await longTicketsOffline(d, 60);
    await d.sync();

    expect(d.replicator.getStatus()).toMatchObject({ state: 'idle', pending: 0, attention: [] });
    expect(await onServer(first)).toBe(60);
    const refused = d.pushStatuses.filter((s) => s === 413).length;
    // 2 MiB halves to under 300 KB in three steps; each later batch fits at once.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(3);
    expect(d.pushStatuses.filter((s) => s !== 200 && s !== 413)).toEqual([]);

    // The smaller size is remembered: 800 KB more goes through without another refusal.
    const statusesBefore = d.pushStatuses.length;
    const second = await longTicketsOffline(d, 20);
    await d.sync();
    expect(await onServer(second)).toBe(20);
    expect(d.pushStatuses.slice(statusesBefore).length).toBeGreaterThan(1);
    expect(d.pushStatuses.slice(statusesBefore).every((s) => s === 200)).toBe(true);
  });

  it('sets a change over the push limit aside as too_large, undoes it on the device and still sends the changes after it', async () => {
    // A lower limit than the server's, so that a change the schemas allow is over it.
    const d = await device({ pushBodyLimit: 50_000 });
    const clientId = await d.db.getMeta<string>('clientId');
    const ticketId = crypto.randomUUID();
    await d.replicator.mutate('ticket.create', { id: ticketId, title: 'Boiler', description: 'Leaks', priority: 'high' });
    await d.sync();
    const synced = await d.db.ticket.get(ticketId);
    expect(synced?.version).not.toBe('0');

    d.offline = true;
    await d.replicator.mutate('ticket.update', { id: ticketId, baseVersion: synced?.version ?? '0', patch: { description: LONG_CJK } });
    await d.replicator.mutate('ticket.update', { id: ticketId, baseVersion: synced?.version ?? '0', patch: { title: 'Boiler in the basement' } });
    const laterId = crypto.randomUUID();
    await d.replicator.mutate('ticket.create', { id: laterId, title: 'Radiator', priority: 'low' });
    await d.replicator.settle();
    expect(await d.db.ticket.get(ticketId)).toMatchObject({ description: LONG_CJK, title: 'Boiler in the basement' });

    d.offline = false;
    await d.sync();

    const [item] = await d.db.local_attention.toArray();
    expect(item).toMatchObject({ name: 'ticket.update', args: { patch: { description: LONG_CJK } }, error: { code: 'too_large' } });
    expect(item?.error.message).toMatch(TOO_LARGE_MESSAGE);
    expect(item?.error.message).toContain('at most 0.047 MB');
    expect(d.replicator.getStatus()).toMatchObject({ state: 'idle', pending: 0 });
    expect(d.replicator.getStatus().attention).toHaveLength(1);
    // Its effect is gone from the device; the change made after it on the same row stays.
    expect(await d.db.ticket.get(ticketId)).toMatchObject({ description: 'Leaks', title: 'Boiler in the basement' });
    expect(await d.db.local_shadow.count()).toBe(0);
    const [server] = await t.database.db.select().from(tickets).where(eq(tickets.id, ticketId));
    expect(server).toMatchObject({ description: 'Leaks', title: 'Boiler in the basement' });
    expect(await onServer([laterId])).toBe(1);
    // No gap in the ids, so no reset: the same client id, never a 409.
    expect(await d.db.getMeta<string>('clientId')).toBe(clientId);
    expect(d.pushStatuses.filter((s) => s !== 200)).toEqual([]);
    const ids = d.observed.map((o) => o.mutation.id);
    expect(ids).toEqual(ids.map((_, i) => i + 1));

    // Ids made after the renumbering follow on without a gap too.
    const afterId = crypto.randomUUID();
    await d.replicator.mutate('ticket.create', { id: afterId, title: 'Thermostat', priority: 'low' });
    await d.replicator.settle();
    expect(await onServer([afterId])).toBe(1);
    expect(d.pushStatuses.filter((s) => s !== 200)).toEqual([]);
    expect(await d.db.getMeta<string>('clientId')).toBe(clientId);
  });

  it('sets aside a change that a proxy still refuses when sent alone, and sends the rest of the batch', async () => {
    const d = await device();
    const clientId = await d.db.getMeta<string>('clientId');
    d.proxyBodyLimit = 50_000;
    d.offline = true;
    const [before, big, after] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await d.replicator.mutate('ticket.create', { id: before, title: 'Fuse box', priority: 'low' });
    await d.replicator.mutate('ticket.create', { id: big, title: 'Site survey', description: LONG_CJK, priority: 'low' });
    await d.replicator.mutate('comment.create', { id: crypto.randomUUID(), ticketId: before, body: 'Checked the breakers' });
    await d.replicator.mutate('ticket.create', { id: after, title: 'Water heater', priority: 'low' });
    await d.replicator.settle();
    expect(await d.db.ticket.get(big)).toBeDefined();

    d.offline = false;
    await d.sync();

    // The batch of four, then the big one alone, twice: its offline attempt left the device unsure
    // whether the server had it, so it asked (a pull) before setting it aside.
    expect(d.pushStatuses.filter((s) => s === 413)).toHaveLength(3);
    expect(d.pushStatuses.filter((s) => s !== 200 && s !== 413)).toEqual([]);
    const attention = await d.db.local_attention.toArray();
    expect(attention).toHaveLength(1);
    expect(attention[0]).toMatchObject({ name: 'ticket.create', args: { id: big }, error: { code: 'too_large' } });
    expect(attention[0]?.error.message).toMatch(TOO_LARGE_MESSAGE);
    expect(await d.db.ticket.get(big)).toBeUndefined();
    expect(await onServer([before, big, after])).toBe(2);
    expect(await d.db.comment.where('ticketId').equals(before).count()).toBe(1);
    expect(d.replicator.getStatus()).toMatchObject({ state: 'idle', pending: 0 });
    expect(await d.db.getMeta<string>('clientId')).toBe(clientId);
  });

  it('backs off once, setting nothing aside, when a 413 answers a body smaller than one that already got through', async () => {
    const d = await device();
    await d.replicator.mutate('ticket.create', { id: crypto.randomUUID(), title: 'A title long enough to make this body the larger one', priority: 'low' });
    await d.sync();
    expect(d.pushStatuses).toEqual([200]);

    d.proxyBodyLimit = 10;
    d.offline = true;
    await d.replicator.mutate('ticket.create', { id: crypto.randomUUID(), title: 'Short', priority: 'low' });
    await d.replicator.settle();
    d.offline = false;
    await d.sync();
    expect(d.pushStatuses).toEqual([200, 413]);
    expect(d.replicator.getStatus()).toMatchObject({ state: 'offline', pending: 1, attention: [] });

    // Refused again: now the smaller limit is believed; the device asks the server whether it has
    // the change (its offline attempt went unanswered), learns it has not, and sets it aside.
    await d.sync();
    expect(d.pushStatuses).toEqual([200, 413, 413, 413]);
    expect(d.replicator.getStatus()).toMatchObject({ state: 'idle', pending: 0, attention: [expect.objectContaining({ error: expect.objectContaining({ code: 'too_large' }) })] });
  });
});
