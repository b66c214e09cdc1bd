import { Button } from '@kobalte/core/button';
import { createSignal, onMount, Show } from 'solid-js';
import { ErrorAlert } from '../components/error-alert';
import { createFormChecks } from '../components/form-checks';
import { TextInput } from '../components/text-input';
import type { Location } from '../stores/locations-store';
import { device } from '../sync/device';
import { errorMessage, rejectedField } from '../sync/error-message';
import { browserTimeZone } from './time-zones';
import { TimeZoneField } from './time-zone-field';
import { locationErrors, type LocationDraft } from './validate';

type Field = keyof LocationDraft;

/**
 * Adds a location, or edits `location` when given (then only the changed fields are sent, so an
 * edit made offline merges field by field with other admins' edits). Saved on the device at once.
 */
export function LocationForm(props: { location?: Location; onDone: (message: string, id: string) => void; onCancel?: () => void }) {
  const editing = () => props.location;
  const [name, setName] = createSignal(props.location?.name ?? '');
  const [address, setAddress] = createSignal(props.location?.address ?? '');
  const [timezone, setTimezone] = createSignal(props.location?.timezone ?? browserTimeZone());
  let nameInput: HTMLInputElement | HTMLTextAreaElement | undefined;

  const draft = (): LocationDraft => ({ name: name(), address: address(), timezone: timezone() });
  const checks = createFormChecks<Field>(() => locationErrors(draft()));
  const { fieldError, edit } = checks;

  onMount(() => {
    if (editing()) {
      nameInput?.focus();
      checks.form()?.scrollIntoView({ block: 'nearest' });
    }
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!checks.begin()) return;
    const values = { name: name().trim(), address: address().trim(), timezone: timezone() };
    try {
      const current = editing();
      if (current) {
        const patch = Object.fromEntries(Object.entries(values).filter(([k, v]) => current[k as Field] !== v));
        if (Object.keys(patch).length > 0) await device.mutate('location.update', { id: current.id, baseVersion: current.version, patch });
        props.onDone(Object.keys(patch).length > 0 ? `Saved the changes to ${values.name}.` : `Nothing to save: ${values.name} is unchanged.`, current.id);
      } else {
        const id = crypto.randomUUID();
        await device.mutate('location.create', { id, ...values });
        props.onDone(`Added ${values.name}.`, id);
        checks.reset();
        setName('');
        setAddress('');
        setTimezone(browserTimeZone());
      }
    } catch (e) {
      const field = rejectedField(e);
      checks.refuse({
        field: field === 'name' || field === 'address' || field === 'timezone' ? field : undefined,
        message: errorMessage(e, 'The location could not be saved on this device.'),
      });
    }
  };

  return (
    <form ref={checks.formRef} class="card stack location-form" onSubmit={submit} novalidate aria-labelledby="location-form-title">
      <h2 id="location-form-title">{editing() ? `Edit ${editing()?.name}` : 'New location'}</h2>
      <TextInput ref={(el) => (nameInput = el)} label="Name" name="name" value={name()} onChange={edit(setName)} error={fieldError('name')} />
      <TextInput label="Address (optional)" name="address" multiline value={address()} onChange={edit(setAddress)} error={fieldError('address')} />
      <TimeZoneField value={timezone()} onChange={edit(setTimezone)} error={fieldError('timezone')} />
      <ErrorAlert message={checks.formError()} />
      <div class="location-form__actions">
        <Button class="button button--primary" type="submit">
          {editing() ? 'Save changes' : 'Add location'}
        </Button>
        <Show when={editing()}>
          <Button class="button button--ghost" onClick={() => props.onCancel?.()}>
            Cancel
          </Button>
        </Show>
      </div>
    </form>
  );
}
