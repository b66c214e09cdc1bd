import { Button } from '@kobalte/core/button';
import { Show } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';
import { writesSettled } from '../sync/writes-in-flight';

/** How often an open app asks the server for a new version (besides every load). */
export const UPDATE_CHECK_MS = 60 * 60_000;

/**
 * Asks the server for a new service worker now and then. Skipped with no network or while one is
 * already installing; the fetch first makes sure the server answers, so a dead server does not
 * make `update()` throw.
 */
function checkPeriodically(swUrl: string, registration: ServiceWorkerRegistration): void {
  setInterval(async () => {
    if (registration.installing || !navigator.onLine) return;
    try {
      const res = await fetch(swUrl, { cache: 'no-store', headers: { 'cache-control': 'no-cache' } });
      if (res.status === 200) await registration.update();
    } catch {
      // No answer: the next check tries again.
    }
  }, UPDATE_CHECK_MS);
}

/**
 * "A new version is ready — Reload". The new service worker waits until the user reloads, so no
 * page changes under a half-typed form. Reloading never costs a queued change: the queue lives in
 * IndexedDB, and the reload waits for any change still being written to it.
 */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    // Registered at start, not at the load event: the sooner the app is cached, the sooner it
    // opens with no signal.
    immediate: true,
    onRegisteredSW(swUrl, registration) {
      if (registration) checkPeriodically(swUrl, registration);
    },
  });
  const reload = async () => {
    await writesSettled();
    // The new worker takes over, then the page reloads into it. The plugin reloads only when a
    // worker already controlled the page at registration; after a first visit's worker claimed it,
    // that was not so, and the click would do nothing visible.
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    await updateServiceWorker(true);
  };
  return (
    <Show when={needRefresh()}>
      <div class="update-prompt" role="status">
        <span>A new version is ready.</span>
        <Button class="button button--primary button--small" onClick={() => void reload()}>
          Reload
        </Button>
        <Button class="button button--ghost button--small" onClick={() => setNeedRefresh(false)}>
          Later
        </Button>
      </div>
    </Show>
  );
}
