import { describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { categories, users } from '../../../../drizzle/schema';
import { push, type MutationRunner } from '../../../../server/sync/push';
import { runMutation } from '../../../../sync/mutators';
import { reject } from '../../../../sync/mutators/rejection';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';

/**
 * The fast paths take no savepoints; a mutation rejected after it wrote must still leave nothing
 * behind. No shipped mutator does that, so this runner does it on purpose for one mutation.
 */
const writesThenRefuses: MutationRunner = async (port, ctx, name, args) => {
  const { id, name: label } = args as { id: string; name: string };
  if (label !== 'write, then refuse') return runMutation(port, ctx, name, args);
  await port.insert('category', { id, name: label, color: '#000000' });
  reject('invalid', 'refused after writing');
};

describe.each(drivers)('mutation isolation within a push on %s', (driver) => {
  const t = useTestApp(driver);

  // Held back, the refused mutation's insert never reaches the database; one statement at a time,
  // it does, and the batch runs again with savepoints. Both must leave the same.
  it.each([
    ['inserts held back', true],
    ['one statement at a time', false],
  ])('rolls back only the mutation that was rejected after writing; the rest of the batch applies (%s)', async (_, deferInserts) => {
    const { userId } = await t.signedIn('admin');
    const [admin] = await t.database.db.select().from(users).where(eq(users.id, userId));
    if (!admin) throw new Error('no admin');
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const names = ['first', 'write, then refuse', 'third'];
    const request = {
      clientId: crypto.randomUUID(),
      mutations: ids.map((id, i) => ({ id: i + 1, name: 'category.create' as const, args: { id, name: names[i] }, at: new Date().toISOString() })),
    };
    const response = await push(t.database.db, admin, request, { run: writesThenRefuses, deferInserts });
    expect(response.lastMutationId).toBe(3);
    expect(response.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    const stored = await t.database.db.select().from(categories).where(inArray(categories.id, ids));
    expect(stored.map((c) => c.name).sort()).toEqual(['first', 'third']);
    // Replayed from the stored results, identically.
    expect(await push(t.database.db, admin, request, { run: writesThenRefuses, deferInserts })).toEqual(response);
  });
});
