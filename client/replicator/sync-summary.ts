import type { SyncStatus } from './sync-status';

/**
 * How the device reaches the server right now, in the terms a technician can act on: no network at
 * all (the browser says so), or a network but no answer from the server (requests fail, or the
 * event stream dropped), or fine.
 */
export type Connection = 'online' | 'offline' | 'server-unreachable';

export function connectionOf(status: Pick<SyncStatus, 'state'>, networkUp: boolean): Connection {
  if (!networkUp) return 'offline';
  return status.state === 'offline' ? 'server-unreachable' : 'online';
}

/** "1 change", "3 changes": the queue counted in words. */
export function changesText(n: number): string {
  return `${n} ${n === 1 ? 'change' : 'changes'}`;
}

/** The short age of the last sync: "just now", "2 min ago", "3 h ago", "4 days ago". */
export function sinceText(at: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(at).getTime()) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

export type SyncTone = 'ok' | 'pending' | 'offline' | 'warn';

export interface SyncSummary {
  /** The pill's words. */
  label: string;
  tone: SyncTone;
  /** Show a spinner: a push or pull is running. */
  busy: boolean;
  /** One sentence for the details: what is happening and what happens to the queue. */
  detail: string;
}

/**
 * What the sync pill says. Honest first: no network and no server are told apart and win over
 * "syncing", since a request hanging on a dead connection is not progress; refused changes come
 * before everything, because only the user can resolve them. Until the device has read its queue
 * (`known` false, the moment after a page opens) `status` is an empty placeholder: it says so
 * rather than "Synced", which a queue read a moment later could take back.
 */
export function summarize(status: SyncStatus, networkUp: boolean, known = true): SyncSummary {
  if (!known) {
    return networkUp
      ? { label: 'Loading…', tone: 'ok', busy: true, detail: 'Reading what this device has not sent yet.' }
      : { label: 'Offline', tone: 'offline', busy: false, detail: 'This device has no network. Changes you make are saved on this device and sent when it is back.' };
  }
  const connection = connectionOf(status, networkUp);
  const waiting = status.pending ? ` · ${status.pending} waiting` : '';
  const kept = status.pending ? `${changesText(status.pending)} saved on this device will be sent` : 'Changes you make are saved on this device and sent';
  if (status.attention.length) {
    const n = status.attention.length;
    return { label: `${n} need${n === 1 ? 's' : ''} attention`, tone: 'warn', busy: false, detail: `The server refused ${changesText(n)}; each says why below.` };
  }
  if (status.state === 'signed-out') return { label: 'Sign in again', tone: 'warn', busy: false, detail: `Your session has ended. ${kept} after you sign in again.` };
  if (status.state === 'upgrade-required') return { label: 'Update needed', tone: 'warn', busy: false, detail: `The server runs a newer version. Reload the app; ${kept.charAt(0).toLowerCase()}${kept.slice(1)} after that.` };
  if (connection === 'offline') return { label: `Offline${waiting}`, tone: 'offline', busy: false, detail: `This device has no network. ${kept} when it is back.` };
  if (connection === 'server-unreachable')
    return { label: `Server unreachable${waiting}`, tone: 'offline', busy: false, detail: `The network is up but the server does not answer. ${kept} as soon as it does; the app keeps trying.` };
  if (status.state === 'syncing') return { label: 'Syncing…', tone: status.pending ? 'pending' : 'ok', busy: true, detail: status.pending ? `Sending ${changesText(status.pending)} to the server.` : 'Checking the server for news.' };
  if (status.pending) return { label: `${status.pending} waiting`, tone: 'pending', busy: false, detail: `${changesText(status.pending)} saved on this device will be sent shortly.` };
  return { label: 'Synced', tone: 'ok', busy: false, detail: 'Everything on this device is on the server.' };
}

/**
 * What "Sync now" says when it cannot do what it was asked: nothing is sent with no network, and
 * without a server the attempt it makes will fail the same way. Undefined: it went ahead.
 */
export function syncNowAnswer(connection: Connection, pending: number): string | undefined {
  const queue = pending ? `Your ${changesText(pending)} ${pending === 1 ? 'stays' : 'stay'} on this device until then.` : 'Nothing is lost meanwhile.';
  if (connection === 'offline') return `Nothing was sent: this device has no network. It syncs by itself when the network is back. ${queue}`;
  if (connection === 'server-unreachable') return `Tried again, but the server does not answer. The app keeps trying by itself. ${queue}`;
  return undefined;
}
