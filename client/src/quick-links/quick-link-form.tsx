import { Button } from '@kobalte/core/button';
import { createSignal, onMount, Show } from 'solid-js';
import { ErrorAlert } from '../components/error-alert';
import { createFormChecks } from '../components/form-checks';
import { TextInput } from '../components/text-input';
import type { QuickLink } from '../stores/quick-links-store';
import { device } from '../sync/device';
import { errorMessage, rejectedField } from '../sync/error-message';
import { nextPosition } from './reorder';
import { quickLinkErrors, type QuickLinkDraft } from './validate';

type Field = keyof QuickLinkDraft;

/**
 * Adds a quick link (at the end of the list), or edits `link` when given, sending only what
 * changed. Saved on this device at once, sent when there is a connection.
 */
export function QuickLinkForm(props: { link?: QuickLink; all: QuickLink[]; onDone: (message: string, id: string) => void; onCancel?: () => void }) {
  const [title, setTitle] = createSignal(props.link?.title ?? '');
  const [url, setUrl] = createSignal(props.link?.url ?? '');
  let titleInput: HTMLInputElement | HTMLTextAreaElement | undefined;

  const draft = (): QuickLinkDraft => ({ title: title(), url: url() });
  const checks = createFormChecks<Field>(() => quickLinkErrors(draft()));
  const { fieldError, edit } = checks;

  onMount(() => {
    if (props.link) {
      titleInput?.focus();
      checks.form()?.scrollIntoView({ block: 'nearest' });
    }
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!checks.begin()) return;
    const values = { title: title().trim(), url: url().trim() };
    try {
      const current = props.link;
      if (current) {
        const patch = Object.fromEntries(Object.entries(values).filter(([k, v]) => current[k as Field] !== v));
        if (Object.keys(patch).length > 0) await device.mutate('quickLink.update', { id: current.id, baseVersion: current.version, patch });
        props.onDone(Object.keys(patch).length > 0 ? `Saved the changes to ${values.title}.` : `Nothing to save: ${values.title} is unchanged.`, current.id);
      } else {
        const id = crypto.randomUUID();
        await device.mutate('quickLink.create', { id, ...values, position: nextPosition(props.all) });
        props.onDone(`Added ${values.title}.`, id);
        checks.reset();
        setTitle('');
        setUrl('');
      }
    } catch (e) {
      const field = rejectedField(e);
      checks.refuse({ field: field === 'title' || field === 'url' ? field : undefined, message: errorMessage(e, 'The link could not be saved on this device.') });
    }
  };

  return (
    <form ref={checks.formRef} class="card stack quick-link-form" onSubmit={submit} novalidate aria-labelledby="quick-link-form-title">
      <h2 id="quick-link-form-title">{props.link ? `Edit ${props.link.title}` : 'New quick link'}</h2>
      <TextInput ref={(el) => (titleInput = el)} label="Title" name="title" value={title()} onChange={edit(setTitle)} error={fieldError('title')} />
      <TextInput label="Address" name="url" type="url" autocomplete="url" description="The full web address, such as https://parts.example.com." value={url()} onChange={edit(setUrl)} error={fieldError('url')} />
      <ErrorAlert message={checks.formError()} />
      <div class="form-actions">
        <Button class="button button--primary" type="submit">
          {props.link ? 'Save changes' : 'Add link'}
        </Button>
        <Show when={props.link}>
          <Button class="button button--ghost" onClick={() => props.onCancel?.()}>
            Cancel
          </Button>
        </Show>
      </div>
    </form>
  );
}
