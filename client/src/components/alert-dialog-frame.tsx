// A module namespace, not the package's AlertDialog object: Kobalte builds Dialog and AlertDialog by
// Object.assign onto one shared function, so whichever loads last decides the other's Content role.
import * as AlertDialog from '@kobalte/core/alert-dialog';
import type { JSX } from 'solid-js';
import './confirm-dialog.css';

/**
 * The app's question dialog: overlay, centred panel, title, body (read as its description), then
 * whatever follows (an error) and the row of actions. Focus is trapped and returns on close; the
 * callers decide what the buttons do and when it opens.
 */
export function AlertDialogFrame(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** An AlertDialog.Trigger, when a button of its own opens it. */
  trigger?: JSX.Element;
  title: string;
  body: JSX.Element;
  /** Between the body and the actions (an error message). */
  after?: JSX.Element;
  actions: JSX.Element;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  return (
    <AlertDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      {props.trigger}
      <AlertDialog.Portal>
        <AlertDialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <AlertDialog.Content class="dialog" onCloseAutoFocus={(event) => props.onCloseAutoFocus?.(event)}>
            <AlertDialog.Title class="dialog__title">{props.title}</AlertDialog.Title>
            <AlertDialog.Description as="div" class="dialog__body">
              {props.body}
            </AlertDialog.Description>
            {props.after}
            <div class="dialog__actions">{props.actions}</div>
          </AlertDialog.Content>
        </div>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
