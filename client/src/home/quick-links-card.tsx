import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { PlaceholderLine } from '../components/placeholder';
import { session } from '../session/session';
import { useQuickLinks } from '../stores/quick-links-store';

/** The team's quick links (manuals, forms, the parts shop), opened in a new tab. */
export function QuickLinksCard() {
  const links = useQuickLinks();
  return (
    <section class="card home-card" aria-labelledby="home-links-title" aria-busy={!links.ready()}>
      <h2 id="home-links-title">Quick links</h2>
      <Show when={links().length > 0} fallback={links.ready() ? <p class="muted">No quick links yet.</p> : <PlaceholderLine width="9em" />}>
        <ul class="home-links">
          <For each={links()}>
            {(link) => (
              <li>
                <a href={link.url} target="_blank" rel="noopener noreferrer" class="home-link">
                  {link.title}
                  <span class="visually-hidden"> (opens in a new tab)</span>
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={session.user()?.role === 'admin'}>
        <A href="/admin/quick-links" class="home-more">
          Manage quick links
        </A>
      </Show>
    </section>
  );
}
