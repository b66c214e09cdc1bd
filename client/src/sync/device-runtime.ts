import type { SyncStatus } from '../../replicator/sync-status';
import { DeviceDatabase } from '../../db/device-db';
import { startBrowserTriggers } from '../../replicator/browser-triggers';
import { electLeader } from '../../replicator/leader';
import { Replicator } from '../../replicator/replicator';
import { httpTransport } from '../../replicator/transport';

export interface RunningDevice {
  userId: string;
  db: DeviceDatabase;
  replicator: Replicator;
  /** Settles once the status has been read from the database (queue, refusals, last sync). */
  statusRead: Promise<void>;
  stop(): void;
}

/** What the app's tabs of one user tell each other. */
type TabMessage = 'sync' | 'changed' | 'presence?' | { presence: string[] };

/**
 * Starts the signed-in user's device: their own IndexedDB database (one per user, so people sharing
 * a tablet never see or send each other's queue), the replicator, leader election across tabs and
 * the browser triggers. Its own chunk (Dexie and the replicator), loaded once the page is drawn.
 */
export function startDevice(user: { id: string; role: 'admin' | 'technician' }, onStatus: (s: SyncStatus) => void): RunningDevice {
  const db = new DeviceDatabase(`technician-scheduler-${user.id}`);
  // Pulled pages only: a transaction acknowledged under relaxed durability is complete for every
  // reader and survives a reload or a crash of the browser, but may be lost to a power cut, and
  // then is pulled again (its cursor is written with it). The queue keeps the default, since a
  // change the user made cannot be fetched back from anywhere.
  const pullDb = new DeviceDatabase(`technician-scheduler-${user.id}`, { chromeTransactionDurability: 'relaxed' });
  const channel = new BroadcastChannel(`technician-scheduler-sync-${user.id}`);
  let leading = false;
  let stopTriggers = () => {};
  const replicator = new Replicator({
    db,
    pullDb,
    transport: httpTransport(),
    actor: { id: user.id, role: user.role },
    isLeader: () => leading,
    nudgeLeader: () => channel.postMessage('sync'),
  });
  // Only the leading tab holds the event stream, so it alone hears who is online: it passes each
  // change on, and answers a tab that has just opened, so Home in any tab says the same.
  let lastPresence: readonly string[] | null = null;
  const unsubscribe = replicator.subscribe((s) => {
    onStatus(s);
    if (!leading) return;
    if (s.state === 'idle') channel.postMessage('changed');
    if (s.presence !== lastPresence) {
      lastPresence = s.presence;
      channel.postMessage({ presence: s.presence } satisfies TabMessage);
    }
  });
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data;
    if (message === 'sync' && leading) replicator.requestSync();
    if (message === 'changed' && !leading) void replicator.refresh();
    if (message === 'presence?' && leading) channel.postMessage({ presence: replicator.getStatus().presence } satisfies TabMessage);
    if (typeof message === 'object' && !leading && Array.isArray(message.presence)) replicator.setPresence(message.presence.filter((id) => typeof id === 'string'));
  };
  channel.postMessage('presence?' satisfies TabMessage);
  // A tab opened beside a leading one asks it for a sync: what this tab shows (Home's "Reachable")
  // then rests on an answer from the server since it opened, not on an earlier one.
  channel.postMessage('sync' satisfies TabMessage);
  const resign = electLeader(`technician-scheduler-replicator-${user.id}`, () => {
    leading = true;
    stopTriggers = startBrowserTriggers(replicator);
  });
  const statusRead = replicator.refresh().catch((error: unknown) => console.error('Reading the sync status failed:', error));
  return {
    userId: user.id,
    db,
    replicator,
    statusRead,
    stop() {
      stopTriggers();
      resign();
      unsubscribe();
      replicator.stop();
      channel.close();
      db.close();
      pullDb.close();
    },
  };
}
