import type { Db } from './database';
import { backoffDelay } from '../../sync/domain/backoff';
import { isContention } from './pg-error';

/** 12 attempts pausing 5, 10, 20 … 500 ms (half of it random): up to about 2.6 s of waiting in all. */
export const RETRY_ATTEMPTS = 12;
const RETRY_BASE_MS = 5;
const RETRY_MAX_MS = 500;

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
  options: {
    attempts?: number;
    retryOn?: (error: unknown) => boolean;
    accessMode?: 'read only' | 'read write';
    /** Replaceable in tests. */
    sleep?: (ms: number) => Promise<void>;
    /** Told of each failure that is about to be run again (tests count them). */
    onRetry?: (error: unknown) => void;
  } = {},
): Promise<T> {
  const attempts = options.attempts ?? RETRY_ATTEMPTS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => work(tx as unknown as Db), {
        isolationLevel: isolation,
        ...(options.accessMode ? { accessMode: options.accessMode } : {}),
      });
    } catch (error) {
      const retryable = isContention(error) || (options.retryOn?.(error) ?? false);
      if (!retryable || attempt >= attempts) throw error;
      options.onRetry?.(error);
      // Back off exponentially, with jitter, so competing transactions stop colliding. A fixed few
      // milliseconds was too short when many devices push at once: transactions then last longer
      // than the pause, and every retry met the same rivals still running (8 failed attempts, a 500).
      await sleep(backoffDelay(attempt - 1, Math.random, RETRY_BASE_MS, RETRY_MAX_MS));
    }
  }
}
