import { createMemo, createSignal, lazy, Show, Suspense } from 'solid-js';
import { summarize, type SyncSummary } from '../../replicator/sync-summary';
import { device } from '../sync/device';
import { browserOnline } from '../sync/network';

const SyncPopover = lazy(() => import('./sync-popover').then((m) => ({ default: m.SyncPopover })));

/** The pill's words and tone, from `summarize` (client/replicator/sync-summary.ts). */
const useSyncSummary = () => createMemo(() => summarize(device.status(), browserOnline(), device.statusKnown()));
export const pillClass = (summary: SyncSummary) => `sync-pill sync-pill--${summary.tone}`;
export const pillLabel = (summary: SyncSummary) => `Sync status: ${summary.label}`;

export function SyncPillFace(props: { summary: SyncSummary }) {
  return (
    <>
      <span class={props.summary.busy ? 'sync-pill__spinner' : 'sync-pill__dot'} aria-hidden="true" />
      <span class="sync-pill__label">{props.summary.label}</span>
    </>
  );
}

/**
 * The sync state in one glance: synced, syncing (a spinner), offline or the server unreachable with
 * N changes waiting, or changes that need the user's attention. The pill is drawn with the frame;
 * its popover (Kobalte's, with its locale detection and positioning) is a chunk of its own, fetched
 * when a pointer or the keyboard comes to the pill and put in its place on the first click, opened.
 * Until then the pill is a plain button that looks and reads the same.
 */
export function SyncIndicator() {
  const summary = useSyncSummary();
  const [opened, setOpened] = createSignal(false);
  const preload = () => void SyncPopover.preload();
  const pill = () => (
    <button
      type="button"
      class={pillClass(summary())}
      aria-label={pillLabel(summary())}
      aria-haspopup="dialog"
      aria-expanded="false"
      onPointerEnter={preload}
      onFocus={preload}
      onClick={() => setOpened(true)}
    >
      <SyncPillFace summary={summary()} />
    </button>
  );
  return (
    <Show when={opened()} fallback={pill()}>
      <Suspense fallback={pill()}>
        <SyncPopover defaultOpen summary={summary()} />
      </Suspense>
    </Show>
  );
}
