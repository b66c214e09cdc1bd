import { Button } from '@kobalte/core/button';
import { Popover } from '@kobalte/core/popover';
import { A } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { connectionOf, sinceText, syncNowAnswer, type SyncSummary } from '../../replicator/sync-summary';
import { MutationRejected } from '../../../sync/mutators/rejection';
import { MUTATION_LABELS } from '../attention/mutation-labels';
import { device } from '../sync/device';
import { browserOnline } from '../sync/network';
import { ErrorAlert } from './error-alert';
import { pillClass, pillLabel, SyncPillFace } from './sync-indicator';
import { useNow } from './use-now';

/**
 * The sync pill's popover (SyncIndicator): what the state means, when it last synced, the changes
 * the server refused with "Try again" and "Discard", and "Sync now". Nothing here ever discards
 * silently.
 */
export function SyncPopover(props: { defaultOpen: boolean; summary: SyncSummary }) {
  const status = device.status;
  const [retryErrors, setRetryErrors] = createSignal<Record<number, string>>({});
  const resubmit = async (key: number) => {
    try {
      await device.resubmit(key);
    } catch (e) {
      const message = e instanceof MutationRejected ? `Still not possible: ${e.message}` : 'Could not send it again.';
      setRetryErrors((all) => ({ ...all, [key]: message }));
    }
  };
  // The indicator's own summary: computed once, whichever of the two draws the pill.
  const summary = () => props.summary;
  const connection = createMemo(() => connectionOf(status(), browserOnline()));
  const now = useNow(30_000);

  // Why "Sync now" did nothing, shown until the connection changes: then it no longer applies.
  const [syncNowNote, setSyncNowNote] = createSignal<string>();
  createEffect(on(connection, () => setSyncNowNote(undefined), { defer: true }));
  const syncNow = async () => {
    setSyncNowNote(undefined);
    if (connection() === 'offline') {
      setSyncNowNote(syncNowAnswer('offline', status().pending));
      return;
    }
    await device.syncNow();
    setSyncNowNote(syncNowAnswer(connection(), status().pending));
  };

  return (
    <Popover placement="bottom-end" gutter={8} defaultOpen={props.defaultOpen}>
      <Popover.Trigger class={pillClass(summary())} aria-label={pillLabel(summary())}>
        <SyncPillFace summary={summary()} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content class="popover">
          <Popover.Title class="popover__title">Sync</Popover.Title>
          <p>{summary().detail}</p>
          <p class="muted">
            <Show when={status().lastSyncAt} fallback="Not synced with the server yet.">
              {(at) => `Last synced ${sinceText(at(), now())}.`}
            </Show>
          </p>
          <Show when={status().state === 'upgrade-required'}>
            <Button class="button button--primary" onClick={() => location.reload()}>
              Reload the app
            </Button>
          </Show>
          <Show when={status().attention.length}>
            <h3 class="popover__subtitle">Needs your attention</h3>
            <A href="/attention">Open Needs attention to edit or discard them</A>
            <ul class="attention-list">
              <For each={status().attention}>
                {(item) => (
                  <li class="attention-list__item">
                    <strong>{MUTATION_LABELS[item.name] ?? item.name}</strong>
                    <span>{item.error.message}</span>
                    <ErrorAlert message={item.key === undefined ? undefined : retryErrors()[item.key]} />
                    <div class="attention-list__actions">
                      <Button class="button button--ghost button--small" onClick={() => item.key !== undefined && void resubmit(item.key)}>
                        Try again
                      </Button>
                      <Button class="button button--ghost button--small" onClick={() => item.key !== undefined && void device.discard(item.key)}>
                        Discard
                      </Button>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <Show when={syncNowNote()}>{(note) => <p role="status">{note()}</p>}</Show>
          <Show when={status().state !== 'syncing' || connection() === 'offline'}>
            <Button class="button button--ghost button--small" onClick={() => void syncNow()}>
              Sync now
            </Button>
          </Show>
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  );
}
