import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, inArray } from 'drizzle-orm';
import { categories, mailOutbox, schedules, syncConflicts, syncMutations, ticketComments, ticketHistory, tickets, users } from '../../../../drizzle/schema';
import type { UserRow } from '../../../../server/auth/sessions';
import type { Database } from '../../../../server/db/database';
import { push, type MutationRunner, type PushMode, type PushOptions } from '../../../../server/sync/push';
import { runMutation } from '../../../../sync/mutators';
import { reject } from '../../../../sync/mutators/rejection';
import type { PushRequest, WireMutation } from '../../../../sync/protocol/push';
import { mailWritten } from '../../../support/mail-outbox';
import { drivers, openTestDatabase } from '../../../support/test-database';
import { seedFromEnv, seededRandom } from '../../../support/random';

/*
 * A push batch's inserts are held back into multi-row statements (server/sync/insert-buffer.ts).
 * Every scenario runs the same batch on two identical databases, once that way and once one
 * statement at a time, and the answers and everything written must be the same. Which path ran is
 * watched too, so a batched path that silently fell back every time could not pass.
 */

const ADMIN = crypto.randomUUID();
const TECH = crypto.randomUUID();
const OTHER = crypto.randomUUID();
/** A fixed time of action, so both runs date history, comments and mail alike. */
const AT = new Date(Date.now() - 60_000).toISOString();
const seed = seedFromEnv();

type Batch = Omit<WireMutation, 'id' | 'at'> & { at?: string };

interface Side {
  database: Database;
  deferInserts: boolean;
}

