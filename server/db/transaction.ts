import type { Db } from './database';
import { sqlState, SERIALIZATION_FAILURE } from './pg-error';

const DEADLOCK = '40P01';

export type Isolation = 'repeatable read' | 'serializable';

/**
 * Runs `work` in a transaction and runs it again (fresh snapshot) when Postgres reports a
 * serialization failure or deadlock, or when `retryOn` says so. Such failures are the price of
 * strong isolation and never reach the user; after `attempts` the last error is thrown.
 */
export async function withTransaction<T>(
  db: Db,
  isolation: Isolation,
  work: (tx: Db) => Promise<T>,
  options: { attempts?: number; retryOn?: (error: unknown) => boolean; accessMode?: 'read only' | 'read write' } = {},
): Promise<T> {
  const attempts = options.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => work(tx as unknown as Db), {
        isolationLevel: isolation,
        ...(options.accessMode ? { accessMode: options.accessMode } : {}),
      });
    } catch (error) {
      const code = sqlState(error);
      const retryable = code === SERIALIZATION_FAILURE || code === DEADLOCK || (options.retryOn?.(error) ?? false);
      if (!retryable || attempt >= attempts) throw error;
      // Back off a little, with jitter, so competing transactions stop colliding.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}
