/**
 * One replicator per device: the tab that holds the Web Lock is the leader and does all pushing and
 * pulling; when it closes, the lock passes to another tab. Without Web Locks (very old browsers, and
 * any page not served over HTTPS or from localhost) every tab leads. Mutation ids are taken in
 * IndexedDB transactions and a pull confirms only what a push answer recorded (two-tabs.pg.test.ts),
 * but the tabs' push budgets are their own: two tabs refused the same too-large change at once can
 * each set one aside, the second then the change after it (which stays on Needs attention).
 */
export function electLeader(name: string, onLeader: () => void): () => void {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) {
    onLeader();
    return () => {};
  }
  const controller = new AbortController();
  let release: (() => void) | undefined;
  locks
    .request(name, { signal: controller.signal }, () => new Promise<void>((resolve) => {
      release = resolve;
      onLeader();
    }))
    .catch(() => {
      // Aborted because this tab gave up waiting (sign-out, close): nothing to do.
    });
  return () => {
    controller.abort();
    release?.();
  };
}
