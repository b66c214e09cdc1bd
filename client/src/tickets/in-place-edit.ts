import { createSignal } from 'solid-js';
import type { Ticket } from '../stores/tickets-store';
import { errorMessage } from '../sync/error-message';
import { saveTicket } from './save-ticket';

type TextField = 'title' | 'description';

/**
 * One text field of a ticket edited in place: the draft (null while not editing), its message, and
 * save/close that check the field as the server would, skip an unchanged value and put focus back
 * on the Edit button. The title and the description both use it.
 */
export function useInPlaceEdit(field: TextField, ticket: () => Ticket, problem: (value: string) => string | undefined) {
  const [draft, setDraft] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string>();
  let editButton: HTMLButtonElement | undefined;

  const close = () => {
    setDraft(null);
    setError(undefined);
    queueMicrotask(() => editButton?.focus());
  };
  const save = async () => {
    const value = draft() ?? '';
    const found = problem(value);
    if (found) return setError(found);
    if (value.trim() === ticket()[field]) return close();
    try {
      await saveTicket(ticket(), { [field]: value });
      close();
    } catch (e) {
      setError(errorMessage(e, `The ${field} could not be saved on this device.`));
    }
  };
  return {
    draft,
    error,
    editing: () => draft() !== null,
    open: () => setDraft(ticket()[field]),
    /** Typing: a shown message follows the text, and goes once it is fixed. */
    type: (value: string) => {
      setDraft(value);
      if (error()) setError(problem(value));
    },
    save,
    close,
    editButtonRef: (el: HTMLButtonElement) => (editButton = el),
  };
}
