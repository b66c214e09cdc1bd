import { createUniqueId, Show } from 'solid-js';
import './color-field.css';

/**
 * A colour picker (the browser's own) with its value in words beside it. People are told apart by
 * their colour on the calendar.
 */
export function ColorField(props: { value: string; onChange: (color: string) => void; error?: string | undefined; label?: string }) {
  const id = createUniqueId();
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {props.label ?? 'Colour'}
      </label>
      <div class="color-field">
        <input
          id={id}
          class="color-field__input"
          type="color"
          value={props.value}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? `${id}-error` : undefined}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
        <span class="muted color-field__value">{props.value}</span>
      </div>
      <Show when={props.error}>
        <p id={`${id}-error`} class="field__error">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
