import { For, Show } from 'solid-js';
import { api } from '../api/http';
import { ConfirmDialog } from '../components/confirm-dialog';
import { session } from '../session/session';
import { keyedRows } from '../stores/keyed-rows';
import type { TeamMember } from '../stores/team-store';
import { device } from '../sync/device';
import { errorMessage } from '../sync/error-message';
import { canReachServer } from './connection';
import { Button } from '@kobalte/core/button';
import { ResetPasswordDialog } from './reset-password-dialog';
import { ROLE_LABELS } from './role-field';

function TeamRow(props: { user: TeamMember; editing: boolean; onEdit: () => void; onDone: (message: string) => void; fallbackFocus: () => HTMLElement | undefined }) {
  const me = () => props.user.id === session.user()?.id;
  const offline = () => !canReachServer();
  const setActive = async (active: boolean) => {
    await api('PATCH', `/api/users/${props.user.id}`, { active });
    device.syncNow();
    props.onDone(active ? `${props.user.name} can sign in again.` : `${props.user.name} is deactivated and signed out everywhere.`);
  };
  return (
    <li class="row-list__item team-row" classList={{ 'is-inactive': !props.user.active, 'is-editing': props.editing }}>
      <div class="team-row__who">
        <span class="avatar" style={{ background: props.user.color }} aria-hidden="true">
          {props.user.name.slice(0, 1).toUpperCase()}
        </span>
        <div class="team-row__main">
          <p class="team-row__name">
            {props.user.name}
            <Show when={me()}>
              <span class="muted"> (you)</span>
            </Show>
          </p>
          <p class="muted team-row__email">{props.user.email}</p>
          <p class="muted">{props.user.timezone.replaceAll('_', ' ')}</p>
          <p class="team-row__badges">
            <span class="badge">{ROLE_LABELS[props.user.role]}</span>
            <Show when={device.status().presence.includes(props.user.id)}>
              <span class="badge badge--online">online now</span>
            </Show>
            <Show when={!props.user.active}>
              <span class="badge badge--muted">deactivated</span>
            </Show>
            <Show when={props.editing}>
              <span class="badge">editing</span>
            </Show>
          </p>
        </div>
      </div>
      <div class="team-row__actions">
        <Button class="button button--ghost button--small" data-edit={props.user.id} disabled={offline()} onClick={() => props.onEdit()}>
          Edit<span class="visually-hidden"> {props.user.name}</span>
        </Button>
        <ResetPasswordDialog user={props.user} disabled={offline()} onDone={props.onDone} />
        <Show when={!me()}>
          <Show
            when={props.user.active}
            fallback={
              <ConfirmDialog
                trigger="Reactivate"
                triggerDetail={props.user.name}
                disabled={offline()}
                title={`Reactivate ${props.user.name}?`}
                confirmLabel="Reactivate"
                errorMessage={(e) => errorMessage(e, 'They could not be reactivated.')}
                onConfirm={() => setActive(true)}
              >
                <p>They can sign in again with their password and will show up for planning.</p>
              </ConfirmDialog>
            }
          >
            <ConfirmDialog
              trigger="Deactivate"
              triggerDetail={props.user.name}
              disabled={offline()}
              title={`Deactivate ${props.user.name}?`}
              confirmLabel="Deactivate"
              danger
              errorMessage={(e) => errorMessage(e, 'They could not be deactivated.')}
              fallbackFocus={props.fallbackFocus}
              onConfirm={() => setActive(false)}
            >
              <p>They are signed out on every device and cannot sign in. Their shifts, time off and tickets stay as they are.</p>
              <p>You can reactivate them later.</p>
            </ConfirmDialog>
          </Show>
        </Show>
      </div>
    </li>
  );
}

/** Everyone on the team as synced to this device (works offline); active people first. */
export function TeamList(props: {
  users: TeamMember[];
  editingId: string | undefined;
  onEdit: (user: TeamMember) => void;
  onDone: (message: string) => void;
  fallbackFocus: () => HTMLElement | undefined;
}) {
  const ordered = () => [...props.users].sort((a, b) => Number(b.active) - Number(a.active));
  const { ids, row } = keyedRows(ordered);
  return (
    <Show when={ids().length > 0} fallback={<p class="muted">The team appears here after the first sync.</p>}>
      <ul class="row-list">
        <For each={ids()}>{(id) => <Show when={row(id)}>{(user) => <TeamRow user={user()} editing={props.editingId === id} onEdit={() => props.onEdit(user())} onDone={props.onDone} fallbackFocus={props.fallbackFocus} />}</Show>}</For>
      </ul>
    </Show>
  );
}
