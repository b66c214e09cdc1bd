import { TextField } from '@kobalte/core/text-field';
import { Show, type JSX } from 'solid-js';
import './text-input.css';

/**
 * A labelled text input (or, with `multiline`, a text area) with an optional hint and error under
 * it; label, hint and error are wired for screen readers.
 */
export function TextInput(props: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'date' | 'datetime-local' | 'url';
  multiline?: boolean;
  autocomplete?: JSX.HTMLAutocomplete;
  description?: string;
  error?: string | undefined;
  required?: boolean;
  autofocus?: boolean;
  min?: string;
  max?: string;
  ref?: (el: HTMLInputElement | HTMLTextAreaElement) => void;
}) {
  return (
    <TextField
      class="field"
      name={props.name}
      value={props.value}
      onChange={props.onChange}
      validationState={props.error ? 'invalid' : 'valid'}
      required={props.required ?? false}
    >
      <TextField.Label class="field__label">{props.label}</TextField.Label>
      <Show
        when={props.multiline}
        fallback={
          <TextField.Input
            ref={props.ref}
            class="field__input"
            type={props.type ?? 'text'}
            autocomplete={props.autocomplete}
            autofocus={props.autofocus}
            min={props.min}
            max={props.max}
          />
        }
      >
        <TextField.TextArea ref={props.ref} class="field__input field__input--multiline" autoResize rows={3} />
      </Show>
      <Show when={props.description}>
        <TextField.Description class="field__hint">{props.description}</TextField.Description>
      </Show>
      <Show when={props.error}>
        <TextField.ErrorMessage class="field__error">{props.error}</TextField.ErrorMessage>
      </Show>
    </TextField>
  );
}
