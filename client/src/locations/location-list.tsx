import { Button } from '@kobalte/core/button';
import { For, Show } from 'solid-js';
import { ConfirmDialog } from '../components/confirm-dialog';
import { NotSyncedBadge } from '../components/not-synced-badge';
import type { Location } from '../stores/locations-store';
import { keyedRows } from '../stores/keyed-rows';
import { usePendingIds } from '../stores/pending-store';
import { isLocalOnly } from '../stores/tickets-store';
import { device } from '../sync/device';
import { errorMessage } from '../sync/error-message';
import { utcOffset } from './time-zones';

function LocationItem(props: {
  location: Location;
  editing: boolean;
  unsynced: boolean;
  onEdit: () => void;
  onDeleted: (message: string) => void;
  fallbackFocus: () => HTMLElement | undefined;
}) {
  return (
    <li class="row-list__item location-item" classList={{ 'is-editing': props.editing }}>
      <div class="location-item__main">
        <p class="location-item__name">{props.location.name}</p>
        <Show when={props.location.address}>
          <p class="location-item__address">{props.location.address}</p>
        </Show>
        <p class="muted">
          {props.location.timezone.replaceAll('_', ' ')} <span class="location-item__offset">({utcOffset(props.location.timezone)})</span>
        </p>
      </div>
      <div class="location-item__side">
        <Show when={props.unsynced}>
          <NotSyncedBadge />
        </Show>
        <Show when={props.editing}>
          <span class="badge">editing</span>
        </Show>
        <div class="location-item__actions">
          <Button class="button button--ghost button--small" data-edit={props.location.id} onClick={() => props.onEdit()}>
            Edit<span class="visually-hidden"> {props.location.name}</span>
          </Button>
          <ConfirmDialog
            trigger="Delete"
            triggerDetail={props.location.name}
            title={`Delete ${props.location.name}?`}
            confirmLabel="Delete location"
            danger
            errorMessage={(e) => errorMessage(e, 'The location could not be deleted on this device.')}
            fallbackFocus={props.fallbackFocus}
            onConfirm={async () => {
              const name = props.location.name;
              await device.mutate('location.delete', { id: props.location.id, baseVersion: props.location.version });
              props.onDeleted(`Deleted ${name}.`);
            }}
          >
            <p>Shifts and tickets at {props.location.name} stay where they are; they will show “no location”.</p>
            <p>This cannot be undone.</p>
          </ConfirmDialog>
        </div>
      </div>
    </li>
  );
}

/**
 * Every location with Edit and Delete. Deleting asks first and says what happens to the shifts and
 * tickets there: they stay, with no location (the database sets their location to none).
 */
export function LocationList(props: {
  locations: Location[];
  editingId: string | undefined;
  onEdit: (location: Location) => void;
  onDeleted: (message: string, id: string) => void;
  fallbackFocus: () => HTMLElement | undefined;
}) {
  const pending = usePendingIds('location');
  const { ids, row } = keyedRows(() => props.locations);
  return (
    <Show when={ids().length > 0} fallback={<p class="muted">No locations yet. Add the first one with the form.</p>}>
      <ul class="row-list location-list">
        <For each={ids()}>
          {(id) => (
            <Show when={row(id)}>
              {(location) => (
                <LocationItem
                  location={location()}
                  editing={props.editingId === id}
                  unsynced={isLocalOnly(location()) || pending().has(id)}
                  onEdit={() => props.onEdit(location())}
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
