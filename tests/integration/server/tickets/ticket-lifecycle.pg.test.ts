import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { ticketComments, ticketHistory, tickets } from '../../../../drizzle/schema';
import type { Change } from '../../../../sync/protocol/pull';
import type { MutationResult, PushResponse } from '../../../../sync/protocol/push';
import { drivers } from '../../../support/test-database';
import { startTestApp, type TestApp } from '../../../support/test-app';
import { latest, SyncDevice } from '../../../support/sync-client';

const HOUR = 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe.each(drivers)('a ticket’s lifecycle through push on %s', (driver) => {
  let t: TestApp;
  let admin: SyncDevice;
  let tech: SyncDevice;
  let other: SyncDevice;
  let techId: string;

  beforeAll(async () => {
    t = await startTestApp(driver);
    admin = new SyncDevice((await t.signedIn('admin')).client);
    const a = await t.signedIn('technician');
    tech = new SyncDevice(a.client);
    techId = a.userId;
    other = new SyncDevice((await t.signedIn('technician')).client);
  });
  afterAll(() => t.close());

  const historyOf = (id: string) =>
    t.database.db.select().from(ticketHistory).where(eq(ticketHistory.ticketId, id)).orderBy(asc(ticketHistory.createdAt), asc(ticketHistory.field));
  const ticketRow = async (id: string) => (await t.database.db.select().from(tickets).where(eq(tickets.id, id)))[0];
  const results = (res: { body: unknown }) => (res.body as PushResponse).results;

  it('creates, edits, comments on, resolves, closes, archives and restores a ticket', async () => {
    const id = crypto.randomUUID();
    expect((await tech.do('ticket.create', { id, title: '  Leaking valve ', priority: 'high', assigneeId: techId })).status).toBe('applied');
    const created = await tech.pullRow('ticket', id);
    expect(created).toMatchObject({ title: 'Leaking valve', status: 'open', priority: 'high', assigneeId: techId, archivedAt: null });

    const v = String(created?.version);
    expect((await tech.do('ticket.update', { id, baseVersion: v, patch: { status: 'in_progress', description: 'Under the sink' } })).status).toBe('applied');
    expect((await tech.do('comment.create', { id: crypto.randomUUID(), ticketId: id, body: 'Washer replaced' })).status).toBe('applied');
    expect((await tech.do('ticket.update', { id, baseVersion: v, patch: { status: 'resolved' } })).status).toBe('applied');
    const resolved = String((await admin.pullRow('ticket', id, (row) => row.status === 'resolved')).version);
    const closing = await admin.do('ticket.update', { id, baseVersion: resolved, patch: { status: 'closed' } });
    expect(closing, JSON.stringify(closing)).toMatchObject({ status: 'applied' });
    expect((await admin.do('ticket.archive', { id })).status).toBe('applied');
    expect((await ticketRow(id))?.archivedAt).toBeInstanceOf(Date);
    expect((await admin.do('ticket.unarchive', { id })).status).toBe('applied');
    expect((await ticketRow(id))?.archivedAt).toBeNull();

    const history = await historyOf(id);
    expect(history.map((h) => [h.field, h.fromValue, h.toValue])).toEqual([
      ['description', '', 'Under the sink'],
      ['status', 'open', 'in_progress'],
      ['status', 'in_progress', 'resolved'],
      ['status', 'resolved', 'closed'],
      ['archivedAt', null, expect.any(String)],
      ['archivedAt', expect.any(String), null],
    ]);
    expect(history.every((h) => h.actorId !== null)).toBe(true);
  });

  it('does not let a technician archive or restore a ticket', async () => {
    const id = crypto.randomUUID();
    await admin.do('ticket.create', { id, title: 'Old', priority: 'low' });
    await admin.do('ticket.update', { id, baseVersion: 0, patch: { status: 'resolved' } });
    expect(await tech.do('ticket.archive', { id })).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    await admin.do('ticket.archive', { id });
    expect(await tech.do('ticket.unarchive', { id })).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect((await ticketRow(id))?.archivedAt).toBeInstanceOf(Date);
  });

  it('lets only the assignee or an admin change the status, along the lifecycle only', async () => {
    const id = crypto.randomUUID();
    await admin.do('ticket.create', { id, title: 'Fan', priority: 'medium', assigneeId: techId });
    const v = String((await admin.pullRow('ticket', id)).version);
    expect(await other.do('ticket.update', { id, baseVersion: v, patch: { status: 'in_progress' } })).toMatchObject({
      status: 'rejected',
      error: { code: 'forbidden' },
    });
    expect(await tech.do('ticket.update', { id, baseVersion: v, patch: { status: 'closed' } })).toMatchObject({
      status: 'rejected',
      error: { code: 'invalid_transition', from: 'open', to: 'closed' },
    });
    // Anyone may edit the other fields.
    expect((await other.do('ticket.update', { id, baseVersion: v, patch: { priority: 'urgent' } })).status).toBe('applied');
    expect((await ticketRow(id))?.status).toBe('open');
  });

  it('keeps both devices’ offline comments on one ticket, in the order the server received them', async () => {
    const id = crypto.randomUUID();
    await admin.do('ticket.create', { id, title: 'Door', priority: 'low' });
    const fromTech = [tech.mutation('comment.create', { id: crypto.randomUUID(), ticketId: id, body: 'Tech 1' }), tech.mutation('comment.create', { id: crypto.randomUUID(), ticketId: id, body: 'Tech 2' })];
    const fromOther = [other.mutation('comment.create', { id: crypto.randomUUID(), ticketId: id, body: 'Other 1' })];
    expect(results(await other.pushRaw(fromOther)).map((r) => r.status)).toEqual(['applied']);
    expect(results(await tech.pushRaw(fromTech)).map((r) => r.status)).toEqual(['applied', 'applied']);
    const onTicket = (changes: Change[]) => changes.filter((c) => c.entity === 'comment' && c.op === 'put' && c.row.ticketId === id);
    const pulled = onTicket(await admin.pullUntil((changes) => onTicket(changes).length >= 3));
    const inVersionOrder = [...pulled].sort((a, b) => Number(BigInt(a.version) - BigInt(b.version)));
    expect(inVersionOrder.map((c) => (c.op === 'put' ? c.row.body : null))).toEqual(['Other 1', 'Tech 1', 'Tech 2']);
  });

  it('writes each change to history exactly once when a push is retried', async () => {
    const id = crypto.randomUUID();
    await admin.do('ticket.create', { id, title: 'Heater', priority: 'low', assigneeId: techId });
    const v = String((await admin.pullRow('ticket', id)).version);
    const batch = [
      tech.mutation('ticket.update', { id, baseVersion: v, patch: { status: 'in_progress', title: 'Heater, 2nd floor' } }),
      tech.mutation('comment.create', { id: crypto.randomUUID(), ticketId: id, body: 'On it' }),
    ];
    const first = await tech.pushRaw(batch);
    const again = await tech.pushRaw(batch);
    expect(again.body).toEqual(first.body);
    expect((await historyOf(id)).map((h) => h.field)).toEqual(['status', 'title']);
    expect(await t.database.db.select().from(ticketComments).where(eq(ticketComments.ticketId, id))).toHaveLength(1);
  });

  it('keeps an offline ticket whose category or location was deleted meanwhile, without them (decision 015)', async () => {
    const category = crypto.randomUUID();
    const location = crypto.randomUUID();
    const kept = crypto.randomUUID();
    await admin.do('category.create', { id: category, name: 'Plumbing' });
    await admin.do('location.create', { id: location, name: 'Annex', address: '', timezone: 'UTC' });
    await admin.do('category.create', { id: kept, name: 'Heating' });
    // Filed offline under Plumbing at the Annex, and moved to Plumbing, while an admin deletes both.
    const id = crypto.randomUUID();
    const other = crypto.randomUUID();
    await admin.do('ticket.create', { id: other, title: 'Radiator', priority: 'low', categoryId: kept });
    const offline = [
      tech.mutation('ticket.create', { id, title: 'Leak', priority: 'high', categoryId: category, locationId: location }),
      tech.mutation('ticket.update', { id: other, baseVersion: '0', patch: { categoryId: category, priority: 'high' } }),
    ];
    await admin.do('category.delete', { id: category, baseVersion: '0' });
    await admin.do('location.delete', { id: location, baseVersion: '0' });
    expect(results(await tech.pushRaw(offline)).map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await ticketRow(id)).toMatchObject({ title: 'Leak', categoryId: null, locationId: null });
    expect(await ticketRow(other)).toMatchObject({ categoryId: kept, priority: 'high' });
    // Someone who does not exist is still refused as an assignee.
    expect(await tech.do('ticket.create', { id: crypto.randomUUID(), title: 'Ghost', priority: 'low', assigneeId: crypto.randomUUID() })).toMatchObject({
      status: 'rejected',
      error: { code: 'invalid', field: 'assigneeId' },
    });
  });

  it('dates offline work by when it was done and still shows when it arrived (time of the action)', async () => {
    const id = crypto.randomUUID();
    const commentId = crypto.randomUUID();
    // Done on the device seven hours ago, with no signal; it reaches the server now.
    const opened = ago(7 * HOUR);
    const started = ago(7 * HOUR - 10 * 60_000);
    const written = ago(7 * HOUR - 20 * 60_000);
    const batch = [
      { ...tech.mutation('ticket.create', { id, title: 'Pump', priority: 'medium', assigneeId: techId }), at: opened },
      { ...tech.mutation('ticket.update', { id, baseVersion: '0', patch: { status: 'in_progress' } }), at: started },
      { ...tech.mutation('comment.create', { id: commentId, ticketId: id, body: 'Seal worn' }), at: written },
    ];
    const before = Date.now();
    expect(results(await tech.pushRaw(batch)).map((r: MutationResult) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const changes = await admin.pullUntil((all) => Boolean(latest(all, 'comment', commentId) && all.some((c) => c.entity === 'ticketHistory' && c.op === 'put' && c.row.ticketId === id)));
    expect(latest(changes, 'ticket', id)?.createdAt).toBe(opened);
    const comment = latest(changes, 'comment', commentId);
    expect(comment?.at).toBe(written);
    expect(new Date(String(comment?.createdAt)).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const entry = changes.find((c) => c.entity === 'ticketHistory' && c.op === 'put' && c.row.ticketId === id);
    expect(entry?.op === 'put' && entry.row).toMatchObject({ field: 'status', to: 'in_progress', at: started });
    expect(new Date(String(entry?.op === 'put' && entry.row.createdAt)).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('clamps a time of action to no later than arrival and no earlier than the ticket', async () => {
    const id = crypto.randomUUID();
    await admin.do('ticket.create', { id, title: 'Lift', priority: 'low', assigneeId: techId });
    const created = (await ticketRow(id))?.createdAt as Date;
    const fast = new Date(Date.now() + 5 * HOUR).toISOString();
    const early = ago(30 * 24 * HOUR);
    const future = { ...tech.mutation('comment.create', { id: crypto.randomUUID(), ticketId: id, body: 'Clock runs fast' }), at: fast };
    const past = { ...tech.mutation('ticket.update', { id, baseVersion: '0', patch: { status: 'pending' } }), at: early };
    const afterPush = Date.now();
    await tech.pushRaw([future, past]);
    const [comment] = await t.database.db.select().from(ticketComments).where(eq(ticketComments.id, future.args.id));
    expect(comment?.at.getTime()).toBeLessThanOrEqual(comment?.createdAt.getTime() ?? 0);
    expect(comment?.at.getTime()).toBeLessThan(afterPush + 60_000);
    const [entry] = await historyOf(id);
    expect(entry?.at.getTime()).toBe(created.getTime());
  });

  it('refuses a time of action before 1900 as invalid instead of storing a date it cannot keep', async () => {
    // Year 1 came back as 2001 on PGlite; year 0 was a database refusal (a 5xx-shaped path). Neither is a time anyone worked at.
    const device = new SyncDevice((await t.signedIn('technician')).client);
    const ancient = crypto.randomUUID();
    const justBefore = crypto.randomUUID();
    const edge = crypto.randomUUID();
    const res = await device.pushRaw([
      { ...device.mutation('ticket.create', { id: ancient, title: 'Year one', priority: 'low' }), at: '0001-01-01T00:00:00Z' },
      { ...device.mutation('ticket.create', { id: justBefore, title: 'Just before 1900', priority: 'low' }), at: '1900-01-01T00:30:00+01:00' },
      { ...device.mutation('ticket.create', { id: edge, title: 'First of 1900', priority: 'low' }), at: '1900-01-01T00:00:00Z' },
      { ...device.mutation('comment.create', { id: crypto.randomUUID(), ticketId: edge, body: 'Before the ticket' }), at: '1899-12-31T23:59:59Z' },
    ]);
    const [first, second, third, fourth] = results(res);
    for (const r of [first, second, fourth]) {
      expect(r).toMatchObject({ status: 'rejected', error: { code: 'invalid', field: 'at', message: expect.stringContaining('1900') } });
    }
    expect(third?.status).toBe('applied');
    expect(await ticketRow(ancient)).toBeUndefined();
    expect(await ticketRow(justBefore)).toBeUndefined();
    expect((await ticketRow(edge))?.createdAt.toISOString()).toBe('1900-01-01T00:00:00.000Z');
    expect(await t.database.db.select().from(ticketComments).where(eq(ticketComments.ticketId, edge))).toHaveLength(0);
  });

  it('archives only resolved or closed tickets, even for an admin client that asks otherwise or a ticket reopened meanwhile', async () => {
    const id = crypto.randomUUID();
    await admin.do('ticket.create', { id, title: 'Still leaking', priority: 'high', assigneeId: techId });
    expect(await admin.do('ticket.archive', { id })).toMatchObject({ status: 'rejected', error: { code: 'invalid_transition', status: 'open' } });
    expect((await ticketRow(id))?.archivedAt).toBeNull();

    // Closed on one admin's device and queued for archiving; meanwhile another admin reopens it.
    const v = String((await admin.pullRow('ticket', id)).version);
    await tech.do('ticket.update', { id, baseVersion: v, patch: { status: 'resolved' } });
    await admin.do('ticket.update', { id, baseVersion: v, patch: { status: 'closed' } });
    const archiveLater = admin.mutation('ticket.archive', { id });
    const second = new SyncDevice((await t.signedIn('admin')).client);
    await second.do('ticket.update', { id, baseVersion: v, patch: { status: 'open' } });
    expect(results(await admin.pushRaw([archiveLater]))[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid_transition' } });
    expect((await ticketRow(id))?.archivedAt).toBeNull();
    expect((await historyOf(id)).filter((h) => h.field === 'archivedAt')).toHaveLength(0);
  });

  it('brings a ticket back from the archive when it is reopened, so work on it never hides in the archive', async () => {
    const id = crypto.randomUUID();
    await admin.do('ticket.create', { id, title: 'Boiler', priority: 'medium', assigneeId: techId });
    const v = String((await tech.pullRow('ticket', id)).version);
    await tech.do('ticket.update', { id, baseVersion: v, patch: { status: 'resolved' } });
    // The technician, offline, finds it is not fixed after all; the admin archives it before that arrives.
    const reopen = tech.mutation('ticket.update', { id, baseVersion: v, patch: { status: 'in_progress' } });
    expect((await admin.do('ticket.archive', { id })).status).toBe('applied');
    expect(results(await tech.pushRaw([reopen]))[0]?.status).toBe('applied');
    const row = await ticketRow(id);
    expect(row).toMatchObject({ status: 'in_progress', archivedAt: null });
    expect((await historyOf(id)).map((h) => [h.field, h.toValue === null ? null : h.field === 'archivedAt' ? 'set' : h.toValue])).toEqual([
      ['status', 'resolved'],
      ['archivedAt', 'set'],
      ['archivedAt', null],
      ['status', 'in_progress'],
    ]);
  });
});
