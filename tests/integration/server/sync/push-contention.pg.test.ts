import { describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { categories, syncClients, users } from '../../../../drizzle/schema';
import { push, type MutationRunner } from '../../../../server/sync/push';
import { runMutation } from '../../../../sync/mutators';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';

/**
 * Stands in for a busy Postgres where a long transaction keeps losing to concurrent ones: any
 * transaction that runs more than `most` mutations fails with a serialization failure, every time.
 * (`ctx.now` is the transaction's arrival time, one object per attempt.)
 */
function contended(most: number): { run: MutationRunner; transactions: () => number } {
  let current: Date | null = null;
  let ran = 0;
  let transactions = 0;
  const run: MutationRunner = async (port, ctx, name, args) => {
    if (ctx.now !== current) {
      current = ctx.now;
      ran = 0;
      transactions++;
    }
    if (++ran > most) throw Object.assign(new Error('could not serialize access due to read/write dependencies among transactions'), { code: '40001' });
    return runMutation(port, ctx, name, args);
  };
  return { run, transactions: () => transactions };
}

describe.each(drivers)('a push that keeps losing to concurrent ones on %s', (driver) => {
  const t = useTestApp(driver);

  const admin = async () => {
    const { userId } = await t.signedIn('admin');
    const [row] = await t.database.db.select().from(users).where(eq(users.id, userId));
    if (!row) throw new Error('no admin');
    return row;
  };
  const creates = (ids: string[]) => ({
    clientId: crypto.randomUUID(),
    mutations: ids.map((id, i) => ({ id: i + 1, name: 'category.create' as const, args: { id, name: `Category ${i}` }, at: new Date().toISOString() })),
  });

  it('is split into smaller transactions that win, with every result in order and nothing applied twice', async () => {
    const user = await admin();
    const ids = Array.from({ length: 7 }, () => crypto.randomUUID());
    const request = creates(ids);
    const contention = contended(2);
    const response = await push(t.database.db, user, request, { run: contention.run, attempts: 2 });

    expect(response.lastMutationId).toBe(7);
    expect(response.results).toEqual(ids.map((_, i) => ({ id: i + 1, status: 'applied' })));
    const stored = await t.database.db.select({ id: categories.id }).from(categories).where(inArray(categories.id, ids));
    expect(stored).toHaveLength(7);
    const [client] = await t.database.db.select().from(syncClients).where(eq(syncClients.clientId, request.clientId));
    expect(client?.lastMutationId).toBe(7);
    // Sent again, it is answered from the stored results.
    expect(await push(t.database.db, user, request, { run: contention.run, attempts: 2 })).toEqual(response);
  });

  it('still fails, applying nothing, when even one mutation alone cannot win', async () => {
    const user = await admin();
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const request = creates(ids);
    await expect(push(t.database.db, user, request, { run: contended(0).run, attempts: 2 })).rejects.toMatchObject({ code: '40001' });
    expect(await t.database.db.select().from(categories).where(inArray(categories.id, ids))).toEqual([]);
  });
});
