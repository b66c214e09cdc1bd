import { createRoot, createSignal } from 'solid-js';

/**
 * Whether the browser says it has a network, kept up to date from its `online`/`offline` events:
 * the only signal that changes the moment the network goes, before any request has failed.
 */
export const browserOnline = createRoot(() => {
  const [online, setOnline] = createSignal(navigator.onLine);
  const update = () => setOnline(navigator.onLine);
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  return online;
});
