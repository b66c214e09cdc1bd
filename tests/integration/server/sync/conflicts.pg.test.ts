import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { schedules, syncConflicts, ticketHistory, tickets } from '../../../../drizzle/schema';
import type { TicketStatus } from '../../../../sync/domain/ticket-status';
import type { MutationResult } from '../../../../sync/protocol/push';
import { drivers } from '../../../support/test-database';
import { startTestApp, type TestApp } from '../../../support/test-app';
import { SyncDevice } from '../../../support/sync-client';

describe.each(drivers)('conflicts and rules on %s', (driver) => {
  let t: TestApp;
  let admin: SyncDevice;
  let techA: SyncDevice;
  let techB: SyncDevice;
  let techAId: string;
  let techBId: string;

  beforeAll(async () => {
    t = await startTestApp(driver);
    admin = new SyncDevice((await t.signedIn('admin')).client);
    const a = await t.signedIn('technician');
    const b = await t.signedIn('technician');
    techA = new SyncDevice(a.client);
    techB = new SyncDevice(b.client);
    techAId = a.userId;
    techBId = b.userId;
  });
  afterAll(() => t.close());

  async function newTicket(assigneeId: string | null = null) {
    const id = crypto.randomUUID();
    expect((await admin.do('ticket.create', { id, title: 'Boiler', priority: 'medium', assigneeId })).status).toBe('applied');
    const row = await admin.pullRow('ticket', id);
    return { id, version: String(row.version) };
  }

  it('keeps both edits when two devices change different fields of one ticket offline', async () => {
    const { id, version } = await newTicket();
    const a = await techA.do('ticket.update', { id, baseVersion: version, patch: { title: 'Boiler in basement' } });
    const b = await techB.do('ticket.update', { id, baseVersion: version, patch: { priority: 'high' } });
    expect(a.status).toBe('applied');
    expect(b.status).toBe('applied');
    // (the row once both edits have reached this device; a row that never gets there times out)
    const row = await admin.pullRow('ticket', id, (r) => r.priority === 'high' && r.title !== 'Boiler');
    expect(row).toMatchObject({ title: 'Boiler in basement', priority: 'high' });
  });

  it('lets the later arrival win the same field, reports the conflict, and keeps the other value in history', async () => {
    const { id, version } = await newTicket();
    expect((await techA.do('ticket.update', { id, baseVersion: version, patch: { title: 'Boiler A' } })).status).toBe('applied');
    const b = await techB.do('ticket.update', { id, baseVersion: version, patch: { title: 'Boiler B' } });
    expect(b).toEqual({ id: b.id, status: 'merged', conflicts: [{ field: 'title', yours: 'Boiler B', theirs: 'Boiler A' }] });
    const history = await t.database.db.select().from(ticketHistory).where(and(eq(ticketHistory.ticketId, id), eq(ticketHistory.field, 'title')));
    expect(history.map((h) => [h.fromValue, h.toValue, h.conflict])).toEqual(
      expect.arrayContaining([
        ['Boiler', 'Boiler A', false],
        ['Boiler A', 'Boiler B', true],
      ]),
    );
    expect(await admin.pullRow('ticket', id, (r) => r.title !== 'Boiler' && r.title !== 'Boiler A')).toMatchObject({ title: 'Boiler B' });
  });

  it('does not report a user’s own successive edits of one field as a conflict (issue 6, defect 3)', async () => {
    const { id, version } = await newTicket();
    // Two edits queued offline on one device carry the same baseVersion.
    const first = techA.mutation('ticket.update', { id, baseVersion: version, patch: { title: 'Boiler, first go' } });
    const second = techA.mutation('ticket.update', { id, baseVersion: version, patch: { title: 'Boiler, second go' } });
    const res = await techA.pushRaw([first, second]);
    expect((res.body as { results: MutationResult[] }).results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const history = await t.database.db.select().from(ticketHistory).where(and(eq(ticketHistory.ticketId, id), eq(ticketHistory.field, 'title')));
    expect(history.map((h) => h.conflict)).toEqual([false, false]);
    expect(await t.database.db.select().from(syncConflicts).where(eq(syncConflicts.entityId, id))).toEqual([]);
    // Someone else's edit in between is still a conflict for the same device's next edit.
    expect((await techB.do('ticket.update', { id, baseVersion: version, patch: { title: 'Boiler, by B' } })).status).toBe('merged');
    const third = await techA.do('ticket.update', { id, baseVersion: version, patch: { title: 'Boiler, third go' } });
    expect(third).toMatchObject({ status: 'merged', conflicts: [{ field: 'title', yours: 'Boiler, third go', theirs: 'Boiler, by B' }] });
  });

  it('keeps the losing value of any entity’s conflict, not only tickets’', async () => {
    const id = crypto.randomUUID();
    await admin.do('location.create', { id, name: 'North depot', timezone: 'Europe/Berlin' });
    const other = new SyncDevice(admin.http);
    expect((await admin.do('location.update', { id, baseVersion: '0', patch: { address: '1 Harbour Road' } })).status).toBe('applied');
    const res = await other.do('location.update', { id, baseVersion: '0', patch: { address: '2 Harbour Road' } });
    expect(res).toMatchObject({ status: 'merged', conflicts: [{ field: 'address', yours: '2 Harbour Road', theirs: '1 Harbour Road' }] });
    const kept = await t.database.db.select().from(syncConflicts).where(eq(syncConflicts.entityId, id));
    expect(kept).toEqual([expect.objectContaining({ entity: 'location', field: 'address', overwritten: '1 Harbour Road', winner: '2 Harbour Road' })]);
  });

  it('refuses a create whose id is already taken, changing nothing', async () => {
    const id = crypto.randomUUID();
    expect((await techA.do('ticket.create', { id, title: 'Original', priority: 'low' })).status).toBe('applied');
    const again = await techB.do('ticket.create', { id, title: 'Impostor', priority: 'urgent' });
    expect(again).toMatchObject({ status: 'rejected', error: { code: 'invalid', message: expect.stringContaining('already exists') } });
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, id));
    expect(row).toMatchObject({ title: 'Original', priority: 'low' });
  });

  it('rejects an edit of a deleted row as not_found', async () => {
    const id = crypto.randomUUID();
    await admin.do('location.create', { id, name: 'Old depot', timezone: 'Europe/Berlin' });
    await admin.do('location.delete', { id, baseVersion: '0' });
    const res = await admin.do('location.update', { id, baseVersion: '0', patch: { name: 'Renamed' } });
    expect(res).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
  });

  it('accepts exactly one of two overlapping shifts booked offline for one technician, naming the clash', async () => {
    const first = crypto.randomUUID();
    const a = await techA.do('schedule.create', { id: first, technicianId: techAId, start: '2026-03-09T08:00:00Z', end: '2026-03-09T16:00:00Z' });
    const b = await admin.do('schedule.create', { id: crypto.randomUUID(), technicianId: techAId, start: '2026-03-09T12:00:00+01:00', end: '2026-03-09T20:00:00+01:00' });
    expect(a.status).toBe('applied');
    expect(b).toMatchObject({
      status: 'rejected',
      error: { code: 'overlap', with: { entity: 'schedule', id: first, start: '2026-03-09T08:00:00.000Z', end: '2026-03-09T16:00:00.000Z' } },
    });
    expect(await t.database.db.select().from(schedules).where(eq(schedules.technicianId, techAId))).toHaveLength(1);
  });

  it('accepts back-to-back shifts', async () => {
    const res = await techA.do('schedule.create', { id: crypto.randomUUID(), technicianId: techAId, start: '2026-03-09T16:00:00Z', end: '2026-03-09T20:00:00Z' });
    expect(res.status).toBe('applied');
  });

  it('forbids a technician to book or edit another technician’s shifts', async () => {
    const res = await techB.do('schedule.create', { id: crypto.randomUUID(), technicianId: techAId, start: '2026-03-10T08:00:00Z', end: '2026-03-10T10:00:00Z' });
    expect(res).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    const [shift] = await t.database.db.select().from(schedules).where(eq(schedules.technicianId, techAId));
    const edit = await techB.do('schedule.update', { id: shift?.id ?? '', baseVersion: String(shift?.version), patch: { note: 'mine now' } });
    expect(edit).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
  });

  it('rejects shifts that are empty or longer than 24 hours', async () => {
    const long = await techB.do('schedule.create', { id: crypto.randomUUID(), technicianId: techBId, start: '2026-03-10T08:00:00Z', end: '2026-03-11T09:00:00Z' });
    expect(long).toMatchObject({ status: 'rejected', error: { code: 'invalid' } });
    const empty = await techB.do('schedule.create', { id: crypto.randomUUID(), technicianId: techBId, start: '2026-03-10T08:00:00Z', end: '2026-03-10T08:00:00Z' });
    expect(empty).toMatchObject({ status: 'rejected', error: { code: 'invalid' } });
  });

  it('requested time off blocks nothing; approving it over planned shifts is rejected naming them; approved time off blocks shifts', async () => {
    const timeOffId = crypto.randomUUID();
    const shiftId = crypto.randomUUID();
    expect((await techB.do('timeOff.create', { id: timeOffId, technicianId: techBId, startDate: '2026-04-06', endDate: '2026-04-07', kind: 'vacation' })).status).toBe('applied');
    expect((await techB.do('schedule.create', { id: shiftId, technicianId: techBId, start: '2026-04-06T08:00:00Z', end: '2026-04-06T12:00:00Z' })).status).toBe('applied');
    const selfApprove = await techB.do('timeOff.update', { id: timeOffId, baseVersion: '0', patch: { status: 'approved' } });
    expect(selfApprove).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    const approve = await admin.do('timeOff.update', { id: timeOffId, baseVersion: '0', patch: { status: 'approved' } });
    expect(approve).toMatchObject({ status: 'rejected', error: { code: 'time_off', with: [{ entity: 'schedule', id: shiftId }] } });
    const [shift] = await t.database.db.select().from(schedules).where(eq(schedules.id, shiftId));
    await admin.do('schedule.delete', { id: shiftId, baseVersion: String(shift?.version) });
    expect((await admin.do('timeOff.update', { id: timeOffId, baseVersion: '0', patch: { status: 'approved' } })).status).toBe('applied');
    const blocked = await admin.do('schedule.create', { id: crypto.randomUUID(), technicianId: techBId, start: '2026-04-07T20:00:00Z', end: '2026-04-07T23:00:00Z' });
    expect(blocked).toMatchObject({ status: 'rejected', error: { code: 'time_off', with: { entity: 'timeOff', id: timeOffId } } });
    const dayAfter = await admin.do('schedule.create', { id: crypto.randomUUID(), technicianId: techBId, start: '2026-04-08T00:00:00Z', end: '2026-04-08T08:00:00Z' });
    expect(dayAfter.status).toBe('applied');
  });

  it('moves ticket status only along the lifecycle, by the assignee or an admin', async () => {
    const { id } = await newTicket(techAId);
    const versionOf = async () => String((await t.database.db.select().from(tickets).where(eq(tickets.id, id)))[0]?.version);
    const byOther = await techB.do('ticket.update', { id, baseVersion: await versionOf(), patch: { status: 'in_progress' } });
    expect(byOther).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    const steps: [TicketStatus, 'applied' | 'invalid_transition'][] = [
      ['in_progress', 'applied'],
      ['open', 'invalid_transition'],
      ['resolved', 'applied'],
      ['closed', 'applied'],
      // Reopening a closed ticket is for admins only.
      ['open', 'invalid_transition'],
    ];
    for (const [status, expected] of steps) {
      const res = await techA.do('ticket.update', { id, baseVersion: await versionOf(), patch: { status } });
      if (expected === 'applied') expect(res.status, status).toBe('applied');
      else expect(res, status).toMatchObject({ status: 'rejected', error: { code: expected } });
    }
    const reopen = await admin.do('ticket.update', { id, baseVersion: await versionOf(), patch: { status: 'open' } });
    expect(reopen.status).toBe('applied');
  });

  it('archives for admins only', async () => {
    const { id, version } = await newTicket();
    expect((await admin.do('ticket.update', { id, baseVersion: version, patch: { status: 'resolved' } })).status).toBe('applied');
    expect(await techA.do('ticket.archive', { id })).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect((await admin.do('ticket.archive', { id })).status).toBe('applied');
    expect((await admin.pullRow('ticket', id, (r) => r.archivedAt !== null)).archivedAt).toEqual(expect.any(String));
  });

  it('rejects bad args of one mutation as invalid without blocking the ones after it', async () => {
    const bad = techA.mutation('ticket.create', { id: crypto.randomUUID(), title: 'x'.repeat(201), priority: 'high' });
    const good = techA.mutation('ticket.create', { id: crypto.randomUUID(), title: 'Fine', priority: 'low' });
    const res = await techA.pushRaw([bad, good]);
    const results = (res.body as { results: MutationResult[] }).results;
    expect(results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid', message: expect.stringContaining('title') } });
    expect(results[1]?.status).toBe('applied');
  });

  it('updates the signed-in user’s own profile and nobody else’s', async () => {
    expect((await techA.do('profile.update', { patch: { theme: 'dark', timezone: 'America/Denver' } })).status).toBe('applied');
    const me = await techA.http.request('GET', '/api/auth/me');
    expect(me.body).toMatchObject({ user: { theme: 'dark', timezone: 'America/Denver' } });
    expect(await techA.do('profile.update', { patch: { timezone: 'Nowhere/Land' } })).toMatchObject({ status: 'rejected', error: { code: 'invalid' } });
  });
});
