import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { useTeam } from '../stores/team-store';
import { device } from '../sync/device';
import './admin-page.css';

export function AdminPage() {
  // The team as synced to this device: the page works offline too.
  const users = useTeam();
  return (
    <>
      <h1 class="page-title">Admin</h1>
      <nav class="card admin-links" aria-label="Admin sections">
        <A href="/admin/locations" class="admin-link">
          <span class="admin-link__title">Locations</span>
          <span class="muted">Where shifts happen and tickets are: names, addresses and time zones.</span>
        </A>
        <A href="/admin/categories" class="admin-link">
          <span class="admin-link__title">Categories</span>
          <span class="muted">What tickets are filed under: names and colours.</span>
        </A>
        <A href="/admin/mail" class="admin-link">
          <span class="admin-link__title">Mail</span>
          <span class="muted">Notification mail: sent, waiting and failed, with a retry.</span>
        </A>
      </nav>
      <section class="card" aria-labelledby="team-title">
        <h2 id="team-title" class="admin-section-title">
          Team
        </h2>
        <Show when={users().length > 0} fallback={<p class="muted">Loading the team…</p>}>
          <ul class="user-list">
            <For each={users()}>
              {(user) => (
                <li class="user-list__item">
                  <span class="avatar" style={{ background: user.color }} aria-hidden="true">
                    {user.name.slice(0, 1).toUpperCase()}
                  </span>
                  <span class="user-list__name">{user.name}</span>
                  <Show when={device.status().presence.includes(user.id)}>
                    <span class="badge badge--online">online now</span>
                  </Show>
                  <span class="muted user-list__email">{user.email}</span>
                  <span class="badge">{user.role}</span>
                  <Show when={!user.active}>
                    <span class="badge badge--muted">inactive</span>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </>
  );
}
