/**
 * The SQLSTATE of a database error. Drizzle wraps driver errors, so the code sits on `cause`;
 * PGlite and postgres.js both put it in `code` there.
 */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const EXCLUSION_VIOLATION = '23P01';
export const SERIALIZATION_FAILURE = '40001';
export const DEADLOCK = '40P01';

/** A transaction that lost to concurrent ones: nothing wrong with it, it can run again. */
export function isContention(error: unknown): boolean {
  const code = sqlState(error);
  return code === SERIALIZATION_FAILURE || code === DEADLOCK;
}
export const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Errors that say "this value", not "this server": data exceptions (22xxx: a NUL character, a date
 * out of range…), integrity violations (23xxx) and program limits (54xxx: a value too large to
 * index). Anything else (connection lost, out of memory, a bug in our SQL) means the server is unwell.
 */
export function isRefusedValue(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && ['22', '23', '54'].includes(code.slice(0, 2));
}
