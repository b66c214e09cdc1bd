import { describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { categories, tickets, users } from '../../../../drizzle/schema';
import { push, type MutationRunner } from '../../../../server/sync/push';
import { runMutation } from '../../../../sync/mutators';
import type { MutationResult } from '../../../../sync/protocol/push';
import { drivers } from '../../../support/test-database';
import { useTestApp } from '../../../support/test-app';
import { SyncDevice } from '../../../support/sync-client';

/**
 * A 5xx means "the server is unwell", never "this input": a value the database cannot store is the
 * mutation's own rejection, and the mutations behind it still go through (issue 6, defect 4).
 */
describe.each(drivers)('values the database refuses, on %s', (driver) => {
  const t = useTestApp(driver);

  it('rejects a NUL character and years the database cannot store as invalid, and applies what follows', async () => {
    const { client, userId } = await t.signedIn('admin');
    const device = new SyncDevice(client);
    const ok = crypto.randomUUID();
    const mutations = [
      device.mutation('ticket.create', { id: crypto.randomUUID(), title: 'Broken \u0000 title', priority: 'low' }),
      device.mutation('ticket.create', { id: crypto.randomUUID(), title: 'Fine', description: 'nul \u0000 here', priority: 'low' }),
      device.mutation('schedule.create', { id: crypto.randomUUID(), technicianId: userId, start: '0000-01-01T08:00:00Z', end: '0000-01-01T10:00:00Z' }),
      device.mutation('timeOff.create', { id: crypto.randomUUID(), technicianId: userId, startDate: '0000-03-01', endDate: '0000-03-02', kind: 'other' }),
      device.mutation('schedule.create', { id: crypto.randomUUID(), technicianId: userId, start: '9999-01-01T08:00:00Z', end: '9999-01-01T10:00:00Z' }),
      device.mutation('ticket.create', { id: ok, title: 'Still arrives', priority: 'low' }),
    ];
    const res = await device.pushRaw(mutations);
    expect(res.status).toBe(200);
    const results = (res.body as { results: MutationResult[] }).results;
    expect(results.slice(0, 5).map((r) => (r.status === 'rejected' ? r.error.code : r.status))).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
    expect(results[5]?.status).toBe('applied');
    expect(await t.database.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, ok))).toHaveLength(1);
  });

  it('rejects args with a NUL character in a key as invalid (the message quotes the key), and applies what follows', async () => {
    const { client } = await t.signedIn('technician');
    const device = new SyncDevice(client);
    const ok = crypto.randomUUID();
    const mutations = [
      // Not what the app sends, but what anyone can: the args' shapes are checked per mutation.
      device.mutation('ticket.create', { id: crypto.randomUUID(), title: 'Key', priority: 'low', 'odd\u0000key': 'x' } as never),
      device.mutation('profile.update', { patch: { 'odd\u0000key': 'x' } } as never),
      device.mutation('ticket.create', { id: ok, title: 'Still arrives', priority: 'low' }),
    ];
    const res = await device.pushRaw(mutations);
    expect(res.status).toBe(200);
    const results = (res.body as { results: MutationResult[] }).results;
    expect(results.map((r) => (r.status === 'rejected' ? r.error.code : r.status))).toEqual(['invalid', 'invalid', 'applied']);
    expect(await t.database.db.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, ok))).toHaveLength(1);
    // Sent again (the answer was lost): the same answer, from the stored results.
    const again = await device.pushRaw(mutations);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
  });

  it('turns a database error raised by one mutation’s own write into that mutation’s rejection, not a 5xx for the batch', async () => {
    const { userId } = await t.signedIn('admin');
    const [admin] = await t.database.db.select().from(users).where(eq(users.id, userId));
    if (!admin) throw new Error('no admin');
    // No shipped mutator lets such a value through its schema; this runner writes one on purpose.
    const writesUnstorable: MutationRunner = async (port, ctx, name, args) => {
      const { id, name: label } = args as { id: string; name: string };
      if (label !== 'unstorable') return runMutation(port, ctx, name, args);
      await port.insert('category', { id, name: 'bad \u0000 name', color: '#000000' });
      return [];
    };
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const names = ['before', 'unstorable', 'after'];
    const request = {
      clientId: crypto.randomUUID(),
      mutations: ids.map((id, i) => ({ id: i + 1, name: 'category.create' as const, args: { id, name: names[i] }, at: new Date().toISOString() })),
    };
    const response = await push(t.database.db, admin, request, { run: writesUnstorable });
    expect(response.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(response.results[1]).toMatchObject({ error: { code: 'invalid' } });
    const stored = await t.database.db.select().from(categories).where(inArray(categories.id, ids));
    expect(stored.map((c) => c.name).sort()).toEqual(['after', 'before']);
    expect(await push(t.database.db, admin, request, { run: writesUnstorable })).toEqual(response);
  });
});
