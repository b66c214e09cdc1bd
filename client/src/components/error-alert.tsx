import { Show, type JSX } from 'solid-js';

/**
 * The one way the app shows an error: visible, announced (role=alert), in the error colours. Pass
 * `message` for a sentence, or children for more (a reason with links and actions); with neither,
 * or an empty message, it renders nothing, so clearing the state that holds an error takes it off
 * the screen.
 */
export function ErrorAlert(props: { message?: string | undefined; children?: JSX.Element; class?: string }) {
  return (
    <Show when={props.message || props.children}>
      <div class={`alert alert--error${props.class ? ` ${props.class}` : ''}`} role="alert">
        {props.children ?? props.message}
      </div>
    </Show>
  );
}
