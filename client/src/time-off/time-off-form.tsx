import { Button } from '@kobalte/core/button';
import { RadioGroup } from '@kobalte/core/radio-group';
import { createSignal, For, Show } from 'solid-js';
import { TIME_OFF_KINDS } from '../../../sync/protocol/enums';
import { ErrorAlert } from '../components/error-alert';
import { TextInput } from '../components/text-input';
import { session } from '../session/session';
import { usePlannable } from '../stores/team-store';
import { device } from '../sync/device';
import { errorMessage, rejectedField } from '../sync/error-message';
import { describeDateRange } from './date-range';
import { KIND_LABELS, type TimeOffKind } from './kinds';
import { timeOffErrors } from './validate';

/**
 * Requesting time off. A technician asks for themself; an admin may add it for anyone (it starts as
 * requested either way, and is approved under Requests). Offline: saved on the device at once and
 * sent when there is a connection; a refusal the device can already tell is shown here, one the
 * server gives later lands in the sync "needs attention" list.
 */
export function TimeOffForm() {
  const isAdmin = () => session.user()?.role === 'admin';
  const people = usePlannable();
  const [technicianId, setTechnicianId] = createSignal(session.user()?.id ?? '');
  const [startDate, setStartDate] = createSignal('');
  const [endDate, setEndDate] = createSignal('');
  const [kind, setKind] = createSignal<TimeOffKind>('vacation');
  const [note, setNote] = createSignal('');
  // Messages appear after the first attempt to send, then follow the values: fixed means gone.
  const [attempted, setAttempted] = createSignal(false);
  const [refused, setRefused] = createSignal<{ field: string | undefined; message: string }>();
  const [saved, setSaved] = createSignal<string>();
  let form: HTMLFormElement | undefined;

  const errors = () => (attempted() ? timeOffErrors({ startDate: startDate(), endDate: endDate(), note: note() }) : {});
  const fieldError = (field: 'technicianId' | 'startDate' | 'endDate' | 'note') =>
    (errors() as Record<string, string | undefined>)[field] ?? (refused()?.field === field ? refused()?.message : undefined);
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setRefused(undefined);
      setSaved(undefined);
    };
  const nameOf = (id: string) => people().find((p) => p.id === id)?.name ?? 'this technician';

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setAttempted(true);
    setSaved(undefined);
    setRefused(undefined);
    if (Object.keys(timeOffErrors({ startDate: startDate(), endDate: endDate(), note: note() })).length > 0) {
      queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const forSelf = technicianId() === session.user()?.id;
    try {
      await device.mutate('timeOff.create', {
        id: crypto.randomUUID(),
        technicianId: technicianId(),
        startDate: startDate(),
        endDate: endDate(),
        kind: kind(),
        ...(note().trim() ? { note: note() } : {}),
      });
      const when = describeDateRange(startDate(), endDate());
      setSaved(forSelf ? `Your request for ${when} is saved. You will see here when it is approved or denied.` : `Time off for ${nameOf(technicianId())}, ${when}, is saved as requested. Approve it under Requests.`);
      setAttempted(false);
      setStartDate('');
      setEndDate('');
      setNote('');
      setKind('vacation');
    } catch (e) {
      const field = rejectedField(e);
      setRefused({ field: field && ['technicianId', 'startDate', 'endDate', 'note'].includes(field) ? field : undefined, message: errorMessage(e, 'The request could not be saved on this device.') });
    }
  };

  return (
    <form ref={(el) => (form = el)} class="card stack timeoff-form" onSubmit={submit} novalidate aria-labelledby="timeoff-form-title">
      <h2 id="timeoff-form-title">{isAdmin() ? 'Add time off' : 'Request time off'}</h2>
      <Show when={isAdmin()}>
        <div class="field">
          <label class="field__label" for="timeoff-technician">
            Technician
          </label>
          <select
            id="timeoff-technician"
            class="field__input"
            aria-invalid={fieldError('technicianId') ? 'true' : undefined}
            aria-describedby={fieldError('technicianId') ? 'timeoff-technician-error' : undefined}
            onChange={(e) => edit(setTechnicianId)(e.currentTarget.value)}
          >
            <For each={people()}>
              {(p) => (
                <option value={p.id} selected={p.id === technicianId()}>
                  {p.id === session.user()?.id ? `${p.name} (you)` : p.name}
                </option>
              )}
            </For>
          </select>
          <Show when={fieldError('technicianId')}>
            {(message) => (
              <p id="timeoff-technician-error" class="field__error">
                {message()}
              </p>
            )}
          </Show>
        </div>
      </Show>
      <div class="timeoff-form__dates">
        <TextInput label="First day" name="startDate" type="date" value={startDate()} onChange={edit(setStartDate)} error={fieldError('startDate')} />
        <TextInput label="Last day" name="endDate" type="date" value={endDate()} min={startDate() || undefined} onChange={edit(setEndDate)} error={fieldError('endDate')} />
      </div>
      <RadioGroup class="field" value={kind()} onChange={(v) => edit(setKind)(v as TimeOffKind)}>
        <RadioGroup.Label class="field__label">Kind</RadioGroup.Label>
        <div class="choice-row">
          <For each={TIME_OFF_KINDS}>
            {(k) => (
              <RadioGroup.Item value={k} class="choice">
                <RadioGroup.ItemInput class="choice__input" />
                <RadioGroup.ItemControl class="choice__control">
                  <RadioGroup.ItemIndicator class="choice__indicator" />
                </RadioGroup.ItemControl>
                <RadioGroup.ItemLabel class="choice__label">{KIND_LABELS[k]}</RadioGroup.ItemLabel>
              </RadioGroup.Item>
            )}
          </For>
        </div>
      </RadioGroup>
      <TextInput label="Note (optional)" name="note" multiline value={note()} onChange={edit(setNote)} error={fieldError('note')} />
      <ErrorAlert message={refused() && !refused()?.field ? refused()?.message : undefined} />
      {/* Always in the page, so screen readers announce what appears in it. */}
      <p class={saved() ? 'alert alert--ok' : 'visually-hidden'} role="status">
        {saved()}
      </p>
      <Button class="button button--primary" type="submit">
        {isAdmin() ? 'Add time off' : 'Request time off'}
      </Button>
    </form>
  );
}
