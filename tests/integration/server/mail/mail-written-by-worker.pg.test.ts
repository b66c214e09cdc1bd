import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailEvents, mailOutbox, users } from '../../../../drizzle/schema';
import { RESTORED_MAIL_HELD } from '../../../../server/backup/restore-backup';
import type { Db } from '../../../../server/db/database';
import { writeWaitingMailIn } from '../../../../server/mail/write-mail';
import { push, type MutationRunner } from '../../../../server/sync/push';
import { runMutation } from '../../../../sync/mutators';
import type { PushRequest } from '../../../../sync/protocol/push';
import { mailWritten } from '../../../support/mail-outbox';
import { assignedTicket } from '../../../support/assigned-ticket';
import { SyncDevice } from '../../../support/sync-client';
import { drivers } from '../../../support/test-database';
import { useTestApp, type TestApp } from '../../../support/test-app';

/*
 * A push writes mail as events and reads nothing for it; the mail worker (or the mail writer, when
 * there is no SendGrid key) resolves recipients, names, addresses, settings and places and writes
 * the outbox rows (server/mail/write-mail.ts). These tests hold it to writing the mail the push used
 * to write itself, however late it writes it.
 */

const MAIL = { appUrl: 'https://sched.example.com', batchSeconds: 0 };

async function userRow(t: TestApp, id: string) {
  const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
  if (!row) throw new Error('no such user');
  return row;
}

const commentOn = (ticketId: string, body: string, id = 1): PushRequest['mutations'][number] => ({
  id,
  name: 'comment.create',
  args: { id: crypto.randomUUID(), ticketId, body },
  at: new Date().toISOString(),
});

/** Recipients of the comment mail quoting `body`. */
async function toldOf(t: TestApp, body: string): Promise<string[]> {
  const mails = await t.database.db.select().from(mailOutbox);
  return mails
    .filter((m) => m.textBody.includes(`> ${body}`))
    .map((m) => m.recipientId ?? '')
    .sort();
}

describe.each(drivers)('mail written from the events pushes leave, on %s', (driver) => {
  const t = useTestApp(driver, { MAIL_BATCH_SECONDS: '0', APP_URL: 'https://sched.example.com' });

  const ticketWithPeople = () => assignedTicket(t);

  it('a push leaves one event per notice and no outbox row; writing it makes the outbox rows and removes the event', async () => {
    const { techId, ticketId } = await ticketWithPeople();
    await mailWritten(t.database.db);
    const other = new SyncDevice((await t.signedIn('technician')).client);
    const before = await t.database.db.$count(mailOutbox);
    await other.do('comment.create', { id: crypto.randomUUID(), ticketId, body: 'Left as an event' });
    expect(await t.database.db.$count(mailEvents)).toBe(1);
    expect(await t.database.db.$count(mailOutbox)).toBe(before);
    await mailWritten(t.database.db);
    expect(await t.database.db.$count(mailEvents)).toBe(0);
    expect((await toldOf(t, 'Left as an event')).includes(techId)).toBe(true);
  });

  it('a comment’s mail goes to those who commented before it and not after, however late it is written', async () => {
    const { adminId, techId, ticketId } = await ticketWithPeople();
    const people = await Promise.all([0, 1, 2].map(async () => {
      const { client, userId } = await t.signedIn('technician');
      return { id: userId, device: new SyncDevice(client) };
    }));
    // All three comment before any of their mail is written.
    for (const [i, p] of people.entries()) await p.device.do('comment.create', { id: crypto.randomUUID(), ticketId, body: `said ${i}` });
    await mailWritten(t.database.db);
    const [a, b] = people.map((p) => p.id);
    expect(await toldOf(t, 'said 0')).toEqual([adminId, techId].sort());
    expect(await toldOf(t, 'said 1')).toEqual([adminId, techId, a].sort());
    expect(await toldOf(t, 'said 2')).toEqual([adminId, techId, a, b].sort());
  });

  it('settings, deactivation and addresses count as they are when the mail is written', async () => {
    const { admin, ticketId } = await ticketWithPeople();
    const quiet = await t.signedIn('technician');
    await new SyncDevice(quiet.client).do('mailSettings.update', { patch: { ticketStatus: false } });
    await admin.do('ticket.update', { id: ticketId, baseVersion: 0, patch: { assigneeId: quiet.userId } });
    await mailWritten(t.database.db);
    const outboxBefore = await t.database.db.$count(mailOutbox);
    // A status change is for the creator (the admin, who acts: not told) and the assignee (mail off).
    await admin.do('ticket.update', { id: ticketId, baseVersion: 0, patch: { status: 'in_progress' } });
    // Someone assigned a ticket and deactivated before the mail is written is not mailed.
    const gone = await t.signedIn('technician');
    await admin.do('ticket.create', { id: crypto.randomUUID(), title: 'For someone leaving', priority: 'low', assigneeId: gone.userId });
    await t.database.db.update(users).set({ active: false }).where(eq(users.id, gone.userId));
    await mailWritten(t.database.db);
    expect(await t.database.db.$count(mailOutbox)).toBe(outboxBefore);
  });

  it('a shift’s mail names its place and the actor as the push knew them', async () => {
    const { client } = await t.signedIn('admin');
    const admin = new SyncDevice(client);
    const { userId: techId } = await t.signedIn('technician');
    const locationId = crypto.randomUUID();
    await admin.do('location.create', { id: locationId, name: 'North depot', timezone: 'UTC' });
    await admin.do('profile.update', { patch: { name: 'Robin Planner' } });
    await admin.do('schedule.create', { id: crypto.randomUUID(), technicianId: techId, locationId, start: '2031-03-04T08:00:00.000Z', end: '2031-03-04T16:00:00.000Z' });
    await mailWritten(t.database.db);
    const [mail] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.recipientId, techId));
    expect(mail?.textBody).toContain('Robin Planner planned a shift for you: ');
    expect(mail?.textBody).toContain(' at North depot.');
  });

  it('events in a backup (a push that committed while the backup was taken) become mail held at restore, like any mail still waiting', async () => {
    const { admin, techId, ticketId } = await ticketWithPeople();
    // Someone who commented before: the restored comment's mail must reach them too, although a
    // restore gives every restored change the same transaction id.
    const earlier = await t.signedIn('technician');
    await new SyncDevice(earlier.client).do('comment.create', { id: crypto.randomUUID(), ticketId, body: 'Before the backup' });
    await mailWritten(t.database.db);
    await new SyncDevice((await t.signedIn('technician')).client).do('comment.create', { id: crypto.randomUUID(), ticketId, body: 'Caught in the backup' });
    const [event] = JSON.parse(JSON.stringify(await t.database.db.select().from(mailEvents))) as Record<string, unknown>[];
    if (!event) throw new Error('no event');
    const backup = (await admin.http.request('GET', '/api/admin/backup')).body as { tables: Record<string, unknown[]> };
    // Taking the backup wrote the waiting mail first; as if the push had committed just after that.
    expect(backup.tables.mail_events).toEqual([]);
    // A transaction id means nothing outside its database: backups leave it out.
    delete event.xid;
    backup.tables.mail_events = [event];
    // …and so its mail is not in the backup's outbox either (taking the backup wrote it).
    const outbox = backup.tables.mail_outbox ?? [];
    const written = outbox.filter((m) => JSON.stringify(m).includes('Caught in the backup'));
    expect(written.length).toBeGreaterThan(0);
    backup.tables.mail_outbox = outbox.filter((m) => !written.includes(m));
    const restored = await admin.http.request('POST', '/api/admin/restore', JSON.stringify(backup));
    expect(restored.status).toBe(200);
    expect(await t.database.db.$count(mailEvents)).toBe(0);
    const mails = (await t.database.db.select().from(mailOutbox)).filter((m) => m.textBody.includes('> Caught in the backup'));
    expect(mails.map((m) => m.recipientId)).toContain(techId);
    expect(mails.map((m) => m.recipientId)).toContain(earlier.userId);
    expect(mails.every((m) => m.status === 'failed' && m.lastError === RESTORED_MAIL_HELD)).toBe(true);
  });
});

