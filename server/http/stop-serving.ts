import type { Server } from 'node:http';

/**
 * Stops taking connections and lets the requests under way finish (a push commits and answers),
 * closing each kept-alive connection as soon as it is idle. After `graceMs` whatever is still open
 * is cut: a push cut there is rolled back whole by its transaction, never half-applied.
 */
export async function stopServing(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), graceMs);
  });
  server.closeIdleConnections();
  const cut = await Promise.race([closed.then(() => false), timedOut]);
  clearInterval(idle);
  clearTimeout(timer);
  if (cut) {
    server.closeAllConnections();
    await closed;
  }
}
