import { createResource, For, Show } from 'solid-js';
import type { User } from '../../../sync/protocol/user';
import { api } from '../api/http';
import { device } from '../sync/device';

export function AdminPage() {
  const [users] = createResource(async () => (await api<{ users: User[] }>('GET', '/api/users')).users);
  return (
    <>
      <h1 class="page-title">Team</h1>
      <section class="card">
        <Show when={!users.error} fallback={<p class="alert alert--error" role="alert">{(users.error as Error | undefined)?.message}</p>}>
          <Show when={users()} fallback={<p class="muted">Loading the team…</p>}>
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
        </Show>
      </section>
    </>
  );
}
