import { Button } from '@kobalte/core/button';
import { createSignal, lazy, Show, Suspense } from 'solid-js';
import { changesText, connectionOf, syncNowAnswer } from '../../replicator/sync-summary';
import { device } from '../sync/device';
import { browserOnline } from '../sync/network';

const SignOutDialog = lazy(() => import('./sign-out-dialog').then((m) => ({ default: m.SignOutDialog })));

/**
 * Sign out. With changes not yet on the server it asks first and offers to sync them: signing out
 * keeps them on this device, in this user's own database (another person signing in here never
 * sees them), and they are sent the next time this user signs in here — which may be never. The
 * sign-out itself and its error stay with the caller (useSignOut).
 */
export function SignOutButton(props: { signOut: () => Promise<void>; class?: string; label?: string }) {
  const signOut = () => props.signOut();
  const [open, setOpen] = createSignal(false);
  // The dialog's chunk is fetched the first time it is needed (precached for offline use).
  const [wanted, setWanted] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [syncNote, setSyncNote] = createSignal<string>();
  const pending = () => device.status().pending;

  const start = () => {
    if (pending() === 0) return void signOut();
    setSyncNote(undefined);
    setWanted(true);
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
      <Button class={props.class ?? 'button button--ghost'} onClick={start}>
        {props.label ?? 'Sign out'}
      </Button>
      <Show when={wanted()}>
        <Suspense>
          <SignOutDialog
            open={open()}
            onOpenChange={setOpen}
            pending={pending()}
            busy={busy()}
            syncNote={syncNote()}
            onSyncFirst={() => void syncFirst()}
            onSignOutAnyway={() => void signOutAnyway()}
          />
        </Suspense>
      </Show>
    </>
  );
}
