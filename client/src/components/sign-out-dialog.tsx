// A module namespace, not the package's AlertDialog object (see confirm-dialog.tsx).
import * as AlertDialog from '@kobalte/core/alert-dialog';
import { Button } from '@kobalte/core/button';
import { Show } from 'solid-js';
import { changesText } from '../../replicator/sync-summary';
import { ErrorAlert } from './error-alert';
import './confirm-dialog.css';

/**
 * "Sign out with unsent changes?" (SignOutButton's question), in a chunk of its own: the frame draws
 * without Kobalte's dialog code, which most sign-outs never need.
 */
export function SignOutDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pending: number;
  busy: boolean;
  syncNote: string | undefined;
  onSyncFirst: () => void;
  onSignOutAnyway: () => void;
}) {
  return (
    <AlertDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <AlertDialog.Content class="dialog">
            <AlertDialog.Title class="dialog__title">Sign out with unsent changes?</AlertDialog.Title>
            <AlertDialog.Description as="div" class="dialog__body">
              <p>
                {changesText(props.pending)} made on this device {props.pending === 1 ? 'has' : 'have'} not reached the server yet. If you sign out now,{' '}
                {props.pending === 1 ? 'it stays' : 'they stay'} on this device and {props.pending === 1 ? 'is' : 'are'} sent only when you sign in here again. “Sync first” sends{' '}
                {props.pending === 1 ? 'it' : 'them'}, then signs you out.
              </p>
            </AlertDialog.Description>
            <Show when={props.syncNote}>
              {(note) => (
                <div class="dialog__body">
                  <ErrorAlert message={note()} />
                </div>
              )}
            </Show>
            <div class="dialog__actions">
              <Button class="button button--ghost" onClick={() => props.onOpenChange(false)}>
                Cancel
              </Button>
              <Button class="button button--ghost button--danger-text" onClick={props.onSignOutAnyway}>
                Sign out anyway
              </Button>
              <Button class="button button--primary" disabled={props.busy} onClick={props.onSyncFirst}>
                {props.busy ? 'Syncing…' : 'Sync first'}
              </Button>
            </div>
          </AlertDialog.Content>
        </div>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