describe.each(drivers)('push batches with inserts held back on %s', (driver) => {
  let deferred: Side;
  let direct: Side;

  beforeAll(async () => {
    deferred = { database: await openTestDatabase(driver), deferInserts: true };
    direct = { database: await openTestDatabase(driver), deferInserts: false };
    for (const { database } of [deferred, direct]) {
      await database.db.insert(users).values([
        { id: ADMIN, email: 'admin@example.com', name: 'Ada Admin', role: 'admin', passwordHash: 'unused' },
        { id: TECH, email: 'tech@example.com', name: 'Tom Tech', role: 'technician', passwordHash: 'unused' },
        { id: OTHER, email: 'other@example.com', name: 'Olga Other', role: 'admin', passwordHash: 'unused' },
      ]);
    }
  });
  afterAll(async () => {
    await deferred.database.close();
    await direct.database.close();
  });

  async function user(side: Side, id: string): Promise<UserRow> {
    const [row] = await side.database.db.select().from(users).where(eq(users.id, id));
    if (!row) throw new Error('no such user');
    return row;
  }

  /** Pushes `batch` as one request from a new client; answers the response and the fallbacks taken. */
  async function pushOn(side: Side, actorId: string, batch: Batch[], overrides: Partial<PushOptions> = {}, clientId = crypto.randomUUID()) {
    const fallbacks: [PushMode, PushMode][] = [];
    const request: PushRequest = { clientId, mutations: batch.map((m, i) => ({ ...m, id: i + 1, at: m.at ?? AT }) as WireMutation) };
    const response = await push(side.database.db, await user(side, actorId), request, {
      deferInserts: side.deferInserts,
      onFallback: (from, to) => fallbacks.push([from, to]),
      ...overrides,
    });
    return { request, response, fallbacks, clientId };
  }

  /** Everything a push writes that the scenarios touch, without ids and clocks the database makes. */
  async function written(side: Side, ids: string[], clientId: string) {
    const { db } = side.database;
    const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
    // Archiving is dated by arrival, which differs between the two runs: compare whether, not when.
    const archived = (v: Date | string | null) => (v === null ? null : 'archived');
    return {
      tickets: sorted(
        await db
          .select({ id: tickets.id, title: tickets.title, description: tickets.description, priority: tickets.priority, status: tickets.status, categoryId: tickets.categoryId, assigneeId: tickets.assigneeId, createdBy: tickets.createdBy, createdAt: tickets.createdAt, archivedAt: tickets.archivedAt })
          .from(tickets)
          .where(inArray(tickets.id, ids))
          .then((rows) => rows.map((row) => ({ ...row, archivedAt: archived(row.archivedAt) }))),
      ),
      history: sorted(
        await db
          .select({ ticketId: ticketHistory.ticketId, actorId: ticketHistory.actorId, field: ticketHistory.field, from: ticketHistory.fromValue, to: ticketHistory.toValue, conflict: ticketHistory.conflict, at: ticketHistory.at })
          .from(ticketHistory)
          .where(inArray(ticketHistory.ticketId, ids))
          .then((rows) => rows.map((row) => (row.field === 'archivedAt' ? { ...row, from: archived(row.from), to: archived(row.to) } : row))),
      ),
      comments: sorted(await db.select({ id: ticketComments.id, ticketId: ticketComments.ticketId, body: ticketComments.body, at: ticketComments.at }).from(ticketComments).where(inArray(ticketComments.id, ids))),
      categories: sorted(await db.select({ id: categories.id, name: categories.name }).from(categories).where(inArray(categories.id, ids))),
      schedules: sorted(await db.select({ id: schedules.id, start: schedules.startsAt, end: schedules.endsAt }).from(schedules).where(inArray(schedules.id, ids))),
      results: await db.select({ id: syncMutations.mutationId, result: syncMutations.result }).from(syncMutations).where(eq(syncMutations.clientId, clientId)).orderBy(asc(syncMutations.mutationId)),
      conflicts: sorted(await db.select({ entityId: syncConflicts.entityId, field: syncConflicts.field, overwritten: syncConflicts.overwritten, winner: syncConflicts.winner, mutationId: syncConflicts.mutationId }).from(syncConflicts).where(eq(syncConflicts.clientId, clientId))),
      mail: sorted(await mailWritten(db).then(() => db.select({ to: mailOutbox.recipientId, kind: mailOutbox.kind, subject: mailOutbox.subject, batchKey: mailOutbox.batchKey }).from(mailOutbox))),
    };
  }

  /**
   * Runs the batch on both sides (after the same `setup`) and expects the same answers and rows.
   * Answers the held-back side's run, for the scenario's own expectations.
   */
  async function sameOnBothPaths(ids: string[], batch: Batch[], options: { setup?: (side: Side) => Promise<void>; overrides?: Partial<PushOptions> } = {}) {
    const runs = [];
    const clientId = crypto.randomUUID();
    for (const side of [deferred, direct]) {
      await options.setup?.(side);
      const run = await pushOn(side, ADMIN, batch, options.overrides, clientId);
      runs.push({ ...run, written: await written(side, ids, clientId) });
    }
    const [held, oneByOne] = runs as [(typeof runs)[number], (typeof runs)[number]];
    expect(held.response).toEqual(oneByOne.response);
    expect(held.written).toEqual(oneByOne.written);
    // Retried, it is answered from the stored results and changes nothing.
    expect((await pushOn(deferred, ADMIN, batch, options.overrides, clientId)).response).toEqual(held.response);
    expect(await written(deferred, ids, clientId)).toEqual(held.written);
    return held;
  }

  const ids = (n: number) => Array.from({ length: n }, () => crypto.randomUUID());
  const create = (id: string, title = `Ticket ${id.slice(0, 4)}`, extra: Record<string, unknown> = {}): Batch => ({ name: 'ticket.create', args: { id, title, priority: 'low', ...extra } });

  it('rejects mutations in the middle of a batch alone and applies their neighbours, without leaving the batched path', async () => {
    const [a, b, c, d, e, f] = ids(6) as [string, string, string, string, string, string];
    const run = await sameOnBothPaths([a, b, c, d, e, f], [
      create(a),
      { name: 'ticket.create', args: { id: b, priority: 'low' } },
      create(c, 'Assigned to nobody known', { assigneeId: crypto.randomUUID() }),
      { name: 'ticket.update', args: { id: crypto.randomUUID(), baseVersion: '0', patch: { title: 'Gone' } } },
      { ...create(d), at: '1850-07-20T20:17:00.000Z' },
      create(e),
      { name: 'ticket.update', args: { id: a, baseVersion: '0', patch: { status: 'closed' } } },
      create(f),
    ]);
    expect(run.response.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected', 'rejected', 'applied', 'rejected', 'applied']);
    expect(run.written.tickets).toHaveLength(3);
    expect(run.fallbacks).toEqual([]);
  });

  it('refuses an id claimed twice in one batch as the second claim, for tickets and categories alike', async () => {
    const [t, c] = ids(2) as [string, string];
    const run = await sameOnBothPaths([t, c], [
      create(t, 'First claim'),
      create(t, 'Second claim'),
      { name: 'category.create', args: { id: c, name: 'Heating' } },
      { name: 'category.create', args: { id: c, name: 'Plumbing' } },
    ]);
    expect(run.response.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied', 'rejected']);
    expect(run.written.tickets.map((r) => (JSON.parse(r) as { title: string }).title)).toEqual(['First claim']);
    expect(run.written.categories.map((r) => (JSON.parse(r) as { name: string }).name)).toEqual(['Heating']);
    expect(run.fallbacks).toEqual([]);
  });

  it('refuses a second claim of an id the batch already wrote, and lets one deleted in the batch be claimed again', async () => {
    const [t, comment, c] = ids(3) as [string, string, string];
    const run = await sameOnBothPaths([t, comment, c], [
      create(t, 'Written'),
      // Commenting reads the ticket, so it is written before the comment is made.
      { name: 'comment.create', args: { id: comment, ticketId: t, body: 'Seen' } },
      create(t, 'Claimed again'),
      { name: 'category.create', args: { id: c, name: 'Old' } },
      { name: 'category.update', args: { id: c, baseVersion: '0', patch: { name: 'Older' } } },
      { name: 'category.delete', args: { id: c, baseVersion: '0' } },
      { name: 'category.create', args: { id: c, name: 'New' } },
    ]);
    expect(run.response.results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected', 'applied', 'applied', 'applied', 'applied']);
    expect(run.written.categories.map((r) => (JSON.parse(r) as { name: string }).name)).toEqual(['New']);
    expect(run.fallbacks).toEqual([]);
  });

  it('creates, edits, comments on and moves the status of one ticket within one batch, history and all', async () => {
    const [t, cat, comment, after] = ids(4) as [string, string, string, string];
    const run = await sameOnBothPaths([t, cat, comment, after], [
      { name: 'category.create', args: { id: cat, name: 'Boilers' } },
      create(t, 'Boiler', { categoryId: cat }),
      { name: 'ticket.update', args: { id: t, baseVersion: '0', patch: { title: 'Boiler in basement', priority: 'high' } } },
      { name: 'comment.create', args: { id: comment, ticketId: t, body: 'On my way' } },
      { name: 'ticket.update', args: { id: t, baseVersion: '0', patch: { status: 'in_progress' } } },
      { name: 'ticket.update', args: { id: t, baseVersion: '0', patch: { status: 'closed' } } },
      create(after),
    ]);
    expect(run.response.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'rejected', 'applied']);
    expect(run.written.tickets.map((r) => JSON.parse(r) as { id: string; title: string; status: string; categoryId: string }).find((r) => r.id === t)).toMatchObject({
      title: 'Boiler in basement',
      status: 'in_progress',
      categoryId: cat,
    });
    expect(run.written.history).toHaveLength(3);
    expect(run.written.comments).toHaveLength(1);
    expect(run.fallbacks).toEqual([]);
  });

  it('merges a stale edit with a conflict reported and recorded, between creates', async () => {
    const [x, before, after] = ids(3) as [string, string, string];
    let baseVersion = '';
    const setup = async (side: Side) => {
      await pushOn(side, OTHER, [create(x, 'Original')]);
      const [row] = await side.database.db.select({ version: tickets.version }).from(tickets).where(eq(tickets.id, x));
      baseVersion = String(row?.version);
      await pushOn(side, OTHER, [{ name: 'ticket.update', args: { id: x, baseVersion, patch: { title: 'Theirs' } } }]);
    };
    const run = await sameOnBothPaths([x, before, after], [create(before), { name: 'ticket.update', args: { id: x, get baseVersion() { return baseVersion; }, patch: { title: 'Mine' } } }, create(after)], { setup });
    expect(run.response.results[1]).toEqual({ id: 2, status: 'merged', conflicts: [{ field: 'title', yours: 'Mine', theirs: 'Theirs' }] });
    expect(run.written.conflicts).toHaveLength(1);
    expect(run.fallbacks).toEqual([]);
  });

  it('runs the batch again one statement at a time when an id it holds back is already taken in the database', async () => {
    const [taken, a, b] = ids(3) as [string, string, string];
    const setup = async (side: Side) => {
      await pushOn(side, OTHER, [create(taken, 'Already here')]);
    };
    const run = await sameOnBothPaths([taken, a, b], [create(a), create(taken, 'Same id again'), create(b)], { setup });
    expect(run.response.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(run.response.results[1]).toMatchObject({ error: { code: 'invalid' } });
    expect(run.fallbacks).toEqual([['deferred', 'direct']]);
  });

  it('refuses the second of two overlapping shifts booked in one batch, naming the first', async () => {
    const [s1, s2, s3] = ids(3) as [string, string, string];
    const shift = (id: string, start: string, end: string): Batch => ({ name: 'schedule.create', args: { id, technicianId: TECH, locationId: null, start, end } });
    const run = await sameOnBothPaths([s1, s2, s3], [
      shift(s1, '2031-03-03T08:00:00.000Z', '2031-03-03T12:00:00.000Z'),
      shift(s2, '2031-03-03T11:00:00.000Z', '2031-03-03T15:00:00.000Z'),
      shift(s3, '2031-03-03T13:00:00.000Z', '2031-03-03T16:00:00.000Z'),
    ]);
    expect(run.response.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(run.response.results[1]).toMatchObject({ error: { code: 'overlap' } });
    expect(run.fallbacks).toEqual([]);
  });

  it('writes the mail of assigned tickets and comments in the same batch', async () => {
    const [a, b, comment] = ids(3) as [string, string, string];
    const run = await sameOnBothPaths([a, b, comment], [
      create(a, 'Leak', { assigneeId: TECH }),
      create(b, 'Draught', { assigneeId: TECH }),
      { name: 'comment.create', args: { id: comment, ticketId: a, body: 'Bring a ladder' } },
    ]);
    expect(run.response.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(run.written.mail.length).toBeGreaterThanOrEqual(2);
    expect(run.fallbacks).toEqual([]);
  });

  it('turns a value the database refuses in a held-back insert into that mutation’s rejection alone', async () => {
    const [a, bad, b] = ids(3) as [string, string, string];
    // The schemas refuse NUL in any text, so only a mutator that writes unchecked input gets one this far.
    const storesNul: MutationRunner = async (port, ctx, name, args) => {
      const { id, title } = args as { id: string; title: string };
      if (title !== 'store NUL') return runMutation(port, ctx, name, args);
      await port.insert('category', { id, name: 'bad \u0000 name', color: '#000000' });
      return [];
    };
    const run = await sameOnBothPaths([a, bad, b], [create(a), create(bad, 'store NUL'), create(b)], { overrides: { run: storesNul } });
    expect(run.response.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(run.fallbacks).toEqual([
      ['deferred', 'direct'],
      ['direct', 'safe'],
    ]);
  });

  it('rolls back a mutation rejected after an update it wrote, through savepoints, keeping the rest', async () => {
    const [a, target, b] = ids(3) as [string, string, string];
    const updatesThenRefuses: MutationRunner = async (port, ctx, name, args) => {
      if (name !== 'ticket.archive') return runMutation(port, ctx, name, args);
      await port.update('ticket', (args as { id: string }).id, { title: 'Written, then refused' });
      reject('invalid', 'refused after writing');
    };
    const setup = async (side: Side) => {
      await pushOn(side, OTHER, [create(target, 'Untouched')]);
    };
    const run = await sameOnBothPaths([a, target, b], [create(a), { name: 'ticket.archive', args: { id: target } }, create(b)], { setup, overrides: { run: updatesThenRefuses } });
    expect(run.response.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(run.written.tickets.map((r) => (JSON.parse(r) as { title: string }).title)).toContain('Untouched');
    expect(run.fallbacks).toEqual([['deferred', 'safe']]);
  });

  it(`answers random batches over a few shared ids exactly as one statement at a time (TEST_SEED=${seed})`, async () => {
    const r = seededRandom(seed);
    const pool = { ticket: ids(6), category: ids(3), comment: ids(5), schedule: ids(5) };
    const all = Object.values(pool).flat();
    const statuses = ['open', 'in_progress', 'pending', 'resolved', 'closed'] as const;
    const randomMutation = (): Batch => {
      const ticket = r.pick(pool.ticket);
      switch (r.int(0, 8)) {
        case 0:
        case 1:
          return create(ticket, `Ticket ${r.int(1, 99)}`, { assigneeId: r.pick([undefined, TECH, crypto.randomUUID()]), categoryId: r.chance(0.5) ? r.pick(pool.category) : undefined });
        case 2:
          return { name: 'ticket.update', args: { id: ticket, baseVersion: '0', patch: r.chance(0.5) ? { status: r.pick(statuses) } : { title: `Edited ${r.int(1, 99)}`, assigneeId: r.pick([null, TECH]) } } };
        case 3:
          return { name: r.pick(['ticket.archive', 'ticket.unarchive'] as const), args: { id: ticket } };
        case 4:
          return { name: 'comment.create', args: { id: r.pick(pool.comment), ticketId: ticket, body: `Note ${r.int(1, 99)}` } };
        case 5:
          return { name: 'category.create', args: { id: r.pick(pool.category), name: `Category ${r.int(1, 99)}` } };
        case 6:
          return { name: 'category.delete', args: { id: r.pick(pool.category), baseVersion: '0' } };
        case 7: {
          const hour = r.int(6, 16);
          const start = `2031-04-07T${String(hour).padStart(2, '0')}:00:00.000Z`;
          const end = `2031-04-07T${String(hour + r.int(1, 3)).padStart(2, '0')}:00:00.000Z`;
          return { name: 'schedule.create', args: { id: r.pick(pool.schedule), technicianId: TECH, locationId: null, start, end } };
        }
        default:
          return { name: 'schedule.delete', args: { id: r.pick(pool.schedule), baseVersion: '0' } };
      }
    };
    const seen = new Set<string>();
    let heldBackToTheEnd = 0;
    for (let round = 0; round < 4; round++) {
      const run = await sameOnBothPaths(all, Array.from({ length: 30 }, randomMutation));
      for (const result of run.response.results) seen.add(result.status);
      if (run.fallbacks.length === 0) heldBackToTheEnd++;
    }
    // The first round starts from empty tables, so nothing it holds back can find its id taken.
    expect(heldBackToTheEnd).toBeGreaterThan(0);
    // The batches were mixed enough to prove something: some applied, some rejected.
    expect(seen).toContain('applied');
    expect(seen).toContain('rejected');
  });

  it('forgets the held-back insert of a mutation rejected after making it, without any fallback', async () => {
    const [a, refused, b] = ids(3) as [string, string, string];
    const insertsThenRefuses: MutationRunner = async (port, ctx, name, args) => {
      const { id, title } = args as { id: string; title: string };
      if (title !== 'refuse me') return runMutation(port, ctx, name, args);
      await port.insert('category', { id, name: title, color: '#000000' });
      reject('invalid', 'refused after writing');
    };
    const run = await sameOnBothPaths([a, refused, b], [create(a), create(refused, 'refuse me'), create(b)], { overrides: { run: insertsThenRefuses } });
    expect(run.response.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(run.written.categories).toEqual([]);
    expect(run.fallbacks).toEqual([]);
  });
});
