import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DeviceDatabase } from '../../../../client/db/device-db';

const fresh = () => new DeviceDatabase(`within-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
/** A native async function with native awaits in between, as the mutators are. */
const nativeTicks = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('a transaction’s view of the device database', () => {
  it('sends every request to its transaction, so a failure later in the body takes back what was written through it', async () => {
    const db = fresh();
    await expect(
      db.transaction('rw', db.tables, async (tx) => {
        const d = db.within(tx);
        await d.setMeta('nextMutationId', 7);
        await nativeTicks();
        await d.local_queue.add({ id: 1, name: 'ticket.create', args: {}, at: '2026-11-26T08:00:00.000Z' });
        await nativeTicks();
        await d.table('ticket').put({ id: 't1', title: 'Pump' });
        throw new Error('the mutator refused');
      }),
    ).rejects.toThrow('the mutator refused');
    expect(await db.getMeta('nextMutationId')).toBeUndefined();
    expect(await db.local_queue.count()).toBe(0);
    expect(await db.ticket.count()).toBe(0);
  });

  it('holds only the tables of the transaction’s scope, and reads what the body wrote', async () => {
    const db = fresh();
    const seen = await db.transaction('rw', db.local_meta, async (tx) => {
      const d = db.within(tx);
      await d.setMeta('clientId', 'c1');
      return { value: await d.getMeta<string>('clientId'), scope: Object.keys(d).filter((k) => k.startsWith('local_') || k === 'ticket') };
    });
    expect(seen).toEqual({ value: 'c1', scope: ['local_meta'] });
    expect(await db.getMeta('clientId')).toBe('c1');
  });
});
