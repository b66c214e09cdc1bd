import { createUniqueId, For, Show } from 'solid-js';

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A labelled native select: on phones the system picker is the best touch control there is, and it
 * works with every screen reader. An optional error sits under it, wired to the control.
 */
export function SelectField(props: {
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  error?: string | undefined;
  disabled?: boolean;
  class?: string;
  id?: string;
}) {
  const fallbackId = createUniqueId();
  const id = () => props.id ?? fallbackId;
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label class="field__label" for={id()}>
        {props.label}
      </label>
      <select
        id={id()}
        class="field__input"
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id()}-error` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <For each={props.options}>
          {(o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          )}
        </For>
      </select>
      <Show when={props.error}>
        <p class="field__error" id={`${id()}-error`}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}
