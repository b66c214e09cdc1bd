import { createSignal, For, Show } from 'solid-js';
import { ConfirmDialog } from '../components/confirm-dialog';
import { NotSyncedBadge } from '../components/not-synced-badge';
import { keyedRows } from '../stores/keyed-rows';
import { usePendingIds } from '../stores/pending-store';
import { isLocalOnly } from '../stores/tickets-store';
import { useMyTimeOff, type TimeOff } from '../stores/time-off-store';
import { device } from '../sync/device';
import { errorMessage } from '../sync/error-message';
import { describeDateRange } from './date-range';
import { KIND_LABELS } from './kinds';
import { TimeOffSummary } from './time-off-summary';
import { TimeOffStatus } from './time-off-status';

function MyTimeOffItem(props: { row: TimeOff; unsynced: boolean; onWithdrawn: (message: string) => void; fallbackFocus: () => HTMLElement | undefined }) {
  const when = () => describeDateRange(props.row.startDate, props.row.endDate);
  return (
    <li class="row-list__item timeoff-item">
      <div class="timeoff-item__main">
        <TimeOffSummary row={props.row} />
      </div>
      <div class="timeoff-item__side">
        <TimeOffStatus status={props.row.status} />
        <Show when={props.unsynced}>
          <NotSyncedBadge />
        </Show>
        <Show when={props.row.status === 'requested'}>
          <ConfirmDialog
            trigger="Withdraw"
            triggerDetail={`the request for ${when()}`}
            title="Withdraw this request?"
            confirmLabel="Withdraw request"
            cancelLabel="Keep it"
            danger
            errorMessage={(e) => errorMessage(e, 'The request could not be withdrawn on this device.')}
            fallbackFocus={props.fallbackFocus}
            onConfirm={async () => {
              const withdrawn = when();
              await device.mutate('timeOff.delete', { id: props.row.id, baseVersion: props.row.version });
              props.onWithdrawn(`Your request for ${withdrawn} is withdrawn.`);
            }}
          >
            <p>
              Your request for {when()} ({KIND_LABELS[props.row.kind].toLowerCase()}) will be removed. You can ask again later.
            </p>
          </ConfirmDialog>
        </Show>
      </div>
    </li>
  );
}

/**
 * The signed-in user's own time off with its state. A request can be withdrawn while nobody has
 * decided on it yet (the mutator allows the owner exactly that); offline, it disappears at once and
 * the withdrawal is sent later.
 */
export function MyTimeOff() {
  const mine = useMyTimeOff();
  const { ids, row } = keyedRows(mine);
  const pending = usePendingIds('timeOff');
  const [done, setDone] = createSignal<string>();
  let heading: HTMLHeadingElement | undefined;

  return (
    <section class="card stack" aria-labelledby="my-timeoff-title">
      <h2 id="my-timeoff-title" ref={(el) => (heading = el)} tabindex="-1">
        My time off
      </h2>
      <p class={done() ? 'alert alert--ok' : 'visually-hidden'} role="status">
        {done()}
      </p>
      <Show when={ids().length > 0} fallback={<p class="muted">You have not asked for time off yet.</p>}>
        <ul class="row-list timeoff-list">
          <For each={ids()}>
            {(id) => (
              <Show when={row(id)}>
                {(current) => <MyTimeOffItem row={current()} unsynced={isLocalOnly(current()) || pending().has(id)} onWithdrawn={setDone} fallbackFocus={() => heading} />}
              </Show>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
