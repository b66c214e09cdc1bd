import { Button } from '@kobalte/core/button';
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { describeShift } from '../../../sync/domain/time';
import type { Refusal } from './clash';
import { calendarHrefForShift } from '../../../sync/domain/calendar-link';
import { ErrorAlert } from '../components/error-alert';

/**
 * Why an approval was refused, next to the request: the reason in words and, when shifts are in the
 * way, each shift (in the technician's own zone) with a link to it in the calendar, where the
 * dispatcher moves it before approving again.
 */
export function RefusalNotice(props: { refusal: Refusal; timeZone: string; onDismiss?: () => void }) {
  const intro = () => (props.refusal.status === 'denied' ? 'Could not deny' : props.refusal.status === 'approved' ? 'Not approved' : 'Not changed');
  return (
    <ErrorAlert class="refusal">
      <p>
        {intro()}: {props.refusal.message}
      </p>
      <Show when={props.refusal.shifts.length > 0}>
        <ul class="refusal__shifts">
          <For each={props.refusal.shifts}>
            {(shift) => {
              const when = () => describeShift(shift.start, shift.end, props.timeZone);
              return (
                <li class="refusal__shift">
                  <span>Shift {when()}</span>
                  <A class="refusal__link" href={calendarHrefForShift(shift, props.timeZone)}>
                    {/* One text run: in the flex link, loose runs would lose the spaces between them. */}
                    <span>
                      Open<span class="visually-hidden"> the shift of {when()}</span> in the calendar
                    </span>
                  </A>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
      <Show when={props.onDismiss}>
        {(dismiss) => (
          <Button class="button button--ghost button--small refusal__dismiss" onClick={() => dismiss()()}>
            Dismiss
          </Button>
        )}
      </Show>
    </ErrorAlert>
  );
}
