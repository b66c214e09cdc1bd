import { Button } from '@kobalte/core/button';
import { createSignal, For, Show } from 'solid-js';
import { TextInput } from '../components/text-input';
import type { Ticket } from '../stores/tickets-store';
import { errorMessage } from '../sync/error-message';
import { linkify } from './linkify';
import { saveTicket } from './save-ticket';
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
    const problem = descriptionProblem(value);
    if (problem) return setError(problem);
    if (value.trim() === props.ticket.description) return close();
    try {
      await saveTicket(props.ticket, { description: value });
      close();
    } catch (e) {
      setError(errorMessage(e, 'The description could not be saved on this device.'));
    }
  };

  return (
    <section class="card stack ticket-description" aria-labelledby="description-title">
      <div class="section-head">
        <h2 id="description-title">Description</h2>
        <Show when={draft() === null}>
          <button type="button" class="button button--ghost button--small" ref={(el) => (editButton = el)} onClick={() => setDraft(props.ticket.description)}>
            {props.ticket.description ? 'Edit' : 'Add'}
            <span class="visually-hidden"> description</span>
          </button>
        </Show>
      </div>
      <Show
        when={draft() !== null}
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
            void save();
          }}
          onKeyDown={(e) => e.key === 'Escape' && close()}
        >
          <TextInput
            label="Description"
            name="description"
            multiline
            value={draft() ?? ''}
            onChange={(v) => {
              setDraft(v);
              if (error()) setError(descriptionProblem(v));
            }}
            error={error()}
            autofocus
          />
          <div class="form-actions">
            <Button class="button button--primary button--small" type="submit">
              Save description
            </Button>
            <Button class="button button--ghost button--small" type="button" onClick={close}>
              Cancel
            </Button>
          </div>
        </form>
      </Show>
    </section>
  );
}
