import { Button } from '@kobalte/core/button';
import { createSubmitOnce } from '../components/submit-once';
import { useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { TICKET_PRIORITIES } from '../../../sync/protocol/enums';
import { ErrorAlert } from '../components/error-alert';
import { SelectField } from '../components/select-field';
import { TextInput } from '../components/text-input';
import { useCategories } from '../stores/categories-store';
import { useLocations } from '../stores/locations-store';
import { device } from '../sync/device';
import { errorMessage, rejectedField } from '../sync/error-message';
import { PRIORITY_LABELS } from './ticket-filters';
import type { Priority } from './ticket-query';
import { descriptionProblem, titleProblem } from './validate';

/**
 * A new ticket, quick on a phone: title and priority, category and location if known, the rest
 * optional. Saved on the device at once; the new ticket opens straight away, signal or not.
 */
export function NewTicketForm() {
  const navigate = useNavigate();
  const categories = useCategories();
  const locations = useLocations();
  const [title, setTitle] = createSignal('');
  const [priority, setPriority] = createSignal<Priority>('medium');
  const [categoryId, setCategoryId] = createSignal('');
  const [locationId, setLocationId] = createSignal('');
  const [description, setDescription] = createSignal('');
  // Field messages appear after the first attempt to save, then follow the typing (and go when fixed).
  const [tried, setTried] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [serverField, setServerField] = createSignal<{ field: string; message: string }>();
  // A double tap on "Create ticket" must not file the ticket twice (each tap would make a new id).
  const once = createSubmitOnce();
  let titleInput: HTMLInputElement | HTMLTextAreaElement | undefined;

  const titleError = () => (tried() ? titleProblem(title()) : undefined) ?? fieldError('title');
  const descriptionError = () => descriptionProblem(description()) ?? fieldError('description');
  const fieldError = (field: string) => (serverField()?.field === field ? serverField()?.message : undefined);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (once.busy()) return;
    setTried(true);
    setError(undefined);
    setServerField(undefined);
    if (titleProblem(title()) || descriptionProblem(description())) {
      titleInput?.focus();
      return;
    }
    const id = crypto.randomUUID();
    try {
      // Still busy while the ticket page loads: a second tap on this form must not file it again.
      await once.run(
        async () => {
          await device.mutate('ticket.create', {
            id,
            title: title(),
            priority: priority(),
            ...(description().trim() ? { description: description() } : {}),
            ...(categoryId() ? { categoryId: categoryId() } : {}),
            ...(locationId() ? { locationId: locationId() } : {}),
          });
          navigate(`/tickets/${id}`);
        },
        { staysBusy: true },
      );
    } catch (e) {
      const field = rejectedField(e);
      if (field) setServerField({ field, message: errorMessage(e, '') });
      else setError(errorMessage(e, 'The ticket could not be saved on this device.'));
    }
  };

  return (
    <form class="card stack new-ticket" onSubmit={submit} novalidate aria-labelledby="new-ticket-title">
      <h1 id="new-ticket-title" class="page-title">
        New ticket
      </h1>
      <TextInput label="Title" name="title" value={title()} onChange={setTitle} error={titleError()} required autofocus ref={(el) => (titleInput = el)} />
      <div class="priority-picker" role="radiogroup" aria-label="Priority">
        <span class="field__label" aria-hidden="true">
          Priority
        </span>
        <div class="segmented">
          {TICKET_PRIORITIES.map((p) => (
            <button
              type="button"
              role="radio"
              class="segmented__item"
              aria-checked={priority() === p}
              data-pressed={priority() === p ? '' : undefined}
              onClick={() => setPriority(p)}
            >
              {PRIORITY_LABELS[p]}
            </button>
          ))}
        </div>
      </div>
      <div class="new-ticket__pair">
        <SelectField
          label="Category"
          value={categoryId()}
          options={[{ value: '', label: 'Uncategorised' }, ...categories().map((c) => ({ value: c.id, label: c.name }))]}
          onChange={setCategoryId}
          error={fieldError('categoryId')}
        />
        <SelectField
          label="Location"
          value={locationId()}
          options={[{ value: '', label: 'No location' }, ...locations().map((l) => ({ value: l.id, label: l.name }))]}
          onChange={setLocationId}
          error={fieldError('locationId')}
        />
      </div>
      <TextInput label="Description (optional)" name="description" multiline value={description()} onChange={setDescription} error={descriptionError()} />
      <ErrorAlert message={error()} />
      <div class="form-actions">
        <Button class="button button--primary" type="submit" disabled={once.busy()}>
          Create ticket
        </Button>
        <Button class="button button--ghost" type="button" onClick={() => navigate('/tickets')}>
          Cancel
        </Button>
      </div>
      <Show when={device.status().state === 'offline'}>
        <p class="muted">No connection: the ticket is saved on this phone and sent when the signal is back.</p>
      </Show>
    </form>
  );
}
