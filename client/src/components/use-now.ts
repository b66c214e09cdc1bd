import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** The current time, refreshed every `everyMs` while the component lives, for "2 min ago" texts. */
export function useNow(everyMs: number): Accessor<Date> {
  const [now, setNow] = createSignal(new Date());
  const timer = setInterval(() => setNow(new Date()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
