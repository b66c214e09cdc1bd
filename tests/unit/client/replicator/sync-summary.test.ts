import { describe, expect, it } from 'vitest';
import { changesText, connectionOf, sinceText, summarize, syncNowAnswer } from '../../../../client/replicator/sync-summary';
import { initialStatus, type SyncStatus } from '../../../../client/replicator/sync-status';

const status = (patch: Partial<SyncStatus>): SyncStatus => ({ ...initialStatus, ...patch });

describe('what the sync pill says', () => {
  it('says Synced with nothing waiting and the network and server up', () => {
    expect(summarize(status({}), true)).toMatchObject({ label: 'Synced', tone: 'ok', busy: false });
  });

  it('says it is loading, not Synced, until the device has read its queue', () => {
    expect(summarize(status({}), true, false)).toMatchObject({ label: 'Loading…', busy: true });
    expect(summarize(status({}), false, false)).toMatchObject({ label: 'Offline', tone: 'offline' });
    expect(summarize(status({}), true, true)).toMatchObject({ label: 'Synced' });
  });

  it('says Offline the moment the browser loses its network, whatever the replicator last saw', () => {
    expect(summarize(status({ state: 'idle' }), false)).toMatchObject({ label: 'Offline', tone: 'offline' });
    expect(summarize(status({ state: 'syncing', pending: 2 }), false)).toMatchObject({ label: 'Offline · 2 waiting', busy: false });
  });

  it('says Server unreachable when the network is up but requests fail', () => {
    const s = summarize(status({ state: 'offline', pending: 1 }), true);
    expect(s).toMatchObject({ label: 'Server unreachable · 1 waiting', tone: 'offline' });
    expect(s.detail).toMatch(/network is up but the server does not answer/);
    expect(s.detail).toMatch(/1 change saved on this device/);
  });

  it('shows a spinner while syncing', () => {
    expect(summarize(status({ state: 'syncing' }), true)).toMatchObject({ label: 'Syncing…', busy: true });
    expect(summarize(status({ state: 'syncing', pending: 3 }), true).detail).toBe('Sending 3 changes to the server.');
  });

  it('counts what is waiting in words, never "change(s)"', () => {
    expect(summarize(status({ pending: 1 }), true)).toMatchObject({ label: '1 waiting', tone: 'pending' });
    expect(summarize(status({ pending: 1 }), true).detail).toBe('1 change saved on this device will be sent shortly.');
    expect(summarize(status({ pending: 2 }), false).detail).toBe('This device has no network. 2 changes saved on this device will be sent when it is back.');
    expect(changesText(1)).toBe('1 change');
    expect(changesText(0)).toBe('0 changes');
    for (const pending of [0, 1, 5])
      for (const state of ['idle', 'syncing', 'offline', 'signed-out', 'upgrade-required'] as const)
        for (const up of [true, false]) expect(JSON.stringify(summarize(status({ state, pending }), up))).not.toMatch(/\(s\)/);
  });

  it('puts refused changes first, then an ended session or a newer server', () => {
    const attention = [{ key: 1, name: 'ticket.create', args: {}, error: { code: 'invalid', message: 'x' } }] as unknown as SyncStatus['attention'];
    expect(summarize(status({ attention, state: 'offline' }), false)).toMatchObject({ label: '1 needs attention', tone: 'warn' });
    expect(summarize(status({ state: 'signed-out' }), false)).toMatchObject({ label: 'Sign in again', tone: 'warn' });
    expect(summarize(status({ state: 'upgrade-required', pending: 2 }), true).detail).toMatch(/Reload the app; 2 changes saved/);
  });
});

describe('the connection', () => {
  it('is offline without a network, unreachable when sync fails with one, else online', () => {
    expect(connectionOf({ state: 'offline' }, false)).toBe('offline');
    expect(connectionOf({ state: 'idle' }, false)).toBe('offline');
    expect(connectionOf({ state: 'offline' }, true)).toBe('server-unreachable');
    expect(connectionOf({ state: 'syncing' }, true)).toBe('online');
  });
});

describe('"Sync now" when it cannot sync', () => {
  it('says why nothing happened, and that the queue is kept', () => {
    expect(syncNowAnswer('server-unreachable', 1)).toMatch(/Your 1 change stays on this device until then\.$/);
    expect(syncNowAnswer('offline', 2)).toBe('Nothing was sent: this device has no network. It syncs by itself when the network is back. Your 2 changes stay on this device until then.');
    expect(syncNowAnswer('server-unreachable', 0)).toMatch(/server does not answer.*keeps trying.*Nothing is lost/);
    expect(syncNowAnswer('online', 3)).toBeUndefined();
  });
});

describe('the age of the last sync', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  it('reads as a person would say it', () => {
    expect(sinceText('2026-11-25T11:59:30Z', now)).toBe('just now');
    expect(sinceText('2026-11-25T11:58:00Z', now)).toBe('2 min ago');
    expect(sinceText('2026-11-25T09:00:00Z', now)).toBe('3 h ago');
    expect(sinceText('2026-11-24T11:00:00Z', now)).toBe('1 day ago');
    expect(sinceText('2026-11-20T12:00:00Z', now)).toBe('5 days ago');
    // A clock a little behind the server's is not "in the future".
    expect(sinceText('2026-11-25T12:00:05Z', now)).toBe('just now');
  });
});
