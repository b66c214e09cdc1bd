import { describe, expect, it } from 'vitest';
import { serverWords } from '../../../../client/src/home/server-words';
import { initialStatus, type SyncStatus } from '../../../../client/replicator/sync-status';

const OPENED = '2026-11-26T09:00:00.000Z';
const status = (patch: Partial<SyncStatus>): SyncStatus => ({ ...initialStatus, ...patch });

describe("Home's server line", () => {
  it('says Checking… while the first sync since the page opened is under way, even after an earlier visit synced', () => {
    expect(serverWords(status({ state: 'syncing', lastSyncAt: null }), OPENED)).toBe('Checking…');
    expect(serverWords(status({ state: 'syncing', lastSyncAt: '2026-11-25T17:00:00.000Z' }), OPENED)).toBe('Checking…');
    expect(serverWords(status({ state: 'idle', lastSyncAt: '2026-11-25T17:00:00.000Z' }), OPENED)).toBe('Checking…');
  });

  it('says Reachable once a sync got through since the page opened, also while the next one runs', () => {
    expect(serverWords(status({ state: 'idle', lastSyncAt: '2026-11-26T09:00:01.000Z' }), OPENED)).toBe('Reachable');
    expect(serverWords(status({ state: 'syncing', lastSyncAt: '2026-11-26T09:00:01.000Z' }), OPENED)).toBe('Reachable');
  });

  it('says what failed whatever the last sync was', () => {
    const synced = '2026-11-26T09:00:01.000Z';
    expect(serverWords(status({ state: 'offline', lastSyncAt: synced }), OPENED)).toMatch(/^Not reachable/);
    expect(serverWords(status({ state: 'signed-out', lastSyncAt: synced }), OPENED)).toMatch(/session ended/);
    expect(serverWords(status({ state: 'upgrade-required', lastSyncAt: null }), OPENED)).toMatch(/newer version/);
  });
});
