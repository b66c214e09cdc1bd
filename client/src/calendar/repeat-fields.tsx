import { For, Show } from 'solid-js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** The weekdays and last day of a weekly repeat, as toggle buttons and a date field. */
export function RepeatFields(props: {
  weekdays: readonly number[];
  until: string;
  error: string | undefined;
  onWeekdays: (days: number[]) => void;
  onUntil: (date: string) => void;
}) {
  const toggle = (day: number) =>
    props.onWeekdays(props.weekdays.includes(day) ? props.weekdays.filter((d) => d !== day) : [...props.weekdays, day].sort());
  return (
    <fieldset class="repeat">
      <legend class="field__label">Repeat on</legend>
      <div class="repeat__days">
        <For each={WEEKDAYS}>
          {(label, i) => (
            <button type="button" class="repeat__day" aria-pressed={props.weekdays.includes(i())} aria-label={WEEKDAY_NAMES[i()]} onClick={() => toggle(i())}>
              {label}
            </button>
          )}
        </For>
      </div>
      <div class="field">
        <label class="field__label" for="repeat-until">
          Until (last day)
        </label>
        <input id="repeat-until" class="field__input" type="date" value={props.until} aria-invalid={Boolean(props.error)} onInput={(e) => props.onUntil(e.currentTarget.value)} />
        <Show when={props.error}>
          <p class="field__error">{props.error}</p>
        </Show>
      </div>
    </fieldset>
  );
}
