import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { DoneStatus } from '../components/done-status';
import { ErrorAlert } from '../components/error-alert';
import { createEditInPlace } from '../components/edit-in-place';
import { useTeam, type TeamMember } from '../stores/team-store';
import { EditUserForm } from '../team/edit-user-form';
import { canReachServer, NEEDS_CONNECTION } from '../team/connection';
import { NewUserForm } from '../team/new-user-form';
import { TeamList } from '../team/team-list';
import './admin-page.css';
import '../team/team.css';
import '../components/reference-admin.css';

/**
 * Admin: the team (people, roles, passwords) and links to the other lists admins keep. The team
 * list is the synced `user` rows, so it opens offline; changing accounts needs the server.
 */
export function AdminPage() {
  const users = useTeam();
  const list = createEditInPlace<TeamMember>();
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
        <A href="/admin/quick-links" class="admin-link">
          <span class="admin-link__title">Quick links</span>
          <span class="muted">The links everyone sees on Home: manuals, forms, the parts shop.</span>
        </A>
        <A href="/admin/backup" class="admin-link">
          <span class="admin-link__title">Backup and restore</span>
          <span class="muted">Download all data as one file, see the automatic backups, or bring a backup back.</span>
        </A>
        <A href="/admin/mail" class="admin-link">
          <span class="admin-link__title">Mail</span>
          <span class="muted">Notification mail: sent, waiting and failed, with a retry.</span>
        </A>
      </nav>
      <div class="reference-layout">
        <Show when={list.editing()} keyed fallback={<NewUserForm takenColors={users().map((u) => u.color)} onAdded={list.announce} />}>
          {(user) => <EditUserForm user={user} onDone={list.saved} onCancel={() => list.cancel(user.id)} />}
        </Show>
        <section class="card stack" aria-labelledby="team-title">
          <h2 id="team-title" class="admin-section-title" ref={list.listHeadingRef} tabindex="-1">
            Team
          </h2>
          <ErrorAlert message={canReachServer() ? undefined : `Editing people, passwords and access: ${NEEDS_CONNECTION}`} />
          <DoneStatus message={list.done()} />
          <TeamList users={users()} editingId={list.editing()?.id} onEdit={list.edit} onDone={list.announce} fallbackFocus={list.listHeading} />
        </section>
      </div>
    </>
  );
}
