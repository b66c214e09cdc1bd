import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { UserRow } from '../../../../server/auth/sessions';
import { userRowOf } from '../../../support/user-row';
import type { Db } from '../../../../server/db/database';
import { decodeCursor } from '../../../../server/sync/cursor';
import { incrementalPullCounts, pull, pullStepByStep } from '../../../../server/sync/pull';
import type { PullQuery, PullResponse } from '../../../../sync/protocol/pull';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';
import { SyncDevice } from '../../../support/sync-client';

/**
 * Devices poked at once pull from the same cursor at once: those requests share one statement
 * (server/sync/pull.ts, IncrementalPulls), and each still gets exactly the answer it would have
 * had alone: its own lastMutationId, its own user's own rows and nobody else's.
 */
describe.each(drivers)('coalesced incremental pulls on %s', (driver) => {
  const t = useTestApp(driver);
  let admin: { device: SyncDevice; row: UserRow };
  const techs: { device: SyncDevice; row: UserRow }[] = [];
  const userRow = (id: string) => userRowOf(t, id);
  beforeAll(async () => {
    const a = await t.signedIn('admin');
    admin = { device: new SyncDevice(a.client), row: await userRow(a.userId) };
    for (let i = 0; i < 6; i++) {
      const s = await t.signedIn('technician');
      techs.push({ device: new SyncDevice(s.client), row: await userRow(s.userId) });
    }
  });

  const comparable = (r: PullResponse) => {
    const c = decodeCursor(r.cursor);
    return JSON.stringify({ ...r, cursor: c ? { ...c, t: 0 } : r.cursor });
  };

  /**
   * The requests pulled all at once, next to each one's step-by-step answer read before and after.
   * On Postgres another test file's transaction can move the cluster's horizon meanwhile; only a
   * round where the references did not move is judged.
   */
  const concurrently = async (db: Db, asked: { user: UserRow; query: PullQuery }[]) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const before = await Promise.all(asked.map((a) => pullStepByStep(t.database.db, a.user, a.query).then(comparable)));
      const counts = incrementalPullCounts(db);
      const answers = await Promise.all(asked.map((a) => pull(db, a.user, a.query)));
      const after = incrementalPullCounts(db);
      const again = await Promise.all(asked.map((a) => pullStepByStep(t.database.db, a.user, a.query).then(comparable)));
      if (before.every((b, i) => b === again[i])) {
        return { answers, references: before, statements: after.statements - counts.statements, requests: after.requests - counts.requests };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the horizon never held still');
  };

  it('answers pulls from one cursor with fewer statements, each with its own lastMutationId, as each would be alone', async () => {
    // Each technician has pushed a different number of mutations: 1, 2, … 6.
    for (const [i, tech] of techs.entries()) {
      for (let k = 0; k <= i; k++) await tech.device.do('ticket.create', { id: crypto.randomUUID(), title: `T${i}.${k}`, priority: 'low' });
    }
    const reader = new SyncDevice(admin.device.http);
    await reader.pullAll();
    const cursor = reader.cursor;
    for (let k = 0; k < 3; k++) await admin.device.do('category.create', { id: crypto.randomUUID(), name: `After ${k}` });

    const asked = techs.map((tech) => ({ user: tech.row, query: { clientId: tech.device.clientId, cursor, limit: 1000 } }));
    const { answers, references, statements, requests } = await concurrently(t.database.db, asked);
    expect(answers.map((a) => a.lastMutationId)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(answers.map(comparable)).toEqual(references);
    expect(answers.every((a) => a.changes.filter((c) => c.entity === 'category').length === 3)).toBe(true);
    expect(requests).toBe(6);
    // The first runs alone; the five that came while it ran share the next statement.
    expect(statements).toBeLessThan(requests);
  });

  it('never gives a user another user’s own rows from a shared page', async () => {
    const reader = new SyncDevice(admin.device.http);
    await reader.pullAll();
    const cursor = reader.cursor;
    const [one, two] = techs;
    if (!one || !two) throw new Error('no technicians');
    await one.device.do('mailSettings.update', { patch: { schedule: false } });
    await two.device.do('mailSettings.update', { patch: { ticketComment: false } });
    await admin.device.do('category.create', { id: crypto.randomUUID(), name: 'Shared' });
    // The admin's runs first and alone; the two technicians' would share a statement.
    const asked = [admin, one, two].map((who) => ({ user: who.row, query: { clientId: who.device.clientId, cursor, limit: 1000 } }));
    const { answers, references } = await concurrently(t.database.db, asked);
    expect(answers.map(comparable)).toEqual(references);
    const own = answers.map((a) => a.changes.filter((c) => c.entity === 'mailSettings').map((c) => c.id));
    expect(own).toEqual([[], [one.row.id], [two.row.id]]);
  });

  it('never answers a request with a statement that began before it arrived', async () => {
    const reader = new SyncDevice(admin.device.http);
    await reader.pullAll();
    const cursor = reader.cursor;
    // A handle whose answers are held back until released, after their statement has run.
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let ran = 0;
    const slow = new Proxy(t.database.db, {
      get(target, property, receiver) {
        if (property !== 'execute') return Reflect.get(target, property, receiver) as unknown;
        return async (query: Parameters<Db['execute']>[0]) => {
          const result = await target.execute(query);
          ran++;
          await gate;
          return result;
        };
      },
    });
    const [tech] = techs;
    if (!tech) throw new Error('no technician');
    const query = { clientId: tech.device.clientId, cursor, limit: 1000 };
    const early = pull(slow, tech.row, query);
    while (ran === 0) await new Promise((r) => setTimeout(r, 5));
    // Committed after the first request's snapshot and before the second request arrives.
    const late = crypto.randomUUID();
    await t.database.rows(sql`insert into categories (id, name) values (${late}, 'Late')`);
    const second = pull(slow, tech.row, query);
    release();
    const [a, b] = await Promise.all([early, second]);
    expect(a.changes.some((c) => c.id === late)).toBe(false);
    // On Postgres a transaction elsewhere can hold the horizon below the insert: then b waits
    // (held back) until it passes, and still carries it.
    expect(b.changes.some((c) => c.id === late)).toBe(true);
  });
});
