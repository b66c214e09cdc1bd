import { Button } from '@kobalte/core/button';
import { Show } from 'solid-js';
import { changesText } from '../../replicator/sync-summary';
import { AlertDialogFrame } from './alert-dialog-frame';
import { ErrorAlert } from './error-alert';

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
    <AlertDialogFrame
      open={props.open}
      onOpenChange={props.onOpenChange}
      title="Sign out with unsent changes?"
      body={
        <p>
          {changesText(props.pending)} made on this device {props.pending === 1 ? 'has' : 'have'} not reached the server yet. If you sign out now,{' '}
          {props.pending === 1 ? 'it stays' : 'they stay'} on this device and {props.pending === 1 ? 'is' : 'are'} sent only when you sign in here again. “Sync first” sends{' '}
          {props.pending === 1 ? 'it' : 'them'}, then signs you out.
        </p>
      }
      after={
        <Show when={props.syncNote}>
          {(note) => (
            <div class="dialog__body">
              <ErrorAlert message={note()} />
            </div>
          )}
        </Show>
      }
      actions={
        <>
          <Button class="button button--ghost" onClick={() => props.onOpenChange(false)}>
            Cancel
          </Button>
          <Button class="button button--ghost button--danger-text" onClick={props.onSignOutAnyway}>
            Sign out anyway
          </Button>
          <Button class="button button--primary" disabled={props.busy} onClick={props.onSyncFirst}>
            {props.busy ? 'Syncing…' : 'Sync first'}
          </Button>
        </>
      }
    />
  );
}
