import { presenceEventSchema } from '../../sync/protocol/events';
import type { Replicator } from './replicator';

/** How often to pull even without a poke, in case an event stream silently died. */
export const PERIODIC_SYNC_MS = 3 * 60_000;

/**
 * When the leader tab syncs: on a poke from the server (SSE), when the event stream (re)connects,
 * when the network comes back, when the app becomes visible again, and every few minutes.
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
