import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';

/**
 * A live query's value, and whether it has answered yet for the current device: until then the
 * value is the initial one, which is not the same as "nothing there", so a page shows that it is
 * loading rather than an empty state it may take back a moment later.
 */
export type LiveSignal<T> = Accessor<T> & { ready: Accessor<boolean> };

/**
 * A Solid signal over a Dexie live query: re-runs when the tables it read change (in this tab, or
 * in another through IndexedDB observation), and starts over when `source` changes (another user's
 * device database). Stores use it; components only see the signal. Dexie is imported when a source
 * first exists: by then the device has loaded it (it comes with the device's chunk, after the
 * page is drawn), so the page and its frame do not wait for it.
 *
 * `ready` turns true with the first answer and false only when the source goes away (sign-out, or
 * the moment between two users' devices): a new window on the same device (the next day at
 * midnight) keeps showing the old rows until the new ones are read, rather than blinking.
 */
export function liveSignal<S, T>(source: Accessor<S | null>, query: (source: S) => Promise<T>, initial: T): LiveSignal<T> {
  const [value, setValue] = createSignal<T>(initial);
  const [ready, setReady] = createSignal(false);
  createEffect(
    on(source, (current) => {
      if (!current) {
        setValue(() => initial);
        setReady(false);
        return;
      }
      let unsubscribe: (() => void) | null = null;
      let cancelled = false;
      onCleanup(() => {
        cancelled = true;
        unsubscribe?.();
      });
      void import('dexie').then(({ liveQuery }) => {
        if (cancelled) return;
        const subscription = liveQuery(() => query(current)).subscribe({
          next: (v) => {
            setValue(() => v);
            setReady(true);
          },
          // Nothing more will come: show what there is rather than a placeholder for ever.
          error: (e: unknown) => {
            console.error('Live query failed:', e);
            setReady(true);
          },
        });
        unsubscribe = () => subscription.unsubscribe();
      });
    }),
  );
  return Object.assign(value, { ready });
}
