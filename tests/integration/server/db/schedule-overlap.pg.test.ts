import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { schedules } from '../../../../drizzle/schema';
import { EXCLUSION_VIOLATION, sqlState } from '../../../../server/db/pg-error';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';

const shift = (technicianId: string, start: string, end: string) => ({
  id: crypto.randomUUID(),
  technicianId,
  startsAt: new Date(start),
  endsAt: new Date(end),
});

describe.each(drivers)('the schedule overlap constraint on %s', (driver) => {
  const t = useTestApp(driver);
  let alex: string;
  let blair: string;
  beforeAll(async () => {
    alex = await t.createUser('alex@example.com');
    blair = await t.createUser('blair@example.com');
    await t.database.db.insert(schedules).values(shift(alex, '2026-03-09T08:00:00Z', '2026-03-09T16:00:00Z'));
  });

  it('rejects an overlapping shift for the same technician with SQLSTATE 23P01', async () => {
    const error = await t.database.db
      .insert(schedules)
      .values(shift(alex, '2026-03-09T15:00:00Z', '2026-03-09T18:00:00Z'))
      .then(() => null, (e: unknown) => e);
    expect(sqlState(error)).toBe(EXCLUSION_VIOLATION);
  });

  it('rejects a shift inside another one and one that covers it', async () => {
    for (const [s, e] of [['2026-03-09T09:00:00Z', '2026-03-09T10:00:00Z'], ['2026-03-09T07:00:00Z', '2026-03-09T17:00:00Z']] as const) {
      const error = await t.database.db.insert(schedules).values(shift(alex, s, e)).then(() => null, (x: unknown) => x);
      expect(sqlState(error)).toBe(EXCLUSION_VIOLATION);
    }
  });

  it('allows back-to-back shifts (half-open intervals) and other technicians at the same time', async () => {
    await t.database.db.insert(schedules).values(shift(alex, '2026-03-09T16:00:00Z', '2026-03-09T20:00:00Z'));
    await t.database.db.insert(schedules).values(shift(blair, '2026-03-09T08:00:00Z', '2026-03-09T16:00:00Z'));
    const rows = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from schedules`);
    expect(rows[0]?.n).toBe(3);
  });

  it('rejects an empty, backwards or longer-than-24-hours shift', async () => {
    for (const [s, e] of [
      ['2026-03-10T08:00:00Z', '2026-03-10T08:00:00Z'],
      ['2026-03-10T08:00:00Z', '2026-03-10T07:00:00Z'],
      ['2026-03-10T08:00:00Z', '2026-03-11T08:00:01Z'],
    ] as const) {
      const error = await t.database.db.insert(schedules).values(shift(blair, s, e)).then(() => null, (x: unknown) => x);
      expect(sqlState(error)).toBe('23514');
    }
  });
});
