import { liveQuery } from 'dexie';
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';

/**
 * A Solid signal over a Dexie live query: re-runs when the tables it read change (in this tab, or
 * in another through IndexedDB observation), and starts over when `source` changes (another user's
 * device database). Stores use it; components only see the signal.
 */
export function liveSignal<S, T>(source: Accessor<S | null>, query: (source: S) => Promise<T>, initial: T): Accessor<T> {
  const [value, setValue] = createSignal<T>(initial);
  createEffect(
    on(source, (current) => {
      if (!current) {
        setValue(() => initial);
        return;
      }
      const subscription = liveQuery(() => query(current)).subscribe({
        next: (v) => setValue(() => v),
        error: (e: unknown) => console.error('Live query failed:', e),
      });
      onCleanup(() => subscription.unsubscribe());
    }),
  );
  return value;
}
