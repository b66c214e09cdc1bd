import { Button } from '@kobalte/core/button';
import { For, Show } from 'solid-js';
import { TextInput } from '../components/text-input';
import type { Ticket } from '../stores/tickets-store';
import { linkify } from './linkify';
import { useInPlaceEdit } from './in-place-edit';
import { descriptionProblem } from './validate';

/** Plain text with its web addresses as links (never HTML from the text itself). */
export function LinkedText(props: { text: string }) {
  return (
    <For each={linkify(props.text)}>
      {(piece) =>
        'href' in piece ? (
          <a href={piece.href} target="_blank" rel="noopener noreferrer">
            {piece.text}
          </a>
        ) : (
          piece.text
        )
      }
    </For>
  );
}

/** The description, shown as text with links, edited in place. */
export function TicketDescription(props: { ticket: Ticket }) {
  const edit = useInPlaceEdit('description', () => props.ticket, descriptionProblem);

  return (
    <section class="card stack ticket-description" aria-labelledby="description-title">
      <div class="section-head">
        <h2 id="description-title">Description</h2>
        <Show when={!edit.editing()}>
          <button type="button" class="button button--ghost button--small" ref={edit.editButtonRef} onClick={edit.open}>
            {props.ticket.description ? 'Edit' : 'Add'}
            <span class="visually-hidden"> description</span>
          </button>
        </Show>
      </div>
      <Show
        when={edit.editing()}
        fallback={
          <Show when={props.ticket.description} fallback={<p class="muted">No description yet.</p>}>
            <p class="prose">
              <LinkedText text={props.ticket.description} />
            </p>
          </Show>
        }
      >
        <form
          class="stack"
          novalidate
          onSubmit={(e) => {
            e.preventDefault();
            void edit.save();
          }}
          onKeyDown={(e) => e.key === 'Escape' && edit.close()}
        >
          <TextInput
            label="Description"
            name="description"
            multiline
            value={edit.draft() ?? ''}
            onChange={edit.type}
            error={edit.error()}
            autofocus
          />
          <div class="form-actions">
            <Button class="button button--primary button--small" type="submit">
              Save description
            </Button>
            <Button class="button button--ghost button--small" type="button" onClick={edit.close}>
              Cancel
            </Button>
          </div>
        </form>
      </Show>
    </section>
  );
}
