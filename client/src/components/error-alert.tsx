import { Show } from 'solid-js';

/** A visible, announced error message; renders nothing when there is none. */
export function ErrorAlert(props: { message: string | undefined }) {
  return (
    <Show when={props.message}>
      <p class="alert alert--error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}
