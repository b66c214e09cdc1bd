import { presenceEventSchema } from '../../sync/protocol/events';
import type { Replicator } from './replicator';

/** How often to pull even without a poke, in case an event stream silently died. */
export const PERIODIC_SYNC_MS = 3 * 60_000;

/**
 * When the leader tab syncs: on a poke from the server (SSE), when the event stream (re)connects,
 * when the network comes back, when the app becomes visible again, when the event stream drops, and
 * every few minutes.
 */
export function startBrowserTriggers(replicator: Replicator, eventsUrl = '/api/sync/events'): () => void {
  const sync = () => replicator.requestSync();
  const onVisible = () => {
    if (document.visibilityState === 'visible') sync();
  };
  window.addEventListener('online', sync);
  document.addEventListener('visibilitychange', onVisible);
  const timer = setInterval(sync, PERIODIC_SYNC_MS);

  const events = new EventSource(eventsUrl, { withCredentials: true });
  events.addEventListener('open', sync);
  events.addEventListener('poke', sync);
  // The stream dropping is the first sign that the server went away while the network stayed up:
  // a sync attempt now tells the pill within a second instead of at the next periodic pull. While
  // the device already knows, the browser's reconnect attempts every few seconds are left to the
  // replicator's backoff.
  events.addEventListener('error', () => {
    if (replicator.getStatus().state !== 'offline') sync();
  });
  events.addEventListener('presence', (e) => {
    const parsed = presenceEventSchema.safeParse(JSON.parse((e as MessageEvent<string>).data));
    if (parsed.success) replicator.setPresence(parsed.data.online);
  });

  sync();
  return () => {
    window.removeEventListener('online', sync);
    document.removeEventListener('visibilitychange', onVisible);
    clearInterval(timer);
    events.close();
  };
}
