import { Button } from '@kobalte/core/button';
import { For, Show, type JSX } from 'solid-js';
import type { EntityName } from '../../../sync/protocol/entities';
import { keyedRows } from '../stores/keyed-rows';
import { usePendingIds } from '../stores/pending-store';
import { isLocalOnly } from '../stores/tickets-store';
import { errorMessage } from '../sync/error-message';
import { ConfirmDialog } from './confirm-dialog';
import { NotSyncedBadge } from './not-synced-badge';

type Row = { id: string; version: string; name: string };

/** What the list needs from the page that holds it (see ReferenceAdmin). */
export interface ReferenceListEvents<R> {
  editingId: string | undefined;
  onEdit: (row: R) => void;
  onDeleted: (message: string, id: string) => void;
  /** Says what was done (e.g. a row moved). */
  announce: (message: string) => void;
  fallbackFocus: () => HTMLElement | undefined;
}

function ReferenceItem<R extends Row>(props: {
  row: R;
  noun: string;
  editing: boolean;
  unsynced: boolean;
  details: (row: R) => JSX.Element;
  afterDelete: (row: R) => JSX.Element;
  remove: (row: R) => Promise<void>;
  onEdit: () => void;
  onDeleted: (message: string) => void;
  fallbackFocus: () => HTMLElement | undefined;
}) {
  return (
    <li class="row-list__item reference-item" classList={{ 'is-editing': props.editing }}>
      <div class="reference-item__main">{props.details(props.row)}</div>
      <div class="reference-item__side">
        <Show when={props.unsynced}>
          <NotSyncedBadge />
        </Show>
        <Show when={props.editing}>
          <span class="badge">editing</span>
        </Show>
        <div class="reference-item__actions">
          <Button class="button button--ghost button--small" data-edit={props.row.id} onClick={() => props.onEdit()}>
            Edit<span class="visually-hidden"> {props.row.name}</span>
          </Button>
          <ConfirmDialog
            trigger="Delete"
            triggerDetail={props.row.name}
            title={`Delete ${props.row.name}?`}
            confirmLabel={`Delete ${props.noun}`}
            danger
            errorMessage={(e) => errorMessage(e, `The ${props.noun} could not be deleted on this device.`)}
            fallbackFocus={props.fallbackFocus}
            onConfirm={async () => {
              const name = props.row.name;
              await props.remove(props.row);
              props.onDeleted(`Deleted ${name}.`);
            }}
          >
            {props.afterDelete(props.row)}
            <p>This cannot be undone.</p>
          </ConfirmDialog>
        </div>
      </div>
    </li>
  );
}

/**
 * Every row of an admin list (locations, categories) with Edit and Delete, marked while not synced
 * yet. Deleting asks first, saying what becomes of what refers to the row (`afterDelete`).
 */
export function ReferenceList<R extends Row>(
  props: ReferenceListEvents<R> & {
    entity: EntityName;
    noun: string;
    rows: R[];
    empty: string;
    /** The row's content: its name and whatever else tells it apart. */
    details: (row: R) => JSX.Element;
    afterDelete: (row: R) => JSX.Element;
    /** Deletes the row through device.mutate. */
    remove: (row: R) => Promise<void>;
  },
) {
  const pending = usePendingIds(props.entity);
  const { ids, row } = keyedRows(() => props.rows);
  return (
    <Show when={ids().length > 0} fallback={<p class="muted">{props.empty}</p>}>
      <ul class="row-list">
        <For each={ids()}>
          {(id) => (
            <Show when={row(id)}>
              {(current) => (
                <ReferenceItem
                  row={current()}
                  noun={props.noun}
                  editing={props.editingId === id}
                  unsynced={isLocalOnly(current()) || pending().has(id)}
                  details={props.details}
                  afterDelete={props.afterDelete}
                  remove={props.remove}
                  onEdit={() => props.onEdit(current())}
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
