import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, onCleanup, Show } from 'solid-js';
import type { TicketStatus } from '../../../sync/domain/ticket-status';
import { useViewer } from '../calendar/viewer';
import { session } from '../session/session';
import { useCategories } from '../stores/categories-store';
import { useLocations } from '../stores/locations-store';
import { usePendingIds } from '../stores/pending-store';
import { useTeam } from '../stores/team-store';
import { useAllTickets } from '../stores/tickets-store';
import { ArchiveOldDialog } from '../tickets/archive-old-dialog';
import { useNames } from '../tickets/names';
import { ticketsCsv } from '../tickets/ticket-csv';
import { StatusChips, TicketFilters } from '../tickets/ticket-filters';
import { DEFAULT_QUERY, isFiltered, paramsOfQuery, prepareSearch, queryFromParams, runTicketQuery, type TicketQuery } from '../tickets/ticket-query';
import { TicketRows } from '../tickets/ticket-rows';
import '../tickets/tickets.css';

/** Saves text as a file the browser downloads; nothing leaves the device. */
function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Ticks once a minute, so "14:03" becomes "Mon 23 Nov" after midnight without a reload. */
function useNow() {
  const [now, setNow] = createSignal(new Date());
  const timer = setInterval(() => setNow(new Date()), 60_000);
  onCleanup(() => clearInterval(timer));
  return now;
}

/** Every ticket on the device, filtered, searched and sorted on the device (works offline). */
export function TicketsPage() {
  const [params, setParams] = useSearchParams();
  const viewer = useViewer();
  const tickets = useAllTickets();
  const team = useTeam();
  const categories = useCategories();
  const locations = useLocations();
  const names = useNames();
  const pending = usePendingIds('ticket');
  const now = useNow();
  const isAdmin = () => session.user()?.role === 'admin';

  createEffect(() => {
    const list = tickets();
    prepareSearch(list, () => tickets() !== list);
  });
  const query = createMemo(() => queryFromParams(params));
  const result = createMemo(() => runTicketQuery(tickets(), query(), viewer().id));
  const update = (patch: Partial<TicketQuery>) => setParams(paramsOfQuery({ ...query(), ...patch }), { replace: true });
  const toggleStatus = (s: TicketStatus) => {
    const current = query().statuses;
    update({ statuses: current.includes(s) ? current.filter((x) => x !== s) : [...current, s] });
  };
  const count = () => result().tickets.length;

  const exportCsv = () => {
    const day = new Date().toISOString().slice(0, 10);
    download(`tickets-${day}.csv`, ticketsCsv(result().tickets, names(), viewer().zone), 'text/csv;charset=utf-8');
  };

  return (
    <>
      <div class="page-head">
        <h1 class="page-title">Tickets</h1>
        <div class="page-head__actions">
          <Show when={isAdmin()}>
            <ArchiveOldDialog tickets={tickets()} />
          </Show>
          <button type="button" class="button button--ghost" onClick={exportCsv} disabled={count() === 0}>
            Export CSV
          </button>
          <A href="/tickets/new" class="button button--primary">
            New ticket
          </A>
        </div>
      </div>
      <section class="card ticket-search" aria-label="Find tickets">
        <div class="field ticket-search__text">
          <label class="field__label" for="ticket-search">
            Search titles and descriptions
          </label>
          <input
            id="ticket-search"
            class="field__input"
            type="search"
            value={query().text}
            placeholder="e.g. boiler leak"
            onInput={(e) => update({ text: e.currentTarget.value })}
          />
        </div>
        <StatusChips query={query()} counts={result().counts} onToggle={toggleStatus} />
        <details class="ticket-search__more" open={isFiltered({ ...query(), statuses: [], text: '' }) || undefined}>
          <summary>More filters and sorting</summary>
          <TicketFilters query={query()} team={team()} categories={categories()} locations={locations()} onChange={update} />
        </details>
      </section>
      <p class="ticket-count" role="status">
        {count() === 1 ? '1 ticket' : `${count().toLocaleString('en')} tickets`}
        <Show when={isFiltered(query())}>
          {' '}
          <button type="button" class="link-button" onClick={() => setParams(paramsOfQuery(DEFAULT_QUERY), { replace: true })}>
            Clear filters
          </button>
        </Show>
      </p>
      <Show
        when={count() > 0}
        fallback={
          <p class="card muted">
            {tickets().length === 0 ? 'No tickets yet. Create the first one with “New ticket”.' : 'No tickets match these filters.'}
          </p>
        }
      >
        <TicketRows tickets={result().tickets} names={names()} zone={viewer().zone} now={now()} pending={pending()} />
      </Show>
    </>
  );
}
