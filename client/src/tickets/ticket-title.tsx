import { Button } from '@kobalte/core/button';
import { Show } from 'solid-js';
import { TextInput } from '../components/text-input';
import type { Ticket } from '../stores/tickets-store';
import { useInPlaceEdit } from './in-place-edit';
import { titleProblem } from './validate';

/** The ticket's title as the page heading, with an Edit button that turns it into a field. */
export function TicketTitle(props: { ticket: Ticket }) {
  const edit = useInPlaceEdit('title', () => props.ticket, titleProblem);

  return (
    <Show
      when={edit.editing()}
      fallback={
        <div class="ticket-title">
          <h1 class="page-title ticket-title__text">{props.ticket.title}</h1>
          <button type="button" class="button button--ghost button--small" ref={edit.editButtonRef} onClick={edit.open}>
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
          void edit.save();
        }}
        onKeyDown={(e) => e.key === 'Escape' && edit.close()}
      >
        <TextInput
          label="Title"
          name="title"
          value={edit.draft() ?? ''}
          onChange={edit.type}
          error={edit.error()}
          autofocus
        />
        <div class="form-actions">
          <Button class="button button--primary button--small" type="submit">
            Save title
          </Button>
          <Button class="button button--ghost button--small" type="button" onClick={edit.close}>
            Cancel
          </Button>
        </div>
      </form>
    </Show>
  );
}
