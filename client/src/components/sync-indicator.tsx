import { Button } from '@kobalte/core/button';
import { Popover } from '@kobalte/core/popover';
import { formatDistanceToNow } from 'date-fns';
import { createSignal, For, Show } from 'solid-js';
import { MutationRejected } from '../../../sync/mutators/rejection';
import type { MutationName } from '../../../sync/protocol/mutations';
import { device } from '../sync/device';

/** What each change is called in the "needs attention" list; the compiler keeps the list complete. */
const MUTATION_LABELS: Record<MutationName, string> = {
  'schedule.create': 'New shift',
  'schedule.update': 'Shift change',
  'schedule.delete': 'Shift removal',
  'timeOff.create': 'Time off request',
  'timeOff.update': 'Time off change',
  'timeOff.delete': 'Time off withdrawal',
  'ticket.create': 'New ticket',
  'ticket.update': 'Ticket change',
  'ticket.archive': 'Ticket archived',
  'ticket.unarchive': 'Ticket restored',
  'comment.create': 'Comment',
  'location.create': 'New location',
  'location.update': 'Location change',
  'location.delete': 'Location removal',
  'category.create': 'New category',
  'category.update': 'Category change',
  'category.delete': 'Category removal',
  'quickLink.create': 'New quick link',
  'quickLink.update': 'Quick link change',
  'quickLink.delete': 'Quick link removal',
  'profile.update': 'Profile change',
  'mailSettings.update': 'Email settings change',
};

/**
 * The sync state in one glance: synced, offline with N changes waiting, or changes that need the
 * user's attention (the server refused them, with its reason). Nothing here ever discards silently.
 */
export function SyncIndicator() {
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
  const label = () => {
    const s = status();
    if (s.attention.length) return `${s.attention.length} need${s.attention.length === 1 ? 's' : ''} attention`;
    if (s.state === 'offline') return s.pending ? `Offline · ${s.pending} waiting` : 'Offline';
    if (s.state === 'syncing') return 'Syncing…';
    if (s.state === 'upgrade-required') return 'Update needed';
    if (s.state === 'signed-out') return 'Sign in again';
    if (s.pending) return `${s.pending} waiting`;
    return 'Synced';
  };
  const tone = () => {
    const s = status();
    if (s.attention.length || s.state === 'signed-out' || s.state === 'upgrade-required') return 'warn';
    if (s.state === 'offline' || s.pending) return 'pending';
    return 'ok';
  };

  return (
    <Popover placement="bottom-end" gutter={8}>
      <Popover.Trigger class={`sync-pill sync-pill--${tone()}`} aria-label={`Sync status: ${label()}`}>
        <span class="sync-pill__dot" aria-hidden="true" />
        <span class="sync-pill__label">{label()}</span>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content class="popover">
          <Popover.Title class="popover__title">Sync</Popover.Title>
          <p class="muted">
            <Show when={status().lastSyncAt} fallback="Not synced with the server yet.">
              {(at) => `Last synced ${formatDistanceToNow(new Date(at()), { addSuffix: true })}.`}
            </Show>{' '}
            <Show when={status().pending}>{(n) => `${n()} change(s) saved on this device are waiting to be sent.`}</Show>
          </p>
          <Show when={status().state === 'upgrade-required'}>
            <Button class="button button--primary" onClick={() => location.reload()}>
              Reload the app
            </Button>
          </Show>
          <Show when={status().attention.length}>
            <h3 class="popover__subtitle">Needs your attention</h3>
            <ul class="attention-list">
              <For each={status().attention}>
                {(item) => (
                  <li class="attention-list__item">
                    <strong>{MUTATION_LABELS[item.name] ?? item.name}</strong>
                    <span>{item.error.message}</span>
                    <Show when={item.key !== undefined && retryErrors()[item.key]}>{(message) => <span role="alert">{message()}</span>}</Show>
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
          <Show when={status().state !== 'syncing'}>
            <Button class="button button--ghost button--small" onClick={() => device.syncNow()}>
              Sync now
            </Button>
          </Show>
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  );
}
