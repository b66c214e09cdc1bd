/**
 * Delay before retry number `attempt` (0-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so a crew of phones coming back online at once (or several mail workers after an outage) do not retry in lockstep.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 1_000, maxMs = 60_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
