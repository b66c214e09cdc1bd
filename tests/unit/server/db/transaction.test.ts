import { describe, expect, it } from 'vitest';
import type { Db } from '../../../../server/db/database';
import { RETRY_ATTEMPTS, withTransaction } from '../../../../server/db/transaction';

/** A driver error as Drizzle hands it on: the SQLSTATE on `cause`. */
const dbError = (code: string) => Object.assign(new Error('Failed query'), { cause: Object.assign(new Error(`sqlstate ${code}`), { code }) });

/** A database whose transactions fail with `code` the first `failures` times, then succeed. */
function flakyDb(failures: number, code = '40001') {
  let calls = 0;
  const db = {
    transaction: async (work: (tx: unknown) => Promise<unknown>) => {
      calls++;
      if (calls <= failures) throw dbError(code);
      return work({});
    },
  } as unknown as Db;
  return { db, calls: () => calls };
}

describe('withTransaction', () => {
  it('waits longer after each serialization failure, so rivals still running can finish', async () => {
    const waits: number[] = [];
    const { db, calls } = flakyDb(RETRY_ATTEMPTS - 1);
    await expect(withTransaction(db, 'serializable', async () => 'done', { sleep: async (ms) => void waits.push(ms) })).resolves.toBe('done');
    expect(calls()).toBe(RETRY_ATTEMPTS);
    expect(waits).toHaveLength(RETRY_ATTEMPTS - 1);
    // Exponential with jitter: every wait is at least half its ceiling, and the ceilings double up to a cap.
    expect(waits[0]).toBeLessThanOrEqual(5);
    expect(waits[5]).toBeGreaterThanOrEqual(80);
    expect(Math.max(...waits)).toBeLessThanOrEqual(500);
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThan(1_000);
  });

  it('retries a deadlock the same way', async () => {
    const { db, calls } = flakyDb(2, '40P01');
    await withTransaction(db, 'serializable', async () => 'done', { sleep: async () => {} });
    expect(calls()).toBe(3);
  });

  it('gives up with the last error after the allowed attempts', async () => {
    const { db, calls } = flakyDb(100);
    await expect(withTransaction(db, 'serializable', async () => 'done', { sleep: async () => {} })).rejects.toThrow('Failed query');
    expect(calls()).toBe(RETRY_ATTEMPTS);
  });

  it('does not retry an error that is about the data', async () => {
    const { db, calls } = flakyDb(1, '23505');
    await expect(withTransaction(db, 'serializable', async () => 'done', { sleep: async () => {} })).rejects.toThrow('Failed query');
    expect(calls()).toBe(1);
  });
});
