import { createSignal } from 'solid-js';
import type { Role } from '../../../sync/protocol/enums';
import { api } from '../api/http';
import { ColorField } from '../components/color-field';
import { ErrorAlert } from '../components/error-alert';
import { TextInput } from '../components/text-input';
import { TimeZoneField } from '../locations/time-zone-field';
import type { TeamMember } from '../stores/team-store';
import { device } from '../sync/device';
import { FormDialog } from './form-dialog';
import { RoleField } from './role-field';
import { serverFieldError } from './server-error';
import { personErrors, type PersonDraft } from './validate';

const FIELDS = ['name', 'role', 'timezone', 'color'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Edits a person's name, role, time zone and colour (online: `PATCH /api/users/:id`, only the
 * fields that changed). A zone change that would move approved time off over shifts is refused by
 * the server, and the reason shows at the time zone.
 */
export function EditUserDialog(props: { user: TeamMember; disabled: boolean; onSaved: (message: string) => void }) {
  const [open, setOpen] = createSignal(false);
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<Role>('technician');
  const [timezone, setTimezone] = createSignal('');
  const [color, setColor] = createSignal('');
  const [attempted, setAttempted] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [refused, setRefused] = createSignal<{ field: Field | undefined; message: string }>();

  const draft = (): PersonDraft => ({ name: name(), timezone: timezone(), color: color() });
  const fieldError = (field: Field) =>
    (attempted() && field !== 'role' ? personErrors(draft())[field] : undefined) ?? (refused()?.field === field ? refused()?.message : undefined);
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setRefused(undefined);
    };

  const openWith = (next: boolean) => {
    if (next) {
      // A snapshot: the form keeps its own values while the synced row updates underneath.
      setName(props.user.name);
      setRole(props.user.role);
      setTimezone(props.user.timezone);
      setColor(props.user.color);
      setAttempted(false);
      setRefused(undefined);
    }
    setOpen(next);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setAttempted(true);
    setRefused(undefined);
    if (Object.keys(personErrors(draft())).length > 0) return;
    const values = { name: name().trim(), role: role(), timezone: timezone(), color: color() };
    const patch = Object.fromEntries(Object.entries(values).filter(([k, v]) => props.user[k as Field] !== v));
    if (Object.keys(patch).length === 0) {
      setOpen(false);
      props.onSaved(`Nothing to save: ${values.name} is unchanged.`);
      return;
    }
    setBusy(true);
    try {
      await api('PATCH', `/api/users/${props.user.id}`, patch);
      device.syncNow();
      setOpen(false);
      props.onSaved(`Saved the changes to ${values.name}.`);
    } catch (e) {
      setRefused(serverFieldError(e, FIELDS, 'The changes could not be saved.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={open()}
      onOpenChange={openWith}
      trigger="Edit"
      triggerDetail={props.user.name}
      disabled={props.disabled}
      title={`Edit ${props.user.name}`}
      submitLabel={busy() ? 'Saving…' : 'Save changes'}
      busy={busy()}
      onSubmit={(e) => void submit(e)}
    >
      <TextInput label="Name" name="name" value={name()} onChange={edit(setName)} error={fieldError('name')} />
      <RoleField value={role()} onChange={edit(setRole)} error={fieldError('role')} />
      <TimeZoneField value={timezone()} onChange={edit(setTimezone)} error={fieldError('timezone')} />
      <ColorField value={color()} onChange={edit(setColor)} error={fieldError('color')} />
      <ErrorAlert message={refused() && !refused()?.field ? refused()?.message : undefined} />
    </FormDialog>
  );
}
