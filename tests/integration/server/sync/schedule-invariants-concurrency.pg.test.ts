import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schedules, timeOff, users } from '../../../../drizzle/schema';
import { push, type MutationRunner } from '../../../../server/sync/push';
import { runMutation } from '../../../../sync/mutators';
import type { PushRequest } from '../../../../sync/protocol/push';
import { timeOffInterval } from '../../../../sync/domain/overlap';
import { SyncDevice } from '../../../support/sync-client';
import { drivers } from '../../../support/test-database';
import { useTestApp, type TestApp } from '../../../support/test-app';

/*
 * Pushes run at REPEATABLE READ (decision 028). The invariants no constraint holds — no shift inside
 * approved time off, whether the shift is booked, the time off approved or the technician's zone
 * changed second — must still hold when the two pushes run at the very same time. Each pair below is
 * made to overlap for real: each push stops after its mutation has checked and written, until the
 * other has too (or a second has passed, when the other is waiting for it), and only then commits.
 * Serially one of the two would be refused; so here exactly one may apply.
 */

async function userRow(t: TestApp, id: string) {
  const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
  if (!row) throw new Error('no such user');
  return row;
}

/** Resolves once `n` have arrived, or `ms` after one arrives (when another is blocked behind it). */
function meeting(n: number, ms: number): () => Promise<void> {
  let arrived = 0;
  let everyone = () => {};
  const all = new Promise<void>((r) => (everyone = r));
  return () => {
    if (++arrived >= n) everyone();
    return Promise.race([all, new Promise<void>((r) => setTimeout(r, ms))]);
  };
}

/** The mutators, each push waiting at `meet` after its mutation and before its commit. */
const meetingBeforeCommit = (meet: () => Promise<void>): MutationRunner => async (port, ctx, name, args) => {
  const conflicts = await runMutation(port, ctx, name, args);
  await meet();
  return conflicts;
};

const one = (name: PushRequest['mutations'][number]['name'], args: unknown): PushRequest => ({
  clientId: crypto.randomUUID(),
  mutations: [{ id: 1, name, args, at: new Date().toISOString() } as PushRequest['mutations'][number]],
});

/** Approved time off of `technicianId` that any of their shifts falls inside, in their zone now. */
async function shiftsInsideApprovedTimeOff(t: TestApp, technicianId: string): Promise<number> {
  const [tech] = await t.database.db.select().from(users).where(eq(users.id, technicianId));
  if (!tech) throw new Error('no technician');
  const offs = await t.database.db.select().from(timeOff).where(eq(timeOff.technicianId, technicianId));
  const shifts = await t.database.db.select().from(schedules).where(eq(schedules.technicianId, technicianId));
  let inside = 0;
  for (const off of offs.filter((o) => o.status === 'approved')) {
    const span = timeOffInterval({ startDate: off.startDate, endDate: off.endDate }, tech.timezone);
    inside += shifts.filter((s) => s.startsAt < span.end && s.endsAt > span.start).length;
  }
  return inside;
}

const PAIRS = 6;

// Only Postgres interleaves transactions (PGlite runs one at a time): skipped, not absent, without it.
describe.runIf(drivers.includes('postgres'))('schedule invariants under concurrent pushes on postgres', () => {
  const driver = 'postgres' as const;
  const t = useTestApp(driver);

  it(`approving time off and booking a shift inside it at the same moment: exactly one applies (${PAIRS} pairs at once)`, async () => {
    const { client, userId: adminId } = await t.signedIn('admin');
    const admin = new SyncDevice(client);
    const adminRow = await userRow(t, adminId);
    // One device's mutations go one at a time.
    const pairs: { technicianId: string; offId: string; day: string }[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const { userId } = await t.signedIn('technician');
      await t.database.db.update(users).set({ timezone: 'UTC' }).where(eq(users.id, userId));
      const offId = crypto.randomUUID();
      const day = `2031-07-${String(10 + i).padStart(2, '0')}`;
      expect((await admin.do('timeOff.create', { id: offId, technicianId: userId, startDate: day, endDate: day, kind: 'vacation' })).status).toBe('applied');
      pairs.push({ technicianId: userId, offId, day });
    }

    const outcomes = await Promise.all(
      pairs.map(async ({ technicianId, offId, day }) => {
        const run = meetingBeforeCommit(meeting(2, 1_000));
        const [approve, book] = await Promise.all([
          push(t.database.db, adminRow, one('timeOff.update', { id: offId, baseVersion: 0, patch: { status: 'approved' } }), { run }),
          push(t.database.db, adminRow, one('schedule.create', { id: crypto.randomUUID(), technicianId, start: `${day}T08:00:00.000Z`, end: `${day}T12:00:00.000Z` }), { run }),
        ]);
        return { technicianId, statuses: [approve.results[0]?.status, book.results[0]?.status] };
      }),
    );
    for (const { technicianId, statuses } of outcomes) {
      expect(statuses.filter((s) => s === 'applied'), technicianId).toHaveLength(1);
      expect(statuses.filter((s) => s === 'rejected'), technicianId).toHaveLength(1);
      expect(await shiftsInsideApprovedTimeOff(t, technicianId)).toBe(0);
    }
  });

  it(`a technician changing zone while a shift is booked that the change would put inside their approved time off: exactly one applies (${PAIRS} pairs at once)`, async () => {
    const { client, userId: adminId } = await t.signedIn('admin');
    const admin = new SyncDevice(client);
    const adminRow = await userRow(t, adminId);
    const pairs: { tech: Awaited<ReturnType<typeof userRow>>; day: string }[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const { userId } = await t.signedIn('technician');
      await t.database.db.update(users).set({ timezone: 'UTC' }).where(eq(users.id, userId));
      const offId = crypto.randomUUID();
      const day = `2031-08-${String(10 + i).padStart(2, '0')}`;
      await admin.do('timeOff.create', { id: offId, technicianId: userId, startDate: day, endDate: day, kind: 'vacation' });
      expect((await admin.do('timeOff.update', { id: offId, baseVersion: 0, patch: { status: 'approved' } })).status).toBe('applied');
      pairs.push({ tech: await userRow(t, userId), day });
    }

    const outcomes = await Promise.all(
      pairs.map(async ({ tech, day }) => {
        // 16:00–20:00 UTC the evening before: outside the day off in UTC, inside it in Tokyo (UTC+9).
        const before = new Date(Date.parse(`${day}T00:00:00.000Z`) - 8 * 3_600_000);
        const run = meetingBeforeCommit(meeting(2, 1_000));
        const [zone, book] = await Promise.all([
          push(t.database.db, tech, one('profile.update', { patch: { timezone: 'Asia/Tokyo' } }), { run }),
          push(t.database.db, adminRow, one('schedule.create', { id: crypto.randomUUID(), technicianId: tech.id, start: before.toISOString(), end: new Date(before.getTime() + 4 * 3_600_000).toISOString() }), { run }),
        ]);
        return { technicianId: tech.id, statuses: [zone.results[0]?.status, book.results[0]?.status] };
      }),
    );
    for (const { technicianId, statuses } of outcomes) {
      expect(statuses.filter((s) => s === 'applied'), technicianId).toHaveLength(1);
      expect(await shiftsInsideApprovedTimeOff(t, technicianId)).toBe(0);
    }
  });
});
