import { createSignal, For } from 'solid-js';
import type { AttentionItem } from '../../db/device-db';
import { ErrorAlert } from '../components/error-alert';
import { FormDialog } from '../components/form-dialog';
import { TextInput } from '../components/text-input';
import { device } from '../sync/device';
import { errorMessage, rejectedField } from '../sync/error-message';
import { editableFields, EditError, fieldLabel, withEdits, type EditableField } from './editable-fields';
import { MUTATION_LABELS } from './mutation-labels';

/**
 * "Edit and send again": the refused change's text, times and dates in a form; sending queues it as
 * a new change (re-based on the row as the device has it now). If the device can already tell it
 * would be refused again, the reason shows next to the field it names and nothing is sent.
 */
export function EditAndSend(props: { item: AttentionItem & { key: number }; zone: string; onSent: (message: string) => void }) {
  const [open, setOpen] = createSignal(false);
  const fields = () => editableFields(props.item.args, props.zone);
  const [edits, setEdits] = createSignal<Record<string, string>>({});
  const [problem, setProblem] = createSignal<{ key: string | undefined; message: string }>();
  const [busy, setBusy] = createSignal(false);
  const label = () => MUTATION_LABELS[props.item.name];

  const valueOf = (field: EditableField) => edits()[field.key] ?? field.value;
  const errorAt = (field: EditableField) => (problem()?.key === field.key || problem()?.key === field.name ? problem()?.message : undefined);

  const send = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const args = withEdits(props.item.args, fields(), edits(), props.zone);
      await device.resubmit(props.item.key, args);
      setOpen(false);
      props.onSent(`${label()} sent again.`);
    } catch (e) {
      const key = e instanceof EditError ? e.key : rejectedField(e);
      const message = e instanceof EditError ? e.message : `Still not possible: ${errorMessage(e, 'it could not be saved on this device.')}`;
      const known = fields().some((f) => f.key === key || f.name === key);
      setProblem({ key: known ? key : undefined, message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={open()}
      onOpenChange={(next) => {
        if (next) {
          setEdits({});
          setProblem(undefined);
        }
        setOpen(next);
      }}
      trigger="Edit and send again"
      triggerLabel={`Edit and send again: ${label()}`}
      triggerClass="button button--primary button--small"
      title="Edit and send again"
      description={`${label()}: ${props.item.error.message}`}
      submitLabel="Send again"
      busy={busy()}
      onSubmit={(e) => void send(e)}
    >
      <For each={fields()} fallback={<p class="muted">Nothing in this change can be edited; it is sent again as it was.</p>}>
        {(field) => (
          <TextInput
            label={fieldLabel(field.name)}
            name={field.key}
            type={field.kind === 'instant' ? 'datetime-local' : field.kind === 'date' ? 'date' : 'text'}
            multiline={field.kind === 'long-text'}
            value={valueOf(field)}
            onChange={(v) => {
              setEdits((all) => ({ ...all, [field.key]: v }));
              if (errorAt(field)) setProblem(undefined);
            }}
            error={errorAt(field)}
          />
        )}
      </For>
      <ErrorAlert message={problem() && !problem()?.key ? problem()?.message : undefined} />
    </FormDialog>
  );
}
