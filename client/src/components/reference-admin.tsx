import { createUniqueId, Show, type JSX } from 'solid-js';
import { AdminBreadcrumb } from './breadcrumb';
import { DoneStatus } from './done-status';
import { createEditInPlace } from './edit-in-place';
import type { ReferenceListEvents } from './reference-list';
import './reference-admin.css';

/** What the form needs from the page: the row being edited (none: a new one), and what to do when done. */
export interface ReferenceFormSlot<R> {
  row?: R;
  onDone: (message: string, id: string) => void;
  onCancel?: () => void;
}

/**
 * An admin page for a list everyone reads and admins keep (locations, categories): the form beside
 * the list on desktop, above it on phones. Edit puts a snapshot of the row in the form; when the form
 * is done or cancelled, focus goes back to that row's Edit button, and what happened is announced.
 */
export function ReferenceAdmin<R extends { id: string }>(props: {
  title: string;
  listTitle: string;
  form: (slot: ReferenceFormSlot<R>) => JSX.Element;
  list: (events: ReferenceListEvents<R>) => JSX.Element;
}) {
  const list = createEditInPlace<R>();
  const listTitleId = createUniqueId();

  return (
    <>
      <AdminBreadcrumb page={props.title} />
      <h1 class="page-title">{props.title}</h1>
      <div class="reference-layout">
        <Show when={list.editing()} keyed fallback={props.form({ onDone: list.announce })}>
          {(row) => props.form({ row, onDone: list.saved, onCancel: () => list.cancel(row.id) })}
        </Show>
        <section class="card stack" aria-labelledby={listTitleId}>
          <h2 id={listTitleId} ref={list.listHeadingRef} tabindex="-1">
            {props.listTitle}
          </h2>
          <DoneStatus message={list.done()} />
          {props.list({
            get editingId() {
              return list.editing()?.id;
            },
            onEdit: list.edit,
            onDeleted: list.deleted,
            announce: list.announce,
            fallbackFocus: list.listHeading,
          })}
        </section>
      </div>
    </>
  );
}
