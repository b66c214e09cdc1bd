import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useTeam, type TeamMember } from '../stores/team-store';
import { EditUserForm } from '../team/edit-user-form';
import { canReachServer, NEEDS_CONNECTION } from '../team/connection';
import { NewUserForm } from '../team/new-user-form';
import { TeamList } from '../team/team-list';
import './admin-page.css';
import '../team/team.css';

/**
 * Admin: the team (people, roles, passwords) and links to the other lists admins keep. The team
 * list is the synced `user` rows, so it opens offline; changing accounts needs the server.
 */
export function AdminPage() {
  const users = useTeam();
  const [done, setDone] = createSignal<string>();
  // A snapshot taken when Edit is pressed: the form keeps its own values while the list updates.
  const [editing, setEditing] = createSignal<TeamMember>();
  let listHeading: HTMLHeadingElement | undefined;
  const focusEditButton = (id: string) => queueMicrotask(() => (document.querySelector<HTMLElement>(`[data-edit="${id}"]`) ?? listHeading)?.focus());
  return (
    <>
      <h1 class="page-title">Admin</h1>
      <nav class="card admin-links" aria-label="Admin sections">
        <A href="/admin/locations" class="admin-link">
          <span class="admin-link__title">Locations</span>
          <span class="muted">Where shifts happen and tickets are: names, addresses and time zones.</span>
        </A>
        <A href="/admin/quick-links" class="admin-link">
          <span class="admin-link__title">Quick links</span>
          <span class="muted">The links everyone sees on Home: manuals, forms, the parts shop.</span>
        </A>
      </nav>
      <div class="team-layout">
        <Show when={editing()} keyed fallback={<NewUserForm takenColors={users().map((u) => u.color)} onAdded={setDone} />}>
          {(user) => (
            <EditUserForm
              user={user}
              onDone={(message, id) => {
                setDone(message);
                setEditing(undefined);
                focusEditButton(id);
              }}
              onCancel={() => {
                setEditing(undefined);
                focusEditButton(user.id);
              }}
            />
          )}
        </Show>
        <section class="card stack" aria-labelledby="team-title">
          <h2 id="team-title" class="admin-section-title" ref={(el) => (listHeading = el)} tabindex="-1">
            Team
          </h2>
          <Show when={!canReachServer()}>
            <p class="alert alert--error">Editing people, passwords and access: {NEEDS_CONNECTION}</p>
          </Show>
          <p class={done() ? 'alert alert--ok' : 'visually-hidden'} role="status">
            {done()}
          </p>
          <TeamList
            users={users()}
            editingId={editing()?.id}
            onEdit={(user) => {
              setDone(undefined);
              setEditing(user);
            }}
            onDone={setDone}
            fallbackFocus={() => listHeading}
          />
        </section>
      </div>
    </>
  );
}
