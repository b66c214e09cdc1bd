import { createRoot, createSignal } from 'solid-js';
import { device } from '../sync/device';

/**
 * Whether actions that only the server can do (accounts, passwords) can be tried now: the browser
 * has a network and the last sync did not find the server unreachable.
 */
function createConnection() {
  const [network, setNetwork] = createSignal(navigator.onLine);
  window.addEventListener('online', () => setNetwork(true));
  window.addEventListener('offline', () => setNetwork(false));
  return () => network() && device.status().state !== 'offline';
}

export const canReachServer = createRoot(createConnection);

export const NEEDS_CONNECTION = 'This needs a connection to the server. The team list below is from this device and stays up to date once you are back online.';
