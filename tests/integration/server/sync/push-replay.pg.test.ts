import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { ticketComments, ticketHistory, tickets } from '../../../../drizzle/schema';
import type { PushResponse } from '../../../../sync/protocol/push';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';
import { SYNC_HEADERS, SyncDevice } from '../../../support/sync-client';

describe.each(drivers)('push idempotency on %s', (driver) => {
  const t = useTestApp(driver);
  let device: SyncDevice;
  beforeAll(async () => {
    device = new SyncDevice((await t.signedIn('technician')).client);
  });

  it('applies a batch pushed twice exactly once and answers both times the same', async () => {
    const ticketId = crypto.randomUUID();
    const batch = [
      device.mutation('ticket.create', { id: ticketId, title: 'Leaking valve', priority: 'high' }),
      device.mutation('comment.create', { id: crypto.randomUUID(), ticketId, body: 'On my way' }),
      device.mutation('ticket.update', { id: ticketId, baseVersion: '0', patch: { priority: 'urgent' } }),
    ];
    const first = await device.pushRaw(batch);
    // The "lost response": the server committed, the device never heard, and sends it all again.
    const second = await device.pushRaw(batch);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect((first.body as PushResponse).lastMutationId).toBe(3);
    expect((first.body as PushResponse).results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await t.database.db.select().from(tickets).where(eq(tickets.id, ticketId))).toHaveLength(1);
    expect(await t.database.db.select().from(ticketComments).where(eq(ticketComments.ticketId, ticketId))).toHaveLength(1);
    // One history entry: the priority change (creation is recorded on the row itself).
    expect(await t.database.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, ticketId))).toHaveLength(1);
  });

  it('answers an overlapping retry (old and new mutations together) from stored results, then applies the new ones', async () => {
    const id = crypto.randomUUID();
    const old = device.mutation('ticket.create', { id, title: 'Door sensor', priority: 'low' });
    await device.pushRaw([old]);
    const next = device.mutation('ticket.update', { id, baseVersion: '0', patch: { title: 'Door sensor, back door' } });
    const res = await device.pushRaw([old, next]);
    expect(res.status).toBe(200);
    expect((res.body as PushResponse).results.map((r) => [r.id, r.status])).toEqual([[old.id, 'applied'], [next.id, 'applied']]);
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, id));
    expect(row?.title).toBe('Door sensor, back door');
  });

  it('replays a rejection from its stored result without running it again', async () => {
    const m = device.mutation('comment.create', { id: crypto.randomUUID(), ticketId: crypto.randomUUID(), body: 'lost' });
    const a = await device.pushRaw([m]);
    const b = await device.pushRaw([m]);
    expect((a.body as PushResponse).results[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    expect(b.body).toEqual(a.body);
  });

  it('answers 409 mutation_gap and applies nothing when ids skip ahead', async () => {
    const before = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from tickets`);
    device.nextId += 5;
    const res = await device.pushRaw([device.mutation('ticket.create', { id: crypto.randomUUID(), title: 'Gap', priority: 'low' })]);
    expect(res.status).toBe(409);
    expect(res.code).toBe('mutation_gap');
    const after = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from tickets`);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('refuses a client id that belongs to another user', async () => {
    const other = new SyncDevice((await t.signedIn('technician')).client);
    const res = await other.pushRaw([other.mutation('ticket.create', { id: crypto.randomUUID(), title: 'x', priority: 'low' })], device.clientId);
    expect(res.status).toBe(403);
    expect(res.code).toBe('forbidden');
  });

  it('requires a session and the current protocol version', async () => {
    const anonymous = new SyncDevice(t.client());
    expect((await anonymous.pushRaw([anonymous.mutation('ticket.create', { id: crypto.randomUUID(), title: 'x', priority: 'low' })])).status).toBe(401);
    const old = await device.http.request('POST', '/api/sync/push', { clientId: device.clientId, mutations: [] }, { 'x-sync-protocol': '0' });
    expect(old.status).toBe(426);
    expect(old.code).toBe('upgrade_required');
    const none = await device.http.request('GET', `/api/sync/pull?clientId=${device.clientId}`);
    expect(none.status).toBe(426);
    const ok = await device.http.request('GET', `/api/sync/pull?clientId=${device.clientId}`, undefined, SYNC_HEADERS);
    expect(ok.status).toBe(200);
  });
});
