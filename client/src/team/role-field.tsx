import { createUniqueId, For, Show } from 'solid-js';
import { ROLES, type Role } from '../../../sync/protocol/enums';

export const ROLE_LABELS: Record<Role, string> = { admin: 'Administrator (dispatcher)', technician: 'Technician' };

/** Technician or administrator; administrators plan everyone and manage the team. */
export function RoleField(props: { value: Role; onChange: (role: Role) => void; error?: string | undefined }) {
  const id = createUniqueId();
  return (
    <div class="field">
      <label class="field__label" for={id}>
        Role
      </label>
      <select
        id={id}
        name="role"
        class="field__input"
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value as Role)}
      >
        <For each={ROLES}>{(role) => <option value={role}>{ROLE_LABELS[role]}</option>}</For>
      </select>
      <Show when={props.error}>
        <p id={`${id}-error`} class="field__error">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