describe.each(drivers.filter((d) => d === 'postgres'))('comments pushed at the same moment, on %s', (driver) => {
  const t = useTestApp(driver, { MAIL_BATCH_SECONDS: '0' });

  it('of two comments pushed at once exactly one author hears of the other’s, and the later one’s mail waits until the earlier push has ended', async () => {
    const { client, userId: adminId } = await t.signedIn('admin');
    const { userId: techId } = await t.signedIn('technician');
    const ticketId = crypto.randomUUID();
    await new SyncDevice(client).do('ticket.create', { id: ticketId, title: 'Same moment', priority: 'low', assigneeId: techId });
    const [first, second] = await Promise.all([0, 1].map(async () => userRow(t, (await t.signedIn('technician')).userId)));
    if (!first || !second) throw new Error('no users');
    await mailWritten(t.database.db);

    // The first push holds its transaction open after its comment, until released.
    let release = () => {};
    const released = new Promise<void>((r) => (release = r));
    let reached = () => {};
    const holding = new Promise<void>((r) => (reached = r));
    let held = false;
    const holdOnce: MutationRunner = async (port, ctx, name, args) => {
      const conflicts = await runMutation(port, ctx, name, args);
      if (!held) {
        held = true;
        reached();
        await released;
      }
      return conflicts;
    };
    const firstPush = push(t.database.db, first, { clientId: crypto.randomUUID(), mutations: [commentOn(ticketId, 'first words')] }, { run: holdOnce, mail: MAIL });
    await holding;
    await push(t.database.db, second, { clientId: crypto.randomUUID(), mutations: [commentOn(ticketId, 'second words')] }, { mail: MAIL });

    // The second push has committed; its comment's mail waits for the first, still running, to end.
    const written = await t.database.db.transaction((tx) => writeWaitingMailIn(tx as unknown as Db));
    expect(written).toBe(0);
    expect(await t.database.db.$count(mailEvents)).toBe(1);

    release();
    expect((await firstPush).results.map((r) => r.status)).toEqual(['applied']);
    await mailWritten(t.database.db);
    const toldOfFirst = await toldOf(t, 'first words');
    const toldOfSecond = await toldOf(t, 'second words');
    const secondHeard = toldOfFirst.includes(second.id);
    const firstHeard = toldOfSecond.includes(first.id);
    expect(secondHeard !== firstHeard).toBe(true);
    // Everyone else as ever: the creator and the assignee hear of both.
    for (const told of [toldOfFirst, toldOfSecond]) expect(told).toEqual(expect.arrayContaining([adminId, techId]));
  });
});
