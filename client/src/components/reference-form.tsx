import { Button } from '@kobalte/core/button';
import { createSignal, createUniqueId, onMount, Show, type JSX } from 'solid-js';
import { errorMessage, rejectedField } from '../sync/error-message';
import { ErrorAlert } from './error-alert';
import { createSubmitOnce } from './submit-once';

type Values = Record<string, string>;

/** What a field of the form needs: spread it onto a TextInput (or any field with the same props). */
export interface FormField {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: string | undefined;
}

/**
 * The add / edit form of an admin list (locations, categories): adds a row, or edits `row` when
 * given, then only the changed fields are sent, so an edit made offline merges field by field with
 * other admins' edits. Saved on the device at once (offline too) through `create` / `update`, which
 * call device.mutate. Messages appear after the first attempt to save, then follow the values:
 * fixed means gone. A change the device refuses shows its reason at the field it names.
 */
export function ReferenceForm<V extends Values, R extends V & { id: string; version: string; name: string }>(props: {
  /** "location": titles the form ("New location"), its button ("Add location") and its messages. */
  noun: string;
  row?: R;
  /** The form's values for `row`, or for a new one. */
  values: (row: R | undefined) => V;
  errors: (values: V) => Partial<Record<keyof V, string>>;
  /** The values as saved (trimmed). */
  clean: (values: V) => V;
  create: (id: string, values: V) => Promise<void>;
  update: (row: R, patch: Partial<V>) => Promise<void>;
  onDone: (message: string, id: string) => void;
  onCancel?: () => void;
  children: (field: (name: keyof V & string) => FormField) => JSX.Element;
}) {
  // A snapshot: the list may update `row` while it is being edited; the form keeps what was typed.
  const row = props.row;
  const [values, setValues] = createSignal<V>(props.values(row));
  const [attempted, setAttempted] = createSignal(false);
  const [refused, setRefused] = createSignal<{ field: keyof V | undefined; message: string }>();
  const titleId = createUniqueId();
  // A double tap on the button must add the row once: each submit of a new row makes a new id.
  const once = createSubmitOnce();
  let form: HTMLFormElement | undefined;

  const field = (name: keyof V & string): FormField => ({
    get value() {
      return values()[name] ?? '';
    },
    onChange: (value: string) => {
      setValues((v) => ({ ...v, [name]: value }));
      setRefused(undefined);
    },
    get error() {
      return (attempted() ? props.errors(values())[name] : undefined) ?? (refused()?.field === name ? refused()?.message : undefined);
    },
  });

  onMount(() => {
    if (!row) return;
    form?.querySelector<HTMLElement>('input, textarea')?.focus();
    form?.scrollIntoView({ block: 'nearest' });
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (once.busy()) return;
    if (!row && once.justSaved() && JSON.stringify(values()) === JSON.stringify(props.values(undefined))) return;
    setAttempted(true);
    setRefused(undefined);
    if (Object.keys(props.errors(values())).length > 0) {
      queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const saved = props.clean(values());
    try {
      await once.run(async () => {
        if (row) {
          const patch = Object.fromEntries(Object.entries(saved).filter(([k, v]) => row[k] !== v)) as Partial<V>;
          const changed = Object.keys(patch).length > 0;
          if (changed) await props.update(row, patch);
          props.onDone(changed ? `Saved the changes to ${saved.name}.` : `Nothing to save: ${saved.name} is unchanged.`, row.id);
        } else {
          const id = crypto.randomUUID();
          await props.create(id, saved);
          props.onDone(`Added ${saved.name}.`, id);
          setAttempted(false);
          setValues(() => props.values(undefined));
        }
      });
    } catch (e) {
      const name = rejectedField(e);
      setRefused({
        field: name !== undefined && name in saved ? name : undefined,
        message: errorMessage(e, `The ${props.noun} could not be saved on this device.`),
      });
    }
  };

  return (
    <form ref={(el) => (form = el)} class="card stack reference-form" onSubmit={(e) => void submit(e)} novalidate aria-labelledby={titleId}>
      <h2 id={titleId}>{row ? `Edit ${row.name}` : `New ${props.noun}`}</h2>
      {props.children(field)}
      <ErrorAlert message={refused() && !refused()?.field ? refused()?.message : undefined} />
      <div class="reference-form__actions">
        <Button class="button button--primary" type="submit" disabled={once.busy()}>
          {row ? 'Save changes' : `Add ${props.noun}`}
        </Button>
        <Show when={row}>
          <Button class="button button--ghost" onClick={() => props.onCancel?.()}>
            Cancel
          </Button>
        </Show>
      </div>
    </form>
  );
}
