/** What was just done, announced politely; the live region stays in the page so it is heard. */
export function DoneStatus(props: { message: string | undefined }) {
  return (
    <p class={props.message ? 'alert alert--ok' : 'visually-hidden'} role="status">
      {props.message}
    </p>
  );
}
