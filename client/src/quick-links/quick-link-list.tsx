import { Button } from '@kobalte/core/button';
import { createSignal, For, Show } from 'solid-js';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorAlert } from '../components/error-alert';
import { NotSyncedBadge } from '../components/not-synced-badge';
import { keyedRows } from '../stores/keyed-rows';
import { usePendingIds } from '../stores/pending-store';
import type { QuickLink } from '../stores/quick-links-store';
import { isLocalOnly } from '../stores/tickets-store';
import { device } from '../sync/device';
import { errorMessage } from '../sync/error-message';
import { moveTo } from './reorder';

function QuickLinkItem(props: {
  link: QuickLink;
  first: boolean;
  last: boolean;
  editing: boolean;
  unsynced: boolean;
  onMove: (offset: -1 | 1) => void;
  onEdit: () => void;
  onDeleted: (message: string) => void;
  fallbackFocus: () => HTMLElement | undefined;
}) {
  return (
    <li class="row-list__item quick-link-item" classList={{ 'is-editing': props.editing }}>
      <div class="quick-link-item__main">
        <p class="quick-link-item__title">{props.link.title}</p>
        <p class="muted quick-link-item__url">{props.link.url}</p>
      </div>
      <div class="quick-link-item__side">
        <Show when={props.unsynced}>
          <NotSyncedBadge />
        </Show>
        <div class="quick-link-item__actions">
          <Button class="button button--ghost button--small" disabled={props.first} data-move-up={props.link.id} aria-label={`Move ${props.link.title} up`} onClick={() => props.onMove(-1)}>
            Up
          </Button>
          <Button class="button button--ghost button--small" disabled={props.last} data-move-down={props.link.id} aria-label={`Move ${props.link.title} down`} onClick={() => props.onMove(1)}>
            Down
          </Button>
          <Button class="button button--ghost button--small" data-edit={props.link.id} onClick={() => props.onEdit()}>
            Edit<span class="visually-hidden"> {props.link.title}</span>
          </Button>
          <ConfirmDialog
            trigger="Delete"
            triggerDetail={props.link.title}
            title={`Delete ${props.link.title}?`}
            confirmLabel="Delete link"
            danger
            errorMessage={(e) => errorMessage(e, 'The link could not be deleted on this device.')}
            fallbackFocus={props.fallbackFocus}
            onConfirm={async () => {
              const title = props.link.title;
              await device.mutate('quickLink.delete', { id: props.link.id, baseVersion: props.link.version });
              props.onDeleted(`Deleted ${title}.`);
            }}
          >
            <p>It disappears from everyone's Home page. This cannot be undone.</p>
          </ConfirmDialog>
        </div>
      </div>
    </li>
  );
}

/** The links in their order, with Up, Down, Edit and Delete; moving sends only the positions that change. */
export function QuickLinkList(props: {
  links: QuickLink[];
  editingId: string | undefined;
  onEdit: (link: QuickLink) => void;
  onDeleted: (message: string, id: string) => void;
  announce: (message: string) => void;
  fallbackFocus: () => HTMLElement | undefined;
}) {
  const pending = usePendingIds('quickLink');
  const { ids, row } = keyedRows(() => props.links);
  const [error, setError] = createSignal<string>();

  const move = async (link: QuickLink, offset: -1 | 1) => {
    setError(undefined);
    try {
      for (const change of moveTo(props.links, link.id, offset)) {
        await device.mutate('quickLink.update', { id: change.id, baseVersion: change.row.version, patch: { position: change.position } });
      }
      props.announce(`Moved ${link.title} ${offset < 0 ? 'up' : 'down'}.`);
      // The button pressed may now be disabled (top or bottom): keep focus on the row.
      queueMicrotask(() => {
        const selector = offset < 0 ? `[data-move-up="${link.id}"]` : `[data-move-down="${link.id}"]`;
        const button = document.querySelector<HTMLButtonElement>(selector);
        (button && !button.disabled ? button : document.querySelector<HTMLElement>(`[data-edit="${link.id}"]`))?.focus();
      });
    } catch (e) {
      setError(errorMessage(e, 'The order could not be saved on this device.'));
    }
  };

  return (
    <Show when={ids().length > 0} fallback={<p class="muted">No quick links yet. Add the first one with the form.</p>}>
      <ErrorAlert message={error()} />
      <ul class="row-list">
        <For each={ids()}>
          {(id, index) => (
            <Show when={row(id)}>
              {(link) => (
                <QuickLinkItem
                  link={link()}
                  first={index() === 0}
                  last={index() === ids().length - 1}
                  editing={props.editingId === id}
                  unsynced={isLocalOnly(link()) || pending().has(id)}
                  onMove={(offset) => void move(link(), offset)}
                  onEdit={() => props.onEdit(link())}
                  onDeleted={(message) => props.onDeleted(message, id)}
                  fallbackFocus={props.fallbackFocus}
                />
              )}
            </Show>
          )}
        </For>
      </ul>
    </Show>
  );
}
