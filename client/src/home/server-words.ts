import type { SyncStatus } from '../../replicator/sync-status';

/**
 * Home's "Server" line. "Reachable" only once a sync has got through since this page was opened
 * (`lastSyncAt` is kept across visits, and the tab leading the sync writes it for every tab): until
 * then it would be a guess, and with the server down the first attempt can take a while to fail.
 */
export function serverWords(s: SyncStatus, openedAt: string): string {
  if (s.state === 'offline') return 'Not reachable — your changes are kept on this device.';
  if (s.state === 'signed-out') return 'Reachable, but your session ended: sign in again.';
  if (s.state === 'upgrade-required') return 'Reachable; a newer version of the app is needed.';
  if (s.lastSyncAt === null || s.lastSyncAt < openedAt) return 'Checking…';
  return 'Reachable';
}
