// A module namespace, not the package's Dialog object (see confirm-dialog.tsx).
import * as Dialog from '@kobalte/core/dialog';
import { Button } from '@kobalte/core/button';
import { Show, type JSX } from 'solid-js';

/**
 * A button that opens a form in a modal dialog (reset a password, edit a refused change). The form's
 * state belongs to the caller, which opens and closes it; Escape and Cancel close it unsaved.
 */
export function FormDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: string;
  /** Said after the trigger's words to screen readers only ("Reset password" + "for Ines"). */
  triggerDetail?: string;
  /** The trigger's whole accessible name, when it is not the words plus the detail. */
  triggerLabel?: string;
  triggerClass?: string;
  disabled?: boolean;
  title: string;
  description?: JSX.Element;
  submitLabel: string;
  busy: boolean;
  onSubmit: (event: SubmitEvent) => void;
  children: JSX.Element;
}) {
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Trigger
        class={props.triggerClass ?? 'button button--ghost button--small'}
        disabled={props.disabled ?? false}
        aria-label={props.triggerLabel ?? (props.triggerDetail ? `${props.trigger} ${props.triggerDetail}` : undefined)}
      >
        {props.trigger}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content class="dialog">
            <Dialog.Title class="dialog__title">{props.title}</Dialog.Title>
            <Show when={props.description}>
              <Dialog.Description class="dialog__description">{props.description}</Dialog.Description>
            </Show>
            <form class="stack dialog__form" onSubmit={(e) => props.onSubmit(e)} novalidate>
              {props.children}
              <div class="dialog__actions">
                <Button class="button button--ghost" onClick={() => props.onOpenChange(false)}>
                  Cancel
                </Button>
                <Button class="button button--primary" type="submit" disabled={props.busy}>
                  {props.submitLabel}
                </Button>
              </div>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
