import { Button } from '@kobalte/core/button';
import { createSignal } from 'solid-js';
import type { Role } from '../../../sync/protocol/enums';
import type { User } from '../../../sync/protocol/user';
import { api } from '../api/http';
import { ColorField } from '../components/color-field';
import { ErrorAlert } from '../components/error-alert';
import { TextInput } from '../components/text-input';
import { TimeZoneField } from '../locations/time-zone-field';
import { browserTimeZone } from '../locations/time-zones';
import { device } from '../sync/device';
import { canReachServer, NEEDS_CONNECTION } from './connection';
import { nextPersonColor } from './palette';
import { RoleField } from './role-field';
import { serverFieldError } from './server-error';
import { newUserErrors, type NewUserDraft } from './validate';

const FIELDS = ['name', 'email', 'role', 'timezone', 'color', 'password'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Adds a person to the team (online only: accounts and passwords live on the server). Problems
 * show at their field before anything is sent; the server's answers too (a taken email).
 */
export function NewUserForm(props: { takenColors: string[]; onAdded: (message: string) => void }) {
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [role, setRole] = createSignal<Role>('technician');
  const [timezone, setTimezone] = createSignal(browserTimeZone());
  const [color, setColor] = createSignal(nextPersonColor(props.takenColors));
  const [password, setPassword] = createSignal('');
  const [attempted, setAttempted] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [refused, setRefused] = createSignal<{ field: Field | undefined; message: string }>();
  let form: HTMLFormElement | undefined;

  const draft = (): NewUserDraft => ({ name: name(), email: email(), timezone: timezone(), color: color(), password: password() });
  const fieldError = (field: Field) =>
    (attempted() && field !== 'role' ? newUserErrors(draft())[field] : undefined) ?? (refused()?.field === field ? refused()?.message : undefined);
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setRefused(undefined);
    };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setAttempted(true);
    setRefused(undefined);
    if (Object.keys(newUserErrors(draft())).length > 0) {
      queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const { user } = await api<{ user: User }>('POST', '/api/users', {
        name: name().trim(),
        email: email().trim(),
        role: role(),
        timezone: timezone(),
        color: color(),
        password: password(),
      });
      // The new row reaches every device through sync; pull now so it is listed at once.
      device.syncNow();
      props.onAdded(`Added ${user.name}. They can sign in with ${user.email} and the password you chose.`);
      setAttempted(false);
      setName('');
      setEmail('');
      setPassword('');
      setRole('technician');
      setColor(nextPersonColor([...props.takenColors, user.color]));
    } catch (e) {
      setRefused(serverFieldError(e, FIELDS, 'The person could not be added.'));
      queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={(el) => (form = el)} class="card stack" onSubmit={submit} novalidate aria-labelledby="new-user-title">
      <h2 id="new-user-title">Add a person</h2>
      <p class={canReachServer() ? 'visually-hidden' : 'alert alert--error'} role="status">
        {canReachServer() ? '' : `Adding people: ${NEEDS_CONNECTION}`}
      </p>
      <TextInput label="Name" name="name" autocomplete="off" value={name()} onChange={edit(setName)} error={fieldError('name')} />
      <TextInput label="Email" name="email" type="email" autocomplete="off" value={email()} onChange={edit(setEmail)} error={fieldError('email')} />
      <RoleField value={role()} onChange={edit(setRole)} error={fieldError('role')} />
      <TimeZoneField value={timezone()} onChange={edit(setTimezone)} error={fieldError('timezone')} />
      <ColorField value={color()} onChange={edit(setColor)} error={fieldError('color')} />
      <TextInput
        label="First password"
        name="password"
        type="password"
        autocomplete="new-password"
        description="At least 8 characters. Tell them; they can change it under Profile."
        value={password()}
        onChange={edit(setPassword)}
        error={fieldError('password')}
      />
      <ErrorAlert message={refused() && !refused()?.field ? refused()?.message : undefined} />
      <Button class="button button--primary" type="submit" disabled={busy() || !canReachServer()}>
        {busy() ? 'Adding…' : 'Add person'}
      </Button>
    </form>
  );
}
