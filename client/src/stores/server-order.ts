/**
 * Server order (version, a 64-bit counter as decimal text); rows only on this device (version 0)
 * come after, in the order they were made.
 */
export function serverOrder(a: { version: string; createdAt: string }, b: { version: string; createdAt: string }): number {
  const va = BigInt(a.version);
  const vb = BigInt(b.version);
  if (va === 0n || vb === 0n) return va === vb ? a.createdAt.localeCompare(b.createdAt) : va === 0n ? 1 : -1;
  return va < vb ? -1 : va > vb ? 1 : 0;
}
