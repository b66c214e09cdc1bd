import { createEffect, createRoot, createSignal, on, type Accessor } from 'solid-js';
import type { MutationInput, MutationName } from '../../../sync/protocol/mutations';
import { DeviceDatabase } from '../../db/device-db';
import { startBrowserTriggers } from '../../replicator/browser-triggers';
import { electLeader } from '../../replicator/leader';
import { Replicator } from '../../replicator/replicator';
import { initialStatus, type SyncStatus } from '../../replicator/sync-status';
import { httpTransport } from '../../replicator/transport';
import { session } from '../session/session';
import { trackWrite } from './writes-in-flight';

interface RunningDevice {
  userId: string;
  db: DeviceDatabase;
  replicator: Replicator;
  stop(): void;
}

/**
 * The signed-in user's device: their own IndexedDB database (one per user, so people sharing a
 * tablet never see or send each other's queue), the replicator, leader election across tabs and
 * the browser triggers. Started when someone signs in, stopped (data kept) when they sign out.
 */
function createDevice() {
  const [current, setCurrent] = createSignal<RunningDevice | null>(null);
  const [status, setStatus] = createSignal<SyncStatus>(initialStatus);

  function start(user: { id: string; role: 'admin' | 'technician' }): RunningDevice {
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
    const unsubscribe = replicator.subscribe((s) => {
      setStatus(s);
      if (leading && s.state === 'idle') channel.postMessage('changed');
    });
    channel.onmessage = (event: MessageEvent<string>) => {
      if (event.data === 'sync' && leading) replicator.requestSync();
      if (event.data === 'changed' && !leading) void replicator.refresh();
    };
    const resign = electLeader(`technician-scheduler-replicator-${user.id}`, () => {
      leading = true;
      stopTriggers = startBrowserTriggers(replicator);
    });
    void replicator.refresh();
    return {
      userId: user.id,
      db,
      replicator,
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

  createEffect(
    on(session.user, (user) => {
      const running = current();
      if (user && running?.userId === user.id) {
        // Signed in again after the session ended: carry on with the kept queue.
        running.replicator.resume({ id: user.id, role: user.role });
        return;
      }
      running?.stop();
      setCurrent(user ? start(user) : null);
      if (!user) setStatus(initialStatus);
    }),
  );

  return {
    status,
    db: current as Accessor<RunningDevice | null>,
    /** Applies a change on this device now and syncs it when possible; throws MutationRejected. */
    async mutate<N extends MutationName>(name: N, args: MutationInput<N>): Promise<void> {
      const running = current();
      if (!running) throw new Error('Not signed in');
      await trackWrite(running.replicator.mutate(name, args));
    },
    /** Sends a refused change again, as it was or with `edited` args; throws MutationRejected. */
    async resubmit(key: number, edited?: unknown): Promise<void> {
      await current()?.replicator.resubmit(key, edited);
    },
    async discard(key: number): Promise<void> {
      await current()?.replicator.discard(key);
    },
    /** Pushes and pulls now; resolves when that attempt is over (at once in a tab that does not lead). */
    async syncNow(): Promise<void> {
      const running = current();
      if (!running) return;
      running.replicator.requestSync();
      await running.replicator.settle();
    },
  };
}

export const device = createRoot(createDevice);
