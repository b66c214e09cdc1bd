import { Button } from '@kobalte/core/button';
import { createSignal, Show } from 'solid-js';
import { TextInput } from '../components/text-input';
import type { Ticket } from '../stores/tickets-store';
import { errorMessage } from '../sync/error-message';
import { saveTicket } from './save-ticket';
import { titleProblem } from './validate';

/** The ticket's title as the page heading, with an Edit button that turns it into a field. */
export function TicketTitle(props: { ticket: Ticket }) {
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
    const problem = titleProblem(value);
    if (problem) return setError(problem);
    if (value.trim() === props.ticket.title) return close();
    try {
      await saveTicket(props.ticket, { title: value });
      close();
    } catch (e) {
      setError(errorMessage(e, 'The title could not be saved on this device.'));
    }
  };

  return (
    <Show
      when={draft() !== null}
      fallback={
        <div class="ticket-title">
          <h1 class="page-title ticket-title__text">{props.ticket.title}</h1>
          <button type="button" class="button button--ghost button--small" ref={(el) => (editButton = el)} onClick={() => setDraft(props.ticket.title)}>
            Edit<span class="visually-hidden"> title</span>
          </button>
        </div>
      }
    >
      <form
        class="ticket-title ticket-title--editing"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={(e) => e.key === 'Escape' && close()}
      >
        <TextInput
          label="Title"
          name="title"
          value={draft() ?? ''}
          onChange={(v) => {
            setDraft(v);
            if (error()) setError(titleProblem(v));
          }}
          error={error()}
          autofocus
        />
        <div class="form-actions">
          <Button class="button button--primary button--small" type="submit">
            Save title
          </Button>
          <Button class="button button--ghost button--small" type="button" onClick={close}>
            Cancel
          </Button>
        </div>
      </form>
    </Show>
  );
}
