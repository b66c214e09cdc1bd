import { Button } from '@kobalte/core/button';
import { createSignal, For, Show } from 'solid-js';
import { TICKET_PRIORITIES } from '../../../sync/protocol/enums';
import { LIMITS } from '../../../sync/protocol/mutations';
import { MutationRejected } from '../../../sync/mutators/rejection';
import { TextInput } from '../components/text-input';
import { isLocalOnly, useTickets } from '../stores/tickets-store';
import { device } from '../sync/device';
import { ErrorAlert } from '../components/error-alert';

type Priority = (typeof TICKET_PRIORITIES)[number];

function NewTicketForm() {
  const [title, setTitle] = createSignal('');
  const [priority, setPriority] = createSignal<Priority>('medium');
  const [error, setError] = createSignal<string>();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      // Saved on this device at once; it reaches the server whenever there is a connection.
      await device.mutate('ticket.create', { id: crypto.randomUUID(), title: title(), priority: priority() });
      setTitle('');
    } catch (e) {
      setError(e instanceof MutationRejected ? e.message : 'The ticket could not be saved on this device.');
    }
  };

  return (
    <form class="card stack" onSubmit={submit} novalidate aria-labelledby="new-ticket-title">
      <h2 id="new-ticket-title">New ticket</h2>
      <TextInput label="Title" name="title" value={title()} onChange={setTitle} error={title().length > LIMITS.title ? `At most ${LIMITS.title} characters.` : undefined} />
      <div class="field">
        <label class="field__label" for="ticket-priority">
          Priority
        </label>
        <select id="ticket-priority" class="field__input" value={priority()} onChange={(e) => setPriority(e.currentTarget.value as Priority)}>
          <For each={TICKET_PRIORITIES}>{(p) => <option value={p}>{p[0]?.toUpperCase() + p.slice(1)}</option>}</For>
        </select>
      </div>
      <ErrorAlert message={error()} />
      <Button class="button button--primary" type="submit">
        Create ticket
      </Button>
    </form>
  );
}

export function TicketsPage() {
  const tickets = useTickets();
  return (
    <>
      <h1 class="page-title">Tickets</h1>
      <div class="tickets-layout">
        <NewTicketForm />
        <section class="card stack" aria-labelledby="ticket-list-title">
          <h2 id="ticket-list-title">Open tickets</h2>
          <Show when={tickets().length > 0} fallback={<p class="muted">No tickets yet.</p>}>
            <ul class="ticket-list">
              <For each={tickets()}>
                {(ticket) => (
                  <li class="ticket-list__item">
                    <span class={`priority priority--${ticket.priority}`}>{ticket.priority}</span>
                    <span class="ticket-list__title">{ticket.title}</span>
                    <span class="badge">{ticket.status.replace('_', ' ')}</span>
                    <Show when={isLocalOnly(ticket)}>
                      <span class="badge badge--pending" title="Saved on this device; it will be sent when there is a connection.">
                        not synced yet
                      </span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
      </div>
    </>
  );
}
