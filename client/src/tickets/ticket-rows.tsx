import { createWindowVirtualizer } from '@tanstack/solid-virtual';
import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { STATUS_LABELS } from '../../../sync/domain/ticket-status';
import { NotSyncedBadge } from '../components/not-synced-badge';
import { isLocalOnly, type Ticket } from '../stores/tickets-store';
import type { NameLookup } from './history-entry';
import { PRIORITY_LABELS } from './ticket-filters';
import { shortWhen } from './when';

/**
 * The filtered tickets as links to their pages. Only the rows in view (and a few around them) are in
 * the page, so 10,000 tickets scroll as smoothly as 10; the page itself scrolls, as on any site.
 */
export function TicketRows(props: { tickets: Ticket[]; names: NameLookup; zone: string; now: Date; pending: ReadonlySet<string> }) {
  let list: HTMLUListElement | undefined;
  const ids = createMemo(() => props.tickets.map((t) => t.id));
  const byId = createMemo(() => new Map(props.tickets.map((t) => [t.id, t])));
  const virtualizer = createWindowVirtualizer({
    get count() {
      return ids().length;
    },
    estimateSize: () => 76,
    overscan: 8,
    getItemKey: (i) => ids()[i] ?? i,
    get scrollMargin() {
      return list?.offsetTop ?? 0;
    },
  });
  const indexOf = createMemo(() => new Map(ids().map((id, i) => [id, i])));
  const items = () => virtualizer.getVirtualItems();
  // Spacing above and below the drawn rows stands in for the rows not drawn (a list holds only items).
  const before = () => Math.max(0, (items()[0]?.start ?? 0) - virtualizer.options.scrollMargin);
  const after = () => {
    const last = items()[items().length - 1];
    return last ? Math.max(0, virtualizer.getTotalSize() - (last.end - virtualizer.options.scrollMargin)) : 0;
  };

  return (
    <ul class="ticket-rows" ref={(el) => (list = el)} style={{ 'padding-top': `${before()}px`, 'padding-bottom': `${after()}px` }} aria-label="Tickets">
        <For each={items().map((i) => ids()[i.index] ?? '')}>
          {(id) => (
            <Show when={byId().get(id)}>
              {(ticket) => (
                <li class="ticket-row" data-index={indexOf().get(id) ?? 0} ref={(el) => queueMicrotask(() => el.isConnected && virtualizer.measureElement(el))}>
                  <A href={`/tickets/${id}`} class="ticket-row__link">
                    <span class="ticket-row__title">{ticket().title}</span>
                    <span class="ticket-row__meta">
                      <span class={`priority priority--${ticket().priority}`}>{PRIORITY_LABELS[ticket().priority]}</span>
                      <span class={`status status--${ticket().status}`}>{STATUS_LABELS[ticket().status]}</span>
                      <Show when={ticket().archivedAt}>
                        <span class="badge badge--muted">Archived</span>
                      </Show>
                      <span class="ticket-row__who">{ticket().assigneeId ? (props.names.user(ticket().assigneeId ?? '') ?? 'Deleted user') : 'Unassigned'}</span>
                      <Show when={ticket().locationId}>{(l) => <span class="ticket-row__where">{props.names.location(l()) ?? 'No location'}</span>}</Show>
                      <span class="ticket-row__when">
                        <span class="visually-hidden">Updated </span>
                        {shortWhen(ticket().updatedAt, props.zone, props.now)}
                      </span>
                      <Show when={isLocalOnly(ticket()) || props.pending.has(id)}>
                        <NotSyncedBadge />
                      </Show>
                    </span>
                  </A>
                </li>
              )}
            </Show>
          )}
        </For>
    </ul>
  );
}
