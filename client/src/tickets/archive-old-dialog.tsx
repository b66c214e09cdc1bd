import { createMemo, createResource, createSignal, Show } from 'solid-js';
import { ConfirmDialog } from '../components/confirm-dialog';
import { closingHistory, type Ticket } from '../stores/tickets-store';
import { device } from '../sync/device';
import { errorMessage } from '../sync/error-message';
import { closedLongerThan } from './archive-old';

/**
 * Admin: "archive everything closed more than N days ago". Says how many tickets that is before
 * anything happens; each is archived through its own mutation, so it works offline and every one
 * is in its ticket's history. Archived tickets stay searchable and can be restored one by one.
 */
export function ArchiveOldDialog(props: { tickets: Ticket[] }) {
  const [days, setDays] = createSignal('30');
  const [history] = createResource(() => props.tickets.length, () => closingHistory());
  const valid = () => /^\d{1,4}$/.test(days().trim());
  const chosen = createMemo(() => (valid() ? closedLongerThan(props.tickets, history() ?? [], Number(days()), new Date()) : []));
  const [done, setDone] = createSignal<string>();

  return (
    <>
      <ConfirmDialog
        trigger="Archive old…"
        triggerClass="button button--ghost"
        title="Archive closed tickets"
        confirmLabel={chosen().length === 0 ? 'Archive' : chosen().length === 1 ? 'Archive 1 ticket' : `Archive ${chosen().length} tickets`}
        // The field and the sentence under it say why there is nothing to do; a second message on pressing would repeat them.
        confirmDisabled={chosen().length === 0}
        busyLabel="Archiving…"
        errorMessage={(e) => errorMessage(e, 'The tickets could not be archived on this device.')}
        onConfirm={async () => {
          const list = chosen();
          if (!valid()) throw new Error('Type a number of days, like 30.');
          if (list.length === 0) throw new Error('No closed ticket is that old, so there is nothing to archive.');
          for (const t of list) await device.mutate('ticket.archive', { id: t.id });
          setDone(list.length === 1 ? 'Archived 1 ticket.' : `Archived ${list.length} tickets.`);
        }}
      >
        <div class="field">
          <label class="field__label" for="archive-days">
            Closed more than this many days ago
          </label>
          <input
            id="archive-days"
            class="field__input archive-days"
            inputmode="numeric"
            value={days()}
            aria-invalid={valid() ? undefined : 'true'}
            aria-describedby={valid() ? 'archive-days-note' : 'archive-days-error archive-days-note'}
            onInput={(e) => setDays(e.currentTarget.value)}
          />
          <Show when={!valid()}>
            <p id="archive-days-error" class="field__error">
              Type a whole number of days, like 30.
            </p>
          </Show>
        </div>
        <p id="archive-days-note">
          <Show when={valid()}>
            {chosen().length === 0 ? 'No closed ticket is that old.' : `${chosen().length} closed ${chosen().length === 1 ? 'ticket' : 'tickets'} will move to the archive.`}{' '}
          </Show>
          Archived tickets stay searchable and can be restored.
        </p>
      </ConfirmDialog>
      <Show when={done()}>
        <p class="visually-hidden" role="status">
          {done()}
        </p>
      </Show>
    </>
  );
}
