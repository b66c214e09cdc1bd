import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DeviceDatabase } from '../../../../client/db/device-db';
import { META, setAsideUnsendable } from '../../../../client/replicator/local-state';
import { takeBatch, tooLargeMessage } from '../../../../client/replicator/push-batch';
import type { WireMutation } from '../../../../sync/protocol/push';

const clientId = '6f1c1a4e-8f5e-4a8e-9d55-0d3f3c1b2a10';
const at = '2026-11-25T09:30:00.000Z';
const ticket = (id: number, description: string): WireMutation => ({
  id,
  name: 'ticket.create',
  args: { id: crypto.randomUUID(), title: `Ticket ${id}`, description, priority: 'low' },
  at,
});
const bodyBytes = (mutations: WireMutation[]) => new TextEncoder().encode(JSON.stringify({ clientId, mutations })).length;

describe('push batch sizing', () => {
  it('counts a batch in UTF-8 bytes of exactly the JSON body the transport sends', () => {
    const queue = [ticket(1, 'ж'.repeat(500)), ticket(2, '😀'.repeat(300)), ticket(3, 'plain'), ticket(4, '\u0001"\\\n')];
    const batch = takeBatch(clientId, queue, Number.MAX_SAFE_INTEGER);
    expect(batch.mutations).toHaveLength(4);
    expect(batch.bytes).toBe(bodyBytes(queue));
    // 'ж' is one UTF-16 unit but two bytes: counting characters would undercount by half.
    expect(batch.bytes).toBeGreaterThan(JSON.stringify({ clientId, mutations: queue }).length);
  });

  it('stops before the mutation that would take the body over the budget', () => {
    const queue = Array.from({ length: 10 }, (_, i) => ticket(i + 1, 'ж'.repeat(1000)));
    const budget = bodyBytes(queue.slice(0, 3)) + 10;
    const batch = takeBatch(clientId, queue, budget);
    expect(batch.mutations.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(batch.bytes).toBe(bodyBytes(queue.slice(0, 3)));
  });

  it('sends a first mutation over the budget alone rather than not at all', () => {
    const queue = [ticket(1, 'ж'.repeat(5000)), ticket(2, 'short')];
    const batch = takeBatch(clientId, queue, 100);
    expect(batch.mutations.map((m) => m.id)).toEqual([1]);
    expect(batch.bytes).toBe(bodyBytes(queue.slice(0, 1)));
  });

  it('words the reason in megabytes, the size rounded up and the limit down', () => {
    expect(tooLargeMessage(2_500_000, 2 * 1024 * 1024)).toBe('This change is too large to send (2.4 MB; the server takes at most 2 MB). Shorten it and send it again.');
    expect(tooLargeMessage(2 * 1024 * 1024 + 1, 2 * 1024 * 1024)).toContain('(2.1 MB; the server takes at most 2 MB)');
    expect(tooLargeMessage(60_300, 50_000)).toContain('(0.058 MB; the server takes at most 0.047 MB)');
  });
});

describe('setting aside an unsendable mutation', () => {
  const open = async () => {
    const db = new DeviceDatabase(`set-aside-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.local_queue.bulkAdd([4, 5, 6, 7].map((id) => ticket(id, `queued ${id}`)));
    await db.setMeta(META.lastPushedId, 3);
    await db.setMeta(META.nextMutationId, 8);
    return db;
  };

  it('moves it to the attention list and renumbers the later mutations down, leaving no gap', async () => {
    const db = await open();
    const before = await db.local_queue.orderBy('id').toArray();
    await setAsideUnsendable(db, before[0] ?? ticket(4, ''), { code: 'too_large', message: 'too large' });
    const after = await db.local_queue.orderBy('id').toArray();
    expect(after.map((m) => m.id)).toEqual([4, 5, 6]);
    expect(after.map((m) => m.args)).toEqual(before.slice(1).map((m) => m.args));
    expect(after.map((m) => m.at)).toEqual(before.slice(1).map((m) => m.at));
    expect(await db.getMeta(META.nextMutationId)).toBe(7);
    expect(await db.getMeta(META.lastPushedId)).toBe(3);
    expect(await db.local_attention.toArray()).toEqual([
      expect.objectContaining({ mutationId: 4, name: 'ticket.create', args: before[0]?.args, error: { code: 'too_large', message: 'too large' } }),
    ]);
    db.close();
  });

  it('refuses to set aside anything but the first unsent mutation, whose id the server cannot have used', async () => {
    const db = await open();
    const fifth = await db.local_queue.get(5);
    await expect(setAsideUnsendable(db, fifth ?? ticket(5, ''), { code: 'too_large', message: 'too large' })).rejects.toThrow(/first unsent/);
    expect((await db.local_queue.orderBy('id').toArray()).map((m) => m.id)).toEqual([4, 5, 6, 7]);
    expect(await db.local_attention.count()).toBe(0);
    db.close();
  });
});
