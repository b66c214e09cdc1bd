import { createEffect, createRoot, createSignal, on, type Accessor } from 'solid-js';
import type { MutationInput, MutationName } from '../../../sync/protocol/mutations';
import { initialStatus, type SyncStatus } from '../../replicator/sync-status';
import { session } from '../session/session';
import type { RunningDevice, startDevice } from './device-runtime';
import { trackWrite } from './writes-in-flight';

/**
 * Resolves once the page's heading is drawn (every page has one), so the page shows before the
 * device's chunk is fetched and run; at the latest after a second, and also in a hidden tab, which
 * draws no frames but must still sync.
 */
function afterPageDrawn(): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => check());
    const done = () => {
      clearTimeout(timer);
      observer.disconnect();
      resolve();
    };
    const timer = setTimeout(done, 1000);
    function check() {
      if (!document.querySelector('main h1')) return;
      observer.disconnect();
      if (document.hidden) done();
      // Two frames: the first one's callbacks run before it is painted.
      else requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)));
    }
    observer.observe(document.body, { childList: true, subtree: true });
    check();
  });
}

/** Lets the browser run whatever waits (input, a frame) before the next step. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The device's code, evaluated in steps rather than all at once: Dexie, the protocol's field
 * schemas with the part of zod they use, its mutation schemas (zod's first run builds them
 * slowly), then the rest. (Not `import('zod')` itself: that would ship all of zod, locales and all.) Evaluating a module graph cannot be
 * interrupted, and all of it at once kept a phone's main thread busy for over 100 ms after the page
 * showed (bench/README.md, First load on a phone); a module already evaluated is not run again.
 */
async function loadRuntime(): Promise<{ startDevice: typeof startDevice }> {
  await import('dexie');
  await nextTask();
  await import('../../../sync/protocol/fields');
  await nextTask();
  await import('../../../sync/protocol/mutations');
  await nextTask();
  return import('./device-runtime');
}

/**
 * The signed-in user's device (see device-runtime.ts), started when someone signs in and stopped
 * (data kept) when they sign out. The database and replicator load once the page is drawn: the page
 * and its frame draw first, their data follows a moment later (every store starts empty and fills
 * in), and a phone on a slow CPU shows its page sooner. Writes made before the device is up wait for
 * it rather than fail.
 */
function createDevice() {
  const [current, setCurrent] = createSignal<RunningDevice | null>(null);
  const [status, setStatus] = createSignal<SyncStatus>(initialStatus);
  // Until the running device has read its queue and last sync, `status` is a placeholder.
  const [statusKnown, setStatusKnown] = createSignal(false);
  let starting: Promise<RunningDevice | null> = Promise.resolve(null);
  let generation = 0;

  function start(user: { id: string; role: 'admin' | 'technician' }): Promise<RunningDevice | null> {
    const mine = ++generation;
    return afterPageDrawn()
      .then(loadRuntime)
      .then(({ startDevice }) => {
        // Signed out, or someone else signed in, while the chunk loaded.
        if (mine !== generation) return null;
        const running = startDevice(user, setStatus);
        setCurrent(running);
        void running.statusRead.then(() => {
          if (mine === generation) setStatusKnown(true);
        });
        return running;
      });
  }

  createEffect(
    on(session.known, (user) => {
      // Still loading, or the server cannot be reached with nobody cached: nothing to change yet.
      if (user === undefined) return;
      const running = current();
      if (user && running?.userId === user.id) {
        // Signed in again after the session ended: carry on with the kept queue.
        running.replicator.resume({ id: user.id, role: user.role });
        return;
      }
      running?.stop();
      setCurrent(null);
      setStatusKnown(false);
      generation++;
      if (!user) {
        setStatus(initialStatus);
        starting = Promise.resolve(null);
        return;
      }
      starting = start(user);
      starting.catch((error: unknown) => console.error('The device database could not start:', error));
    }),
  );

  /** The running device, waiting for one that is starting. */
  const ready = async (): Promise<RunningDevice | null> => current() ?? (await starting);

  return {
    status,
    /** Whether `status` is this device's (read from its database) rather than the empty one before it started. */
    statusKnown: statusKnown as Accessor<boolean>,
    db: current as Accessor<RunningDevice | null>,
    /** Applies a change on this device now and syncs it when possible; throws MutationRejected. */
    async mutate<N extends MutationName>(name: N, args: MutationInput<N>): Promise<void> {
      const write = ready().then((running) => {
        if (!running) throw new Error('Not signed in');
        return running.replicator.mutate(name, args);
      });
      await trackWrite(write);
    },
    /** Sends a refused change again, as it was or with `edited` args; throws MutationRejected. */
    async resubmit(key: number, edited?: unknown): Promise<void> {
      await (await ready())?.replicator.resubmit(key, edited);
    },
    async discard(key: number): Promise<void> {
      await (await ready())?.replicator.discard(key);
    },
    /** Pushes and pulls now; resolves when that attempt is over (at once in a tab that does not lead). */
    async syncNow(): Promise<void> {
      const running = await ready();
      if (!running) return;
      running.replicator.requestSync();
      await running.replicator.settle();
    },
  };
}

export const device = createRoot(createDevice);
