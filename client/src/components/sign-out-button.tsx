// A module namespace, not the package's AlertDialog object (see confirm-dialog.tsx).
import * as AlertDialog from '@kobalte/core/alert-dialog';
import { Button } from '@kobalte/core/button';
import { createSignal, Show } from 'solid-js';
import { changesText, connectionOf, syncNowAnswer } from '../../replicator/sync-summary';
import { device } from '../sync/device';
import { browserOnline } from '../sync/network';
import { ErrorAlert } from './error-alert';
import './confirm-dialog.css';

/**
 * Sign out. With changes not yet on the server it asks first and offers to sync them: signing out
 * keeps them on this device, in this user's own database (another person signing in here never
 * sees them), and they are sent the next time this user signs in here — which may be never. The
 * sign-out itself and its error stay with the caller (useSignOut).
 */
export function SignOutButton(props: { signOut: () => Promise<void> }) {
  const signOut = () => props.signOut();
  const [open, setOpen] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [syncNote, setSyncNote] = createSignal<string>();
  const pending = () => device.status().pending;

  const start = () => {
    if (pending() === 0) return void signOut();
    setSyncNote(undefined);
    setOpen(true);
  };
  const syncFirst = async () => {
    setBusy(true);
    setSyncNote(undefined);
    try {
      if (browserOnline()) await device.syncNow();
      if (pending() === 0) {
        setOpen(false);
        await signOut();
        return;
      }
      setSyncNote(syncNowAnswer(connectionOf(device.status(), browserOnline()), pending()) ?? `${changesText(pending())} are still waiting; try again in a moment.`);
    } finally {
      setBusy(false);
    }
  };
  const signOutAnyway = async () => {
    setOpen(false);
    await signOut();
  };

  return (
    <>
      <Button class="button button--ghost topbar__signout" onClick={start}>
        Sign out
      </Button>
      <AlertDialog.Root open={open()} onOpenChange={setOpen}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay class="dialog__overlay" />
          <div class="dialog__positioner">
            <AlertDialog.Content class="dialog">
              <AlertDialog.Title class="dialog__title">Sign out with unsent changes?</AlertDialog.Title>
              <AlertDialog.Description as="div" class="dialog__body">
                <p>
                  {changesText(pending())} made on this device {pending() === 1 ? 'has' : 'have'} not reached the server yet. If you sign out now,{' '}
                  {pending() === 1 ? 'it stays' : 'they stay'} on this device and {pending() === 1 ? 'is' : 'are'} sent only when you sign in here again. “Sync first” sends{' '}
                  {pending() === 1 ? 'it' : 'them'}, then signs you out.
                </p>
              </AlertDialog.Description>
              <Show when={syncNote()}>
                {(note) => (
                  <div class="dialog__body">
                    <ErrorAlert message={note()} />
                  </div>
                )}
              </Show>
              <div class="dialog__actions">
                <Button class="button button--ghost" onClick={() => setOpen(false)}>
                  Cancel
                </Button>
                <Button class="button button--ghost button--danger-text" onClick={() => void signOutAnyway()}>
                  Sign out anyway
                </Button>
                <Button class="button button--primary" disabled={busy()} onClick={() => void syncFirst()}>
                  {busy() ? 'Syncing…' : 'Sync first'}
                </Button>
              </div>
            </AlertDialog.Content>
          </div>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </>
  );
}
