import { Button } from '@kobalte/core/button';
import { createEffect, createSignal, on, Show } from 'solid-js';
import { ColorField } from '../components/color-field';
import { ErrorAlert } from '../components/error-alert';
import { createFormChecks } from '../components/form-checks';
import { TextInput } from '../components/text-input';
import { TimeZoneField } from '../locations/time-zone-field';
import { browserTimeZone } from '../locations/time-zones';
import type { TeamMember } from '../stores/team-store';
import { device } from '../sync/device';
import { errorMessage, rejectedField } from '../sync/error-message';
import { personErrors, type PersonDraft } from '../team/validate';

type Field = keyof PersonDraft;

/**
 * The signed-in person's name, time zone and colour, saved through sync (`profile.update`), so it
 * works offline and follows them to every device. A zone change that would move approved time off
 * over shifts is refused at once, with the reason at the time zone.
 */
export function ProfileDetailsForm(props: { me: TeamMember }) {
  const [name, setName] = createSignal(props.me.name);
  const [timezone, setTimezone] = createSignal(props.me.timezone);
  const [color, setColor] = createSignal(props.me.color);
  const [saved, setSaved] = createSignal<string>();

  // A change that arrives from another device shows here, unless this form has unsaved edits.
  let last = { ...props.me };
  createEffect(
    on(
      () => props.me,
      (me) => {
        if (name() === last.name) setName(me.name);
        if (timezone() === last.timezone) setTimezone(me.timezone);
        if (color() === last.color) setColor(me.color);
        last = { ...me };
      },
      { defer: true },
    ),
  );

  const draft = (): PersonDraft => ({ name: name(), timezone: timezone(), color: color() });
  const checks = createFormChecks<Field>(() => personErrors(draft()));
  const { fieldError } = checks;
  const edit = (set: (v: string) => void) =>
    checks.edit((v: string) => {
      set(v);
      setSaved(undefined);
    });
  const browserZone = browserTimeZone();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(undefined);
    if (!checks.begin()) return;
    const values = { name: name().trim(), timezone: timezone(), color: color() };
    const patch = Object.fromEntries(Object.entries(values).filter(([k, v]) => props.me[k as Field] !== v));
    if (Object.keys(patch).length === 0) {
      setSaved('Nothing to save: your details are unchanged.');
      return;
    }
    try {
      await device.mutate('profile.update', { patch });
      checks.reset();
      setSaved('Saved. It reaches your other devices when this one syncs.');
    } catch (e) {
      const field = rejectedField(e)?.replace(/^patch\./, '');
      checks.refuse({ field: field === 'name' || field === 'timezone' || field === 'color' ? field : undefined, message: errorMessage(e, 'Your details could not be saved on this device.') });
    }
  };

  return (
    <form ref={checks.formRef} class="card stack" onSubmit={(e) => void submit(e)} novalidate aria-labelledby="profile-details-title">
      <h2 id="profile-details-title">Your details</h2>
      <p class="muted">
        {props.me.email} · {props.me.role === 'admin' ? 'Administrator' : 'Technician'}
      </p>
      <TextInput label="Name" name="name" autocomplete="name" value={name()} onChange={edit(setName)} error={fieldError('name')} />
      <TimeZoneField value={timezone()} onChange={edit(setTimezone)} error={fieldError('timezone')} />
      <Show when={timezone() !== browserZone}>
        <p class="muted profile-zone-hint">
          This device is in {browserZone.replaceAll('_', ' ')}.{' '}
          <button type="button" class="link-button" onClick={() => edit(setTimezone)(browserZone)}>
            Use {browserZone.replaceAll('_', ' ')}
          </button>
        </p>
      </Show>
      <ColorField value={color()} onChange={edit(setColor)} error={fieldError('color')} />
      <ErrorAlert message={checks.formError()} />
      <p class={saved() ? 'alert alert--ok' : 'visually-hidden'} role="status">
        {saved()}
      </p>
      <Button class="button button--primary" type="submit">
        Save details
      </Button>
    </form>
  );
}
