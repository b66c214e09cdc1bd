import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DeviceDatabase } from '../../../../client/db/device-db';
import { applyPullPage, META } from '../../../../client/replicator/local-state';
import { Replicator } from '../../../../client/replicator/replicator';
import type { SyncTransport } from '../../../../client/replicator/transport';
import type { Change, PullResponse } from '../../../../sync/protocol/pull';

const actor = { id: crypto.randomUUID(), role: 'admin' as const };
const stamp = '2026-11-26T08:00:00.000Z';
const category = (name: string, version = 1) => ({ id: crypto.randomUUID(), name, color: '#336699', version: String(version), createdAt: stamp, updatedAt: stamp });
const put = (row: ReturnType<typeof category>): Change => ({ entity: 'category', id: row.id, op: 'put', version: row.version, row });
const page = (changes: Change[], cursor: string, hasMore = false): PullResponse => ({ cursor, lastMutationId: 0, hasMore, changes });

const opened: DeviceDatabase[] = [];
const newDb = () => {
  const db = new DeviceDatabase(`pull-pages-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  opened.push(db);
  return db;
};
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('writing a pulled page', () => {
  it('keeps the order of puts and deletes of the same row within a page, across entities and slices', async () => {
    const db = newDb();
    const kept = category('Kept');
    const dropped = category('Dropped');
    const back = category('Deleted, then put back');
    const many = Array.from({ length: 1_234 }, (_, i) => category(`Bulk ${i}`));
    await applyPullPage(db, actor, page([
      put(kept),
      put(dropped),
      put(back),
      { entity: 'location', id: crypto.randomUUID(), op: 'del', version: '4' },
      { entity: 'category', id: dropped.id, op: 'del', version: '5' },
      { entity: 'category', id: back.id, op: 'del', version: '6' },
      put({ ...back, version: '7' }),
      ...many.map(put),
      put({ ...kept, name: 'Kept, renamed', version: '9' }),
    ], 'c1'));
    expect(await db.category.get(kept.id)).toMatchObject({ name: 'Kept, renamed', version: '9' });
    expect(await db.category.get(dropped.id)).toBeUndefined();
    expect(await db.category.get(back.id)).toMatchObject({ version: '7' });
    expect(await db.category.count()).toBe(2 + many.length);
    expect(await db.getMeta(META.cursor)).toBe('c1');
  });
});

describe('pulling many pages', () => {
  /** Serves pages by cursor; records the order in which they were asked for and written. */
  function pagedTransport(pages: PullResponse[]) {
    const asked: (string | undefined)[] = [];
    const transport: SyncTransport = {
      push: () => Promise.reject(new Error('nothing to push')),
      pull: ({ cursor }) => {
        asked.push(cursor);
        const at = cursor === undefined ? 0 : Number(cursor.slice(1));
        const body = pages[at];
        return Promise.resolve(body ? { ok: true, body } : { ok: false, kind: 'network' });
      },
    };
    return { transport, asked };
  }

  it('asks for the next page before writing the one it has, and ends with every row and the last cursor', async () => {
    const rows = Array.from({ length: 9 }, (_, i) => category(`Row ${i}`));
    const pages = [0, 1, 2].map((p) => page(rows.slice(p * 3, p * 3 + 3).map(put), `p${p + 1}`, p < 2));
    const { transport, asked } = pagedTransport(pages);
    const db = newDb();
    let askedBeforeFirstWrite = 0;
    db.category.hook('creating', () => {
      if (askedBeforeFirstWrite === 0) askedBeforeFirstWrite = asked.length;
    });
    const replicator = new Replicator({ db, transport, actor, pullPageSize: 3 });
    replicator.requestSync();
    await replicator.settle();
    expect(await db.category.count()).toBe(9);
    expect(await db.getMeta(META.cursor)).toBe('p3');
    // Each page asked for once, in order, the second one before the first was written.
    expect(asked).toEqual([undefined, 'p1', 'p2']);
    expect(askedBeforeFirstWrite).toBe(2);
  });
});
