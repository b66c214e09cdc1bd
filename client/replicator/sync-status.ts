import type { AttentionItem } from '../db/device-db';

export type SyncState =
  /** Nothing to do, or working on it. */
  | 'idle'
  | 'syncing'
  /** The server cannot be reached; changes are kept and sent later. */
  | 'offline'
  /** The session ended: sign in again, nothing is lost. */
  | 'signed-out'
  /** The server speaks a newer protocol: reload into the new version, nothing is lost. */
  | 'upgrade-required';

/** What the UI shows about sync: the small status API of the sync issue. */
export interface SyncStatus {
  state: SyncState;
  /** Changes made on this device that the server has not confirmed yet. */
  pending: number;
  /** When a push and pull last both succeeded. */
  lastSyncAt: string | null;
  /** Rejected changes, with their reasons, waiting for the user. */
  attention: AttentionItem[];
  /** Users with the app open right now (from the event stream). */
  presence: string[];
}

export const initialStatus: SyncStatus = { state: 'idle', pending: 0, lastSyncAt: null, attention: [], presence: [] };
