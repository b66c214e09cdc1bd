import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { NotSyncedBadge } from '../components/not-synced-badge';
import { PlaceholderLine } from '../components/placeholder';
import { useMyOpenTickets } from '../stores/my-day-store';
import { usePendingIds } from '../stores/pending-store';
import { isLocalOnly } from '../stores/tickets-store';

const STATUS_WORDS = { open: 'open', in_progress: 'in progress', pending: 'waiting', resolved: 'resolved', closed: 'closed' } as const;

/** Tickets assigned to me and not done yet, each a link to its page. */
export function MyTickets() {
  const tickets = useMyOpenTickets();
  const pending = usePendingIds('ticket');
  return (
    <section class="card home-card" aria-labelledby="home-tickets-title" aria-busy={!tickets.ready()}>
      <h2 id="home-tickets-title">My open tickets</h2>
      <Show when={tickets().length > 0} fallback={tickets.ready() ? <p class="muted">No open tickets are assigned to you.</p> : <PlaceholderLine width="16em" />}>
        <ul class="home-list">
          <For each={tickets()}>
            {(ticket) => (
              <li>
                <A href={`/tickets/${ticket.id}`} class="home-ticket">
                  <span class={`priority priority--${ticket.priority}`}>{ticket.priority}</span>
                  <span class="home-ticket__title">{ticket.title}</span>
                  <span class="badge">{STATUS_WORDS[ticket.status]}</span>
                  <Show when={isLocalOnly(ticket) || pending().has(ticket.id)}>
                    <NotSyncedBadge />
                  </Show>
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <A href="/tickets" class="home-more">
        All tickets
      </A>
    </section>
  );
}
