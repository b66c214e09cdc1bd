import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';

/**
 * A Solid signal over a Dexie live query: re-runs when the tables it read change (in this tab, or
 * in another through IndexedDB observation), and starts over when `source` changes (another user's
 * device database). Stores use it; components only see the signal. Dexie is imported when a source
 * first exists: by then the device has loaded it (it comes with the device's chunk, after the
 * page is drawn), so the page and its frame do not wait for it.
 */
export function liveSignal<S, T>(source: Accessor<S | null>, query: (source: S) => Promise<T>, initial: T): Accessor<T> {
  const [value, setValue] = createSignal<T>(initial);
  createEffect(
    on(source, (current) => {
      if (!current) {
        setValue(() => initial);
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
          next: (v) => setValue(() => v),
          error: (e: unknown) => console.error('Live query failed:', e),
        });
        unsubscribe = () => subscription.unsubscribe();
      });
    }),
  );
  return value;
}
