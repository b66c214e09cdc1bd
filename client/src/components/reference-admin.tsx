import { A } from '@solidjs/router';
import { createSignal, createUniqueId, Show, type JSX } from 'solid-js';
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
  const [editing, setEditing] = createSignal<R>();
  const [done, setDone] = createSignal<string>();
  const listTitleId = createUniqueId();
  let listHeading: HTMLHeadingElement | undefined;

  const focusEditButton = (id: string) =>
    queueMicrotask(() => (document.querySelector<HTMLElement>(`[data-edit="${id}"]`) ?? listHeading)?.focus());

  return (
    <>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <A href="/admin" end>
          Admin
        </A>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{props.title}</span>
      </nav>
      <h1 class="page-title">{props.title}</h1>
      <div class="reference-layout">
        <Show when={editing()} keyed fallback={props.form({ onDone: (message) => setDone(message) })}>
          {(row) =>
            props.form({
              row,
              onDone: (message, id) => {
                setDone(message);
                setEditing(undefined);
                focusEditButton(id);
              },
              onCancel: () => {
                setEditing(undefined);
                focusEditButton(row.id);
              },
            })
          }
        </Show>
        <section class="card stack" aria-labelledby={listTitleId}>
          <h2 id={listTitleId} ref={(el) => (listHeading = el)} tabindex="-1">
            {props.listTitle}
          </h2>
          <p class={done() ? 'alert alert--ok' : 'visually-hidden'} role="status">
            {done()}
          </p>
          {props.list({
            get editingId() {
              return editing()?.id;
            },
            onEdit: (row) => {
              setDone(undefined);
              setEditing(() => row);
            },
            onDeleted: (message, id) => {
              setDone(message);
              if (editing()?.id === id) setEditing(undefined);
            },
            fallbackFocus: () => listHeading,
          })}
        </section>
      </div>
    </>
  );
}
