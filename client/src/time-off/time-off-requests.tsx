import { Button } from '@kobalte/core/button';
import { createSignal, For, Show } from 'solid-js';
import { MutationRejected } from '../../../sync/mutators/rejection';
import { NotSyncedBadge } from '../components/not-synced-badge';
import { ErrorAlert } from '../components/error-alert';
import { usePendingIds } from '../stores/pending-store';
import { keyedRows } from '../stores/keyed-rows';
import { useTeam, type TeamMember } from '../stores/team-store';
import { isLocalOnly } from '../stores/tickets-store';
import { useRequestedTimeOff, type TimeOff } from '../stores/time-off-store';
import { device } from '../sync/device';
import { errorMessage } from '../sync/error-message';
import { attentionFor, refusalOf, type Refusal } from './clash';
import { describeDateRange } from './date-range';
import { TimeOffSummary } from './time-off-summary';
import { RefusalNotice } from './refusal-notice';

type Decision = 'approved' | 'denied';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

function RequestItem(props: {
  row: TimeOff;
  person: TeamMember | undefined;
  unsynced: boolean;
  refusal: Refusal | undefined;
  onDecide: (status: Decision) => void;
  onDismissRefusal: () => void;
}) {
  const who = () => props.person?.name ?? 'Unknown technician';
  const when = () => describeDateRange(props.row.startDate, props.row.endDate);
  return (
    <li class="row-list__item timeoff-item timeoff-item--request">
      <div class="timeoff-item__main">
        <p class="timeoff-item__who">
          <span class="swatch" style={{ background: props.person?.color ?? 'var(--muted)' }} aria-hidden="true" />
          {who()}
        </p>
        <TimeOffSummary row={props.row} />
      </div>
      <div class="timeoff-item__side">
        <Show when={props.unsynced}>
          <NotSyncedBadge />
        </Show>
        <div class="timeoff-item__actions">
          <Button class="button button--primary button--small" onClick={() => props.onDecide('approved')}>
            Approve<span class="visually-hidden"> time off for {who()}, {when()}</span>
          </Button>
          <Button class="button button--ghost button--small" onClick={() => props.onDecide('denied')}>
            Deny<span class="visually-hidden"> time off for {who()}, {when()}</span>
          </Button>
        </div>
      </div>
      <Show when={props.refusal}>
        {(refusal) => <RefusalNotice refusal={refusal()} timeZone={props.person?.timezone ?? browserZone()} onDismiss={props.onDismissRefusal} />}
      </Show>
    </li>
  );
}

/**
 * The admin's queue: every request nobody has decided yet, with Approve and Deny. Deciding works
 * offline (the device applies it and sends it later). Approving over planned shifts is refused, by
 * the device when it already has those shifts, or by the server afterwards (then it is also in the
 * sync "needs attention" list); either way the reason and the shifts show next to the request.
 */
export function TimeOffRequests() {
  const requests = useRequestedTimeOff();
  const { ids, row: rowOf } = keyedRows(requests);
  const team = useTeam();
  const pending = usePendingIds('timeOff');
  const [refusals, setRefusals] = createSignal<Record<string, Refusal | undefined>>({});
  const [last, setLast] = createSignal<{ row: TimeOff; status: Decision; text: string }>();
  const [undoError, setUndoError] = createSignal<string>();
  let heading: HTMLHeadingElement | undefined;

  const person = (id: string) => team().find((u) => u.id === id);
  const setRefusal = (id: string, refusal: Refusal | undefined) => setRefusals((all) => ({ ...all, [id]: refusal }));
  const refusalFor = (row: TimeOff) => refusals()[row.id] ?? attentionFor(device.status().attention, row.id);
  const dismissRefusal = (row: TimeOff) => {
    if (refusals()[row.id]) {
      setRefusal(row.id, undefined);
      return;
    }
    const key = attentionFor(device.status().attention, row.id)?.key;
    if (key !== undefined) void device.discard(key);
  };

  const decide = async (row: TimeOff, status: Decision) => {
    setRefusal(row.id, undefined);
    setUndoError(undefined);
    const earlier = attentionFor(device.status().attention, row.id);
    try {
      await device.mutate('timeOff.update', { id: row.id, baseVersion: row.version, patch: { status } });
    } catch (e) {
      setRefusal(row.id, e instanceof MutationRejected ? refusalOf(status, e) : { status, message: errorMessage(e, 'The decision could not be saved on this device.'), shifts: [] });
      return;
    }
    // This decision replaces an earlier one the server refused: that one needs no attention now.
    if (earlier?.key !== undefined) void device.discard(earlier.key);
    const who = person(row.technicianId)?.name ?? 'someone';
    setLast({ row, status, text: `${status === 'approved' ? 'Approved' : 'Denied'}: ${who}, ${describeDateRange(row.startDate, row.endDate)}.` });
    // The row has left the list with its buttons; keep keyboard users in the section.
    heading?.focus();
  };

  const undo = async () => {
    const done = last();
    if (!done) return;
    try {
      await device.mutate('timeOff.update', { id: done.row.id, baseVersion: done.row.version, patch: { status: 'requested' } });
      setLast(undefined);
    } catch (e) {
      setUndoError(errorMessage(e, 'It could not be undone on this device.'));
    }
  };

  return (
    <section class="card stack timeoff-requests" aria-labelledby="timeoff-requests-title">
      <h2 id="timeoff-requests-title" ref={(el) => (heading = el)} tabindex="-1">
        Requests
      </h2>
      <div role="status" class={last() ? 'alert alert--ok timeoff-requests__done' : 'visually-hidden'}>
        <Show when={last()}>
          {(done) => (
            <>
              <span>{done().text}</span>
              <Button class="button button--ghost button--small" onClick={() => void undo()}>
                Undo
              </Button>
            </>
          )}
        </Show>
      </div>
      <ErrorAlert message={undoError()} />
      <Show when={ids().length > 0} fallback={<p class="muted">No time off is waiting for a decision.</p>}>
        <ul class="row-list timeoff-list">
          <For each={ids()}>
            {(id) => (
              <Show when={rowOf(id)}>
                {(current) => (
                  <RequestItem
                    row={current()}
                    person={person(current().technicianId)}
                    unsynced={isLocalOnly(current()) || pending().has(id)}
                    refusal={refusalFor(current())}
                    onDecide={(status) => void decide(current(), status)}
                    onDismissRefusal={() => dismissRefusal(current())}
                  />
                )}
              </Show>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
