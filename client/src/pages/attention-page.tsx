import { createSignal, For, Show } from 'solid-js';
import { formatInTimeZone } from 'date-fns-tz';
import { EditAndSend } from '../attention/edit-and-send';
import { editableFields, fieldLabel } from '../attention/editable-fields';
import { MUTATION_LABELS, refusalReason } from '../attention/mutation-labels';
import { useViewer } from '../calendar/viewer';
import { ConfirmDialog } from '../components/confirm-dialog';
import { keyedRows } from '../stores/keyed-rows';
import { useAttention, type KeyedAttentionItem } from '../stores/attention-store';
import { device } from '../sync/device';
import { errorMessage } from '../sync/error-message';
import '../attention/attention.css';

const shown = (kind: string, value: string) => (kind === 'instant' ? value.replace('T', ' ') : value);

function AttentionEntry(props: { item: KeyedAttentionItem; zone: string; onDone: (message: string) => void; fallbackFocus: () => HTMLElement | undefined }) {
  const label = () => MUTATION_LABELS[props.item.name];
  // What it would have set; empty values say nothing.
  const fields = () => editableFields(props.item.args, props.zone).filter((f) => f.value !== '');
  return (
    <li class="row-list__item attention-entry">
      <div class="attention-entry__main">
        <p class="attention-entry__title">{label()}</p>
        <p class="muted">Made {formatInTimeZone(props.item.at, props.zone, "EEE d MMM 'at' HH:mm")}</p>
        <Show when={fields().length > 0}>
          <dl class="attention-entry__fields">
            <For each={fields()}>
              {(field) => (
                <div>
                  <dt>{fieldLabel(field.name)}</dt>
                  <dd>{shown(field.kind, field.value)}</dd>
                </div>
              )}
            </For>
          </dl>
        </Show>
        <p class="attention-entry__reason">
          <strong>{refusalReason(props.item.error.code)}</strong> {props.item.error.message}
        </p>
      </div>
      <div class="attention-entry__actions">
        <EditAndSend item={props.item} zone={props.zone} onSent={props.onDone} />
        <ConfirmDialog
          trigger="Discard"
          triggerDetail={label()}
          title={`Discard this ${label().toLowerCase()}?`}
          confirmLabel="Discard it"
          danger
          errorMessage={(e) => errorMessage(e, 'It could not be discarded.')}
          fallbackFocus={props.fallbackFocus}
          onConfirm={async () => {
            await device.discard(props.item.key);
            props.onDone(`${label()} discarded.`);
          }}
        >
          <p>The server never applied it, so discarding it changes nothing anyone else sees. It cannot be undone.</p>
        </ConfirmDialog>
      </div>
    </li>
  );
}

/**
 * Needs attention: every change made on this device that the server refused, with the reason in
 * words. Each can be edited and sent again (as a new change) or discarded; nothing leaves this list
 * unless the user says so.
 */
export function AttentionPage() {
  const items = useAttention();
  const viewer = useViewer();
  const [done, setDone] = createSignal<string>();
  const { ids, row } = keyedRows(() => items().map((item) => ({ ...item, id: String(item.key) })));
  let heading: HTMLHeadingElement | undefined;
  return (
    <>
      <h1 class="page-title" ref={(el) => (heading = el)} tabindex="-1">
        Needs attention
      </h1>
      <p class={done() ? 'alert alert--ok attention-done' : 'visually-hidden'} role="status">
        {done()}
      </p>
      <section class="card" aria-label="Refused changes">
        <Show
          when={ids().length > 0}
          fallback={<p class="muted">Nothing needs your attention: the server accepted every change sent from this device.</p>}
        >
          <p class="muted attention-intro">The server refused these changes. Nothing else was lost: fix one and send it again, or discard it.</p>
          <ul class="row-list">
            <For each={ids()}>
              {(key) => (
                <Show when={row(key)}>
                  {(item) => <AttentionEntry item={item()} zone={viewer().zone} onDone={setDone} fallbackFocus={() => heading} />}
                </Show>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </>
  );
}
