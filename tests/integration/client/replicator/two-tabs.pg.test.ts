import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DeviceDatabase } from '../../../../client/db/device-db';
import { Replicator } from '../../../../client/replicator/replicator';
import { httpTransport, type SyncTransport } from '../../../../client/replicator/transport';
import { drivers } from '../../../support/test-database';
import { SyncDevice } from '../../../support/sync-client';
import { ORIGIN, startTestApp, type TestApp, type TestClient } from '../../../support/test-app';

/** A gate a test opens when it likes. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

/**
 * Two tabs of one browser: one device database, a replicator in each. Without Web Locks (older
 * browsers) every tab leads (leader.ts: "still safe"). One tab's pull can then report a mutation
 * as processed while the other tab is still waiting for that mutation's push answer, which says it
 * was rejected.
 */
describe.each(drivers)('two tabs that both lead, on %s', (driver) => {
  let t: TestApp;
  const closers: (() => void)[] = [];
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(async () => {
    for (const c of closers) c();
    await t.close();
  });

  function tab(name: string, indexedDB: IDBFactory, http: TestClient, actor: { id: string; role: 'technician' }, wrap: (real: SyncTransport) => SyncTransport) {
    const db = new DeviceDatabase(name, { indexedDB, IDBKeyRange });
    const fetchFn = ((input: string, init?: RequestInit) =>
      t.app.request(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: ORIGIN, ...(http.cookie ? { cookie: http.cookie } : {}) } })) as typeof fetch;
    const replicator = new Replicator({ db, transport: wrap(httpTransport(fetchFn)), actor, setTimer: () => undefined, clearTimer: () => {} });
    closers.push(() => {
      replicator.stop();
      db.close();
    });
    return { db, replicator };
  }

  it('never loses a rejection to the other tab’s pull', async () => {
    const tech = await t.signedIn('technician');
    const actor = { id: tech.userId, role: 'technician' as const };
    const indexedDB = new IDBFactory();
    const name = `tabs-${crypto.randomUUID()}`;

    const bPullMayGo = gate();
    const bPullWaiting = gate();
    let holdBPull = false;
    const tabB = tab(name, indexedDB, tech.client, actor, (real) => ({
      push: real.push,
      pull: async (q) => {
        if (holdBPull) {
          holdBPull = false;
          bPullWaiting.open();
          await bPullMayGo.opened;
        }
        return real.pull(q);
      },
    }));
    await tabB.replicator.settle();
    tabB.replicator.requestSync();
    await tabB.replicator.settle();

    const aAnswerMayGo = gate();
    const aPushed = gate();
    let holdAAnswer = true;
    const tabA = tab(name, indexedDB, tech.client, actor, (real) => ({
      push: async (body) => {
        const res = await real.push(body);
        if (holdAAnswer) {
          holdAAnswer = false;
          aPushed.open();
          await aAnswerMayGo.opened;
        }
        return res;
      },
      pull: real.pull,
    }));

    // The dispatcher books the technician 08-12 on the server; neither tab has pulled it yet.
    const dispatcher = new SyncDevice((await t.signedIn('admin')).client);
    expect((await dispatcher.do('schedule.create', { id: crypto.randomUUID(), technicianId: tech.userId, start: '2026-10-01T08:00:00Z', end: '2026-10-01T12:00:00Z' })).status).toBe('applied');

    // Tab B starts a sync with an empty queue: nothing to push, its pull is on its way.
    holdBPull = true;
    tabB.replicator.requestSync();
    await bPullWaiting.opened;

    // Tab A books 09-11 (it cannot know the clash); its push is rejected, the answer is on its way.
    const shiftId = crypto.randomUUID();
    await tabA.replicator.mutate('schedule.create', { id: shiftId, technicianId: tech.userId, start: '2026-10-01T09:00:00Z', end: '2026-10-01T11:00:00Z' });
    await aPushed.opened;

    // B's pull arrives now: the server has processed mutation 1.
    bPullMayGo.open();
    await tabB.replicator.settle();
    aAnswerMayGo.open();
    await tabA.replicator.settle();
    tabA.replicator.requestSync();
    await tabA.replicator.settle();
    tabB.replicator.requestSync();
    await tabB.replicator.settle();

    const attention = await tabA.db.local_attention.toArray();
    expect(attention.map((a) => a.error.code)).toEqual(['overlap']);
    expect(await tabA.db.schedule.get(shiftId)).toBeUndefined();
    expect(await tabA.db.local_confirmed.count()).toBe(0);
    expect(await tabA.db.local_queue.count()).toBe(0);
  });

  it('sets a too-large change aside once, however many tabs are refused it at the same time', async () => {
    const tech = await t.signedIn('technician');
    const actor = { id: tech.userId, role: 'technician' as const };
    const indexedDB = new IDBFactory();
    const name = `tabs-${crypto.randomUUID()}`;
    // A proxy that takes 30 KB; both tabs are refused the big change, sent alone, at once.
    let refusedAlone = 0;
    const bothRefused = gate();
    const proxy = (real: SyncTransport): SyncTransport => ({
      pull: real.pull,
      push: async (body) => {
        if (new TextEncoder().encode(JSON.stringify(body)).length <= 30_000) return real.push(body);
        if (body.mutations.length === 1 && ++refusedAlone === 2) bothRefused.open();
        if (body.mutations.length === 1) await bothRefused.opened;
        return { ok: false, kind: 'http', status: 413, code: 'http_error', message: 'The server answered 413.', details: {} };
      },
    });
    const tabA = tab(name, indexedDB, tech.client, actor, proxy);
    const tabB = tab(name, indexedDB, tech.client, actor, proxy);
    tabA.replicator.stop();
    const big = crypto.randomUUID();
    const small = crypto.randomUUID();
    await tabA.replicator.mutate('ticket.create', { id: big, title: 'Survey', description: 'ж'.repeat(20_000), priority: 'low' });
    await tabA.replicator.mutate('ticket.create', { id: small, title: 'Gate sensor', priority: 'high' });
    const tabA2 = tab(name, indexedDB, tech.client, actor, proxy);
    tabA2.replicator.requestSync();
    tabB.replicator.requestSync();
    await Promise.all([tabA2.replicator.settle(), tabB.replicator.settle()]);
    tabB.replicator.requestSync();
    await tabB.replicator.settle();

    const attention = await tabB.db.local_attention.toArray();
    expect(attention.map((a) => (a.args as { id: string }).id)).toEqual([big]);
    expect(await tabB.db.ticket.get(small)).toMatchObject({ title: 'Gate sensor' });
    expect(Number((await tabB.db.ticket.get(small))?.version)).toBeGreaterThan(0);
  });
});
