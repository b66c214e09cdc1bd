import { A, useParams } from '@solidjs/router';
import { createMemo, createSignal, Show } from 'solid-js';
import { useViewer } from '../calendar/viewer';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorAlert } from '../components/error-alert';
import { Breadcrumb } from '../components/breadcrumb';
import { useCategories } from '../stores/categories-store';
import { useLocations } from '../stores/locations-store';
import { usePendingIds } from '../stores/pending-store';
import { useTeam } from '../stores/team-store';
import { isArchivable } from '../../../sync/domain/ticket-status';
import { isLocalOnly, useTicket, type Ticket } from '../stores/tickets-store';
import { device } from '../sync/device';
import { errorMessage } from '../sync/error-message';
import { CommentThread } from '../tickets/comment-thread';
import { HistoryTimeline } from '../tickets/history-timeline';
import { useNames } from '../tickets/names';
import { TicketDescription } from '../tickets/ticket-description';
import { TicketDetails } from '../tickets/ticket-details';
import { TicketTitle } from '../tickets/ticket-title';
import '../tickets/tickets.css';

/** Refused changes to this ticket or its comments, waiting in "needs attention". */
function useRefusals(ticketId: () => string) {
  return createMemo(() =>
    device.status().attention.filter((a) => {
      const args = a.args as { id?: unknown; ticketId?: unknown } | null;
      return args?.id === ticketId() || args?.ticketId === ticketId();
    }),
  );
}

/** Archive (resolved or closed tickets) and restore: admins only, one ticket at a time. */
function ArchiveControl(props: { ticket: Ticket }) {
  const [error, setError] = createSignal<string>();
  const archived = () => props.ticket.archivedAt !== null;
  const restore = async () => {
    setError(undefined);
    try {
      await device.mutate('ticket.unarchive', { id: props.ticket.id });
    } catch (e) {
      setError(errorMessage(e, 'The ticket could not be restored on this device.'));
    }
  };
  return (
    <Show
      when={archived()}
      fallback={
        <Show when={isArchivable(props.ticket)}>
          <ConfirmDialog
            trigger="Archive"
            triggerClass="button button--ghost button--small"
            title="Archive this ticket?"
            confirmLabel="Archive ticket"
            errorMessage={(e) => errorMessage(e, 'The ticket could not be archived on this device.')}
            onConfirm={() => device.mutate('ticket.archive', { id: props.ticket.id })}
          >
            <p>It leaves the ticket list but stays searchable under “Only archived”, and can be restored.</p>
          </ConfirmDialog>
        </Show>
      }
    >
      <button type="button" class="button button--ghost button--small" onClick={() => void restore()}>
        Restore from archive
      </button>
      <ErrorAlert message={error()} />
    </Show>
  );
}

/** One ticket: every field editable in place, comments, and its full history. */
export function TicketPage() {
  const params = useParams<{ id: string }>();
  const state = useTicket(() => params.id);
  const viewer = useViewer();
  const team = useTeam();
  const categories = useCategories();
  const locations = useLocations();
  const names = useNames();
  const pending = usePendingIds('ticket');
  const refusals = useRefusals(() => params.id);

  return (
    <>
      <Breadcrumb parent={{ href: '/tickets', label: 'Tickets' }} page="Ticket" />
      <Show
        when={state().ticket}
        fallback={
          <Show when={state().loaded} fallback={<p class="loading">Loading…</p>}>
            <div class="card stack">
              <h1 class="page-title">Ticket not found</h1>
              <p>This device has no such ticket. It may have been deleted, or not have reached this device yet.</p>
              <A href="/tickets">Back to the tickets</A>
            </div>
          </Show>
        }
      >
        {(ticket) => (
          <div class="ticket-page">
            <div class="ticket-page__head">
              <TicketTitle ticket={ticket()} />
              <div class="ticket-page__marks">
                <Show when={ticket().archivedAt}>
                  <span class="badge badge--muted">Archived</span>
                </Show>
                <Show when={isLocalOnly(ticket()) || pending().has(ticket().id)}>
                  <span class="badge badge--pending" title="Saved on this device; it will be sent when there is a connection.">
                    {isLocalOnly(ticket()) ? 'not synced yet' : 'changes not synced yet'}
                  </span>
                </Show>
                <Show when={viewer().isAdmin}>
                  <ArchiveControl ticket={ticket()} />
                </Show>
              </div>
            </div>
            <Show when={refusals().length > 0}>
              <ErrorAlert>
                <strong>Needs attention:</strong> the server refused {refusals().length === 1 ? 'a change' : `${refusals().length} changes`} to this ticket —{' '}
                {refusals()[0]?.error.message} Open the sync status at the top to edit it and send it again, or discard it.
              </ErrorAlert>
            </Show>
            <div class="ticket-page__body">
              <div class="ticket-page__main">
                <TicketDescription ticket={ticket()} />
                <CommentThread ticketId={ticket().id} names={names()} zone={viewer().zone} />
                <HistoryTimeline ticket={ticket()} names={names()} zone={viewer().zone} />
              </div>
              <aside class="ticket-page__side" aria-label="Ticket details">
                <TicketDetails ticket={ticket()} viewer={viewer()} team={team()} categories={categories()} locations={locations()} />
              </aside>
            </div>
          </div>
        )}
      </Show>
    </>
  );
}
