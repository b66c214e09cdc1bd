import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { categories, users } from '../../../../drizzle/schema';
import type { UserRow } from '../../../../server/auth/sessions';
import type { Database } from '../../../../server/db/database';
import { pull } from '../../../../server/sync/pull';
import { drivers, openTestDatabase } from '../../../support/test-database';
import { seedFromEnv, seededRandom } from '../../../support/random';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seed = seedFromEnv();

/**
 * sync-cursor.md's test: writers commit out of order (random pauses inside their transactions, after
 * they took their change number) while a puller polls with small pages. Every committed change must
 * be seen. Only real Postgres can interleave transactions, so this runs there alone.
 */
describe.runIf(drivers.includes('postgres'))(`the pull cursor under concurrent writers (seed ${seed})`, () => {
  let database: Database;
  let user: UserRow;
  beforeAll(async () => {
    database = await openTestDatabase('postgres', { max: 20 });
    const [row] = await database.db.insert(users).values({ email: 'puller@example.com', name: 'Puller', role: 'admin', passwordHash: 'x' }).returning();
    if (!row) throw new Error('no user');
    user = row;
  });
  afterAll(() => database.close());

  it('never skips a change: 12 writers × 60 transactions, pages of 7', async () => {
    const r = seededRandom(seed);
    const committed = new Set<string>();
    const seen = new Set<string>();
    let writing = true;

    const writer = async (w: number) => {
      for (let i = 0; i < 60; i++) {
        const id = crypto.randomUUID();
        const pause = r.int(0, 15);
        await database.db.transaction(async (tx) => {
          await tx.insert(categories).values({ id, name: `w${w}-${i}` });
          await sleep(pause);
        });
        committed.add(id);
      }
    };

    const clientId = crypto.randomUUID();
    let cursor: string | undefined;
    const pollOnce = async () => {
      const page = await pull(database.db, user, { clientId, limit: 7, ...(cursor ? { cursor } : {}) });
      cursor = page.cursor;
      for (const c of page.changes) if (c.entity === 'category') seen.add(c.id);
      return page.hasMore;
    };
    const puller = (async () => {
      while (writing) await pollOnce();
      while (await pollOnce());
    })();

    await Promise.all(Array.from({ length: 12 }, (_, w) => writer(w)));
    writing = false;
    await puller;
    // One more pass: anything below the horizon now must be out.
    while (await pollOnce());

    expect(committed.size).toBe(720);
    const missed = [...committed].filter((id) => !seen.has(id));
    expect(missed).toEqual([]);
    const [sample] = await database.db.select().from(categories).where(eq(categories.id, [...committed][0] ?? ''));
    expect(sample).toBeDefined();
  }, 120_000);

  it('a pull waits briefly for an older open transaction instead of leaving a newer commit for later', async () => {
    const clientId = crypto.randomUUID();
    let cursor = (await pull(database.db, user, { clientId, limit: 1000 })).cursor;
    while (true) {
      const page = await pull(database.db, user, { clientId, limit: 1000, cursor });
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    let releaseOlder = () => {};
    const older = database.db.transaction(async (tx) => {
      await tx.insert(categories).values({ id: crypto.randomUUID(), name: 'older, slow' });
      await new Promise<void>((resolve) => (releaseOlder = resolve));
    });
    await sleep(50);
    const newer = crypto.randomUUID();
    await database.db.insert(categories).values({ id: newer, name: 'newer, committed' });
    setTimeout(() => releaseOlder(), 300);
    const started = Date.now();
    const page = await pull(database.db, user, { clientId, limit: 1000, cursor });
    await older;
    expect(page.changes.map((c) => c.id)).toContain(newer);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
