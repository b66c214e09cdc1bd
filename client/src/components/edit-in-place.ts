import { createSignal } from 'solid-js';

/**
 * An admin list whose add form gives way to an edit form for the row being edited (locations,
 * quick links, people). Keeps a snapshot of that row (the form keeps its own values while the
 * list updates), the last thing done (announced), and focus: back on the row's Edit button
 * (`data-edit`) when editing ends, or on the list heading when the row is gone.
 */
export function createEditInPlace<T extends { id: string }>() {
  const [editing, setEditing] = createSignal<T>();
  const [done, setDone] = createSignal<string>();
  let listHeading: HTMLElement | undefined;
  const focusEditButton = (id: string) => queueMicrotask(() => (document.querySelector<HTMLElement>(`[data-edit="${id}"]`) ?? listHeading)?.focus());

  return {
    editing,
    done,
    announce: (message: string) => {
      setDone(message);
    },
    listHeadingRef: (el: HTMLElement) => {
      listHeading = el;
    },
    listHeading: () => listHeading,
    edit(row: T): void {
      setDone(undefined);
      setEditing(() => row);
    },
    saved(message: string, id: string): void {
      setDone(message);
      setEditing(undefined);
      focusEditButton(id);
    },
    cancel(id: string): void {
      setEditing(undefined);
      focusEditButton(id);
    },
    deleted(message: string, id: string): void {
      setDone(message);
      if (editing()?.id === id) setEditing(undefined);
    },
  };
}
