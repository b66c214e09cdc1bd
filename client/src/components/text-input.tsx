import { TextField } from '@kobalte/core/text-field';
import { Show, type JSX } from 'solid-js';

/** A labelled text input with an optional error under it; label and error are wired for screen readers. */
export function TextInput(props: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  autocomplete?: JSX.HTMLAutocomplete;
  error?: string | undefined;
  required?: boolean;
  autofocus?: boolean;
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
      <TextField.Input
        class="field__input"
        type={props.type ?? 'text'}
        autocomplete={props.autocomplete}
        autofocus={props.autofocus}
      />
      <Show when={props.error}>
        <TextField.ErrorMessage class="field__error">{props.error}</TextField.ErrorMessage>
      </Show>
    </TextField>
  );
}
