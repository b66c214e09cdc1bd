// A module namespace, not the package's AlertDialog object (see alert-dialog-frame.tsx).
import * as AlertDialog from '@kobalte/core/alert-dialog';
import { Button } from '@kobalte/core/button';
import { createSignal, type JSX } from 'solid-js';
import { AlertDialogFrame } from './alert-dialog-frame';
import { ErrorAlert } from './error-alert';

/**
 * A button that asks before doing something that cannot be taken back (withdraw, delete). The
 * dialog traps focus, closes on Escape and returns focus to its button when cancelled. Once the
 * action is done, its row (and this button) is on its way out, so focus goes to `fallbackFocus`
 * instead of being lost with it.
 */
export function ConfirmDialog(props: {
  /** The button's visible text, and text only screen readers hear after it ("Delete" + "North depot"). */
  trigger: string;
  triggerDetail?: string;
  triggerClass?: string;
  /** The trigger cannot be pressed (e.g. it needs a connection that is not there). */
  disabled?: boolean;
  title: string;
  children: JSX.Element;
  confirmLabel: string;
  /** What the confirm button says while onConfirm runs. */
  busyLabel?: string;
  cancelLabel?: string;
  danger?: boolean;
  /** The confirm button cannot be pressed yet (the dialog's own fields say why). */
  confirmDisabled?: boolean;
  /** Does the thing; a thrown error's message is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  errorMessage: (e: unknown) => string;
  fallbackFocus?: () => HTMLElement | undefined;
}) {
  const [open, setOpen] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  let done = false;

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      done = true;
      setOpen(false);
      // When the row went before the dialog finished closing, nothing put focus back: do it here.
      const fallback = props.fallbackFocus;
      setTimeout(() => {
        const active = document.activeElement;
        if (!active || active === document.body || !active.isConnected) fallback?.()?.focus();
      }, 0);
    } catch (e) {
      setError(props.errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AlertDialogFrame
      open={open()}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setError(undefined);
      }}
      trigger={
        <AlertDialog.Trigger class={props.triggerClass ?? 'button button--ghost button--small'} disabled={props.disabled ?? false}>
          {props.trigger}
          {props.triggerDetail && <span class="visually-hidden"> {props.triggerDetail}</span>}
        </AlertDialog.Trigger>
      }
      onCloseAutoFocus={(event) => {
        const target = done ? props.fallbackFocus?.() : undefined;
        done = false;
        if (!target) return;
        event.preventDefault();
        target.focus();
      }}
      title={props.title}
      body={props.children}
      after={<ErrorAlert message={error()} />}
      actions={
        <>
          {/* A plain button: Kobalte's close button would be named "Dismiss" whatever it says. */}
          <Button class="button button--ghost" onClick={() => setOpen(false)}>
            {props.cancelLabel ?? 'Cancel'}
          </Button>
          <Button class={`button ${props.danger ? 'button--danger' : 'button--primary'}`} disabled={busy() || (props.confirmDisabled ?? false)} onClick={() => void confirm()}>
            {busy() && props.busyLabel ? props.busyLabel : props.confirmLabel}
          </Button>
        </>
      }
    />
  );
}
