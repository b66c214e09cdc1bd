import type { JSX } from 'solid-js';

export function EmptyState(props: { title: string; children: JSX.Element }) {
  return (
    <section class="card empty-state">
      <h2>{props.title}</h2>
      <p class="muted">{props.children}</p>
    </section>
  );
}
