import { For, Show } from 'solid-js';
import { arrivedLater } from '../../../sync/domain/action-time';
import { useHistory, type Ticket } from '../stores/tickets-store';
import { describeChange, type NameLookup } from './history-entry';
import { fullWhen, syncedWhen } from './when';

/**
 * Who changed what, from what to what, and when: the ticket's full history as the server recorded
 * it, dated by when each change was made (offline work keeps its own time, with when it synced).
 */
export function HistoryTimeline(props: { ticket: Ticket; names: NameLookup & { color(id: string): string | undefined }; zone: string }) {
  const history = useHistory(() => props.ticket.id);
  const who = (id: string | null) => (id ? (props.names.user(id) ?? 'A deleted user') : 'Someone');

  return (
    <section class="card stack" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ol class="timeline">
        <li class="timeline__item" style={{ '--author': (props.ticket.createdBy && props.names.color(props.ticket.createdBy)) || 'var(--border)' }}>
          <p>
            <strong>{who(props.ticket.createdBy)}</strong> opened the ticket
          </p>
          <time class="muted" datetime={props.ticket.createdAt}>
            {fullWhen(props.ticket.createdAt, props.zone)}
          </time>
        </li>
        <For each={history()}>
          {(h) => {
            const change = () => describeChange(h, props.names);
            return (
              <li class="timeline__item" style={{ '--author': (h.actorId && props.names.color(h.actorId)) || 'var(--border)' }}>
                <p>
                  <strong>{who(h.actorId)}</strong> {change().what}
                  <Show when={change().from !== undefined}>
                    {' '}
                    from <q class="timeline__value">{change().from}</q>
                  </Show>
                  <Show when={change().to !== undefined}>
                    {' '}
                    to <q class="timeline__value">{change().to}</q>
                  </Show>
                  <Show when={h.conflict}>
                    <span class="muted"> (made at the same time as another change to it; this one arrived later and stands)</span>
                  </Show>
                </p>
                <time class="muted" datetime={h.at}>
                  {fullWhen(h.at, props.zone)}
                  <Show when={arrivedLater(h.at, h.createdAt)}> · synced {syncedWhen(h.at, h.createdAt, props.zone)}</Show>
                </time>
              </li>
            );
          }}
        </For>
      </ol>
      <p class="muted timeline__note">Changes made on this device appear here once the server has them.</p>
    </section>
  );
}
