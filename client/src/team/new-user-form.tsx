import { Button } from '@kobalte/core/button';
import { createSignal } from 'solid-js';
import type { Role } from '../../../sync/protocol/enums';
import type { User } from '../../../sync/protocol/user';
import { api } from '../api/http';
import { ColorField } from '../components/color-field';
import { ErrorAlert } from '../components/error-alert';
import { createFormChecks } from '../components/form-checks';
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
  const [busy, setBusy] = createSignal(false);
  const draft = (): NewUserDraft => ({ name: name(), email: email(), timezone: timezone(), color: color(), password: password() });
  const checks = createFormChecks<Field>(() => newUserErrors(draft()));
  const { fieldError, edit } = checks;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!checks.begin()) return;
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
      checks.reset();
      setName('');
      setEmail('');
      setPassword('');
      setRole('technician');
      setColor(nextPersonColor([...props.takenColors, user.color]));
    } catch (e) {
      checks.refuse(serverFieldError(e, FIELDS, 'The person could not be added.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={checks.formRef} class="card stack" onSubmit={submit} novalidate aria-labelledby="new-user-title">
      <h2 id="new-user-title">Add a person</h2>
      <ErrorAlert message={canReachServer() ? undefined : `Adding people: ${NEEDS_CONNECTION}`} />
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
      <ErrorAlert message={checks.formError()} />
      <Button class="button button--primary" type="submit" disabled={busy() || !canReachServer()}>
        {busy() ? 'Adding…' : 'Add person'}
      </Button>
    </form>
  );
}
