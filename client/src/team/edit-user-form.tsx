import { Button } from '@kobalte/core/button';
import { createSignal, onMount } from 'solid-js';
import type { Role } from '../../../sync/protocol/enums';
import { api } from '../api/http';
import { ColorField } from '../components/color-field';
import { ErrorAlert } from '../components/error-alert';
import { createFormChecks } from '../components/form-checks';
import { TextInput } from '../components/text-input';
import { TimeZoneField } from '../locations/time-zone-field';
import type { TeamMember } from '../stores/team-store';
import { device } from '../sync/device';
import { canReachServer, NEEDS_CONNECTION } from './connection';
import { RoleField } from './role-field';
import { serverFieldError } from './server-error';
import { personErrors, type PersonDraft } from './validate';

const FIELDS = ['name', 'role', 'timezone', 'color'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Edits a person's name, role, time zone and colour (online: `PATCH /api/users/:id`, only the
 * fields that changed). It takes the place of the add form while open, with the values of when Edit
 * was pressed. A zone change that would move approved time off over shifts is refused by the
 * server, and the reason shows at the time zone.
 */
export function EditUserForm(props: { user: TeamMember; onDone: (message: string, id: string) => void; onCancel: () => void }) {
  const [name, setName] = createSignal(props.user.name);
  const [role, setRole] = createSignal<Role>(props.user.role);
  const [timezone, setTimezone] = createSignal(props.user.timezone);
  const [color, setColor] = createSignal(props.user.color);
  const [busy, setBusy] = createSignal(false);
  let nameInput: HTMLInputElement | HTMLTextAreaElement | undefined;

  const draft = (): PersonDraft => ({ name: name(), timezone: timezone(), color: color() });
  const checks = createFormChecks<Field>(() => personErrors(draft()));
  const { fieldError, edit } = checks;

  onMount(() => {
    nameInput?.focus();
    checks.form()?.scrollIntoView({ block: 'nearest' });
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!checks.begin()) return;
    const values = { name: name().trim(), role: role(), timezone: timezone(), color: color() };
    const patch = Object.fromEntries(Object.entries(values).filter(([k, v]) => props.user[k as Field] !== v));
    if (Object.keys(patch).length === 0) {
      props.onDone(`Nothing to save: ${values.name} is unchanged.`, props.user.id);
      return;
    }
    setBusy(true);
    try {
      await api('PATCH', `/api/users/${props.user.id}`, patch);
      device.syncNow();
      props.onDone(`Saved the changes to ${values.name}.`, props.user.id);
    } catch (e) {
      checks.refuse(serverFieldError(e, FIELDS, 'The changes could not be saved.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={checks.formRef} class="card stack" onSubmit={(e) => void submit(e)} novalidate aria-labelledby="edit-user-title">
      <h2 id="edit-user-title">Edit {props.user.name}</h2>
      <p class="muted">{props.user.email}</p>
      <ErrorAlert message={canReachServer() ? undefined : `Saving: ${NEEDS_CONNECTION}`} />
      <TextInput ref={(el) => (nameInput = el)} label="Name" name="name" value={name()} onChange={edit(setName)} error={fieldError('name')} />
      <RoleField value={role()} onChange={edit(setRole)} error={fieldError('role')} />
      <TimeZoneField value={timezone()} onChange={edit(setTimezone)} error={fieldError('timezone')} />
      <ColorField value={color()} onChange={edit(setColor)} error={fieldError('color')} />
      <ErrorAlert message={checks.formError()} />
      <div class="form-actions">
        <Button class="button button--primary" type="submit" disabled={busy() || !canReachServer()}>
          {busy() ? 'Saving…' : 'Save changes'}
        </Button>
        <Button class="button button--ghost" onClick={() => props.onCancel()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
