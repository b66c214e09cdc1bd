/**
 * One replicator per device: the tab that holds the Web Lock is the leader and does all pushing and
 * pulling; when it closes, the lock passes to another tab. Without Web Locks (very old browsers, and
 * any page not served over HTTPS or from localhost) every tab leads. Mutation ids are taken in
 * IndexedDB transactions, a pull confirms only what a push answer recorded, and a too-large change
 * refused in two tabs at once is set aside once (two-tabs.pg.test.ts).
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
