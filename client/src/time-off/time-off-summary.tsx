import { Show } from 'solid-js';
import type { TimeOff } from '../stores/time-off-store';
import { dayCount, describeDateRange } from './date-range';
import { KIND_LABELS } from './kinds';

/** The dates, kind, length and note of one time-off row, as both lists show them. */
export function TimeOffSummary(props: { row: TimeOff }) {
  return (
    <>
      <p class="timeoff-item__dates">{describeDateRange(props.row.startDate, props.row.endDate)}</p>
      <p class="muted">
        {KIND_LABELS[props.row.kind]} · {dayCount(props.row.startDate, props.row.endDate)}
      </p>
      <Show when={props.row.note}>
        <p class="timeoff-item__note">{props.row.note}</p>
      </Show>
    </>
  );
}
