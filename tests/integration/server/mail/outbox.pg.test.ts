import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { mailOutbox, users } from '../../../../drizzle/schema';
import type { MailEvent } from '../../../../server/mail/domain/mail-event';
import type { PushResponse } from '../../../../sync/protocol/push';
import type { MailDetail, MailList } from '../../../../sync/protocol/mail';
import { MailWorker } from '../../../../server/mail/worker';
import { push, type MutationRunner } from '../../../../server/sync/push';
import { runMutation } from '../../../../sync/mutators';
import { reject } from '../../../../sync/mutators/rejection';
import { drivers } from '../../../support/test-database';
import { startTestApp, type TestApp } from '../../../support/test-app';
import { latest, SYNC_HEADERS, SyncDevice } from '../../../support/sync-client';
import { mailWritten, recordingTransport, windowPasses } from '../../../support/mail-outbox';

const HOUR = 3600_000;

/** Rejects one mutation after it wrote, so the batch is rolled back and run again with savepoints. */
const writesThenRefuses: MutationRunner = async (port, ctx, name, args) => {
  const { id, name: label } = args as { id: string; name?: string };
  if (label !== 'write, then refuse') return runMutation(port, ctx, name, args);
  await port.insert('category', { id, name: label, color: '#000000' });
  reject('invalid', 'refused after writing');
};

interface Person {
  id: string;
  email: string;
  device: SyncDevice;
}

describe.each(drivers)('notification mail written by pushes on %s', (driver) => {
  let t: TestApp;
  let admin: Person;
  let tech: Person;
  let other: Person;

  const person = async (role: 'admin' | 'technician', timezone: string): Promise<Person> => {
    const { client, userId, email } = await t.signedIn(role);
    await t.database.db.update(users).set({ timezone }).where(eq(users.id, userId));
    return { id: userId, email, device: new SyncDevice(client) };
  };

  beforeAll(async () => {
    // Batching off: every change is its own mail (batching has its own describe block below).
    t = await startTestApp(driver, { MAIL_BATCH_SECONDS: '0', APP_URL: 'https://sched.example.com' });
    admin = await person('admin', 'America/Chicago');
    tech = await person('technician', 'Asia/Kolkata');
    other = await person('technician', 'Europe/Berlin');
  });
  afterAll(() => t.close());

  const allMails = async () => {
    await mailWritten(t.database.db);
    return t.database.db.select().from(mailOutbox);
  };
  const newMails = async <T>(work: () => Promise<T>) => {
    const before = new Set((await allMails()).map((m) => m.id));
    const result = await work();
    return { result, mails: (await allMails()).filter((m) => !before.has(m.id)) };
  };

  it('a ticket created with an assignee mails the assignee once; a retried push mails nobody again', async () => {
    const id = crypto.randomUUID();
    const mutation = admin.device.mutation('ticket.create', { id, title: 'Boiler leaks', priority: 'high', assigneeId: tech.id });
    const first = await newMails(() => admin.device.pushRaw([mutation]));
    expect((first.result.body as PushResponse).results[0]?.status).toBe('applied');
    expect(first.mails).toHaveLength(1);
    expect(first.mails[0]).toMatchObject({ recipientId: tech.id, toEmail: tech.email, kind: 'ticketAssigned', status: 'queued', subject: 'Assigned to you: Boiler leaks' });
    expect(first.mails[0]?.textBody).toContain(`https://sched.example.com/tickets/${id}`);

    // The device did not hear the answer and sends the same batch again.
    const again = await newMails(() => admin.device.pushRaw([mutation]));
    expect(again.result.status).toBe(200);
    expect(again.mails).toEqual([]);
  });

  it('nobody is mailed about their own action', async () => {
    const id = crypto.randomUUID();
    const { mails } = await newMails(async () => {
      await tech.device.do('ticket.create', { id, title: 'Self-assigned', priority: 'low', assigneeId: tech.id });
      await tech.device.do('ticket.update', { id, baseVersion: 0, patch: { status: 'in_progress' } });
      await tech.device.do('schedule.create', { id: crypto.randomUUID(), technicianId: tech.id, start: '2031-01-06T03:30:00.000Z', end: '2031-01-06T11:30:00.000Z' });
    });
    expect(mails).toEqual([]);
  });

  it('a rejected mutation writes no mail, and the one after it in the same batch does', async () => {
    const ticket = crypto.randomUUID();
    await admin.device.do('ticket.create', { id: ticket, title: 'Rejected then assigned', priority: 'low' });
    const { result, mails } = await newMails(() =>
      admin.device.pushRaw([
        // Assigns, then is refused: open → closed is not a transition.
        admin.device.mutation('ticket.update', { id: ticket, baseVersion: 0, patch: { assigneeId: other.id, status: 'closed' } }),
        admin.device.mutation('ticket.update', { id: ticket, baseVersion: 0, patch: { assigneeId: tech.id } }),
      ]),
    );
    expect((result.body as PushResponse).results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    expect(mails.map((m) => m.recipientId)).toEqual([tech.id]);
  });

  it('a batch rolled back and run again with savepoints writes each mail once', async () => {
    const ticket = crypto.randomUUID();
    await admin.device.do('ticket.create', { id: ticket, title: 'Run twice', priority: 'low' });
    const [adminRow] = await t.database.db.select().from(users).where(eq(users.id, admin.id));
    if (!adminRow) throw new Error('no admin');
    const at = new Date().toISOString();
    const request = {
      clientId: crypto.randomUUID(),
      mutations: [
        { id: 1, name: 'ticket.update' as const, args: { id: ticket, baseVersion: 0, patch: { assigneeId: tech.id } }, at },
        { id: 2, name: 'category.create' as const, args: { id: crypto.randomUUID(), name: 'write, then refuse' }, at },
      ],
    };
    const { result, mails } = await newMails(() => push(t.database.db, adminRow, request, { run: writesThenRefuses, mail: { appUrl: 'https://sched.example.com', batchSeconds: 0 } }));
    expect(result.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    expect(mails.map((m) => [m.recipientId, m.kind])).toEqual([[tech.id, 'ticketAssigned']]);
  });

  it('in one batch, names read for one mutation are read again after the actor renames themself', async () => {
    const d = new SyncDevice(admin.device.http);
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const { mails } = await newMails(() =>
      d.pushRaw([
        d.mutation('ticket.create', { id: a, title: 'Before the rename', priority: 'low', assigneeId: tech.id }),
        d.mutation('profile.update', { patch: { name: 'Dana Office' } }),
        d.mutation('ticket.create', { id: b, title: 'After the rename', priority: 'low', assigneeId: tech.id }),
      ]),
    );
    const text = (title: string) => mails.find((m) => m.subject.endsWith(title))?.textBody ?? '';
    expect(mails.map((m) => m.toEmail)).toEqual([tech.email, tech.email]);
    expect(text('Before the rename')).toMatch(/^\w+ assigned the ticket “Before the rename”/m);
    expect(text('Before the rename')).not.toContain('Dana Office');
    expect(text('After the rename')).toContain('Dana Office assigned the ticket “After the rename” to you.');
  });

  it('a status change mails the creator and the assignee, but not whoever changed it', async () => {
    const id = crypto.randomUUID();
    await other.device.do('ticket.create', { id, title: 'Printer jam', priority: 'medium', assigneeId: tech.id });
    const { mails } = await newMails(() => admin.device.do('ticket.update', { id, baseVersion: 0, patch: { status: 'pending' } }));
    expect(mails.map((m) => m.recipientId).sort()).toEqual([tech.id, other.id].sort());
    expect(mails.every((m) => m.kind === 'ticketStatus' && m.subject === 'Printer jam: now Pending')).toBe(true);
  });

  it('a comment mails the creator, the assignee and earlier commenters, never its author', async () => {
    const id = crypto.randomUUID();
    await admin.device.do('ticket.create', { id, title: 'Door sensor', priority: 'low', assigneeId: tech.id });
    await other.device.do('comment.create', { id: crypto.randomUUID(), ticketId: id, body: 'I saw it too.' });
    const { mails } = await newMails(() => tech.device.do('comment.create', { id: crypto.randomUUID(), ticketId: id, body: 'On my way.' }));
    expect(mails.map((m) => m.recipientId).sort()).toEqual([admin.id, other.id].sort());
    expect(mails[0]?.textBody).toContain('> On my way.');
  });

  it('an offline comment that reaches the server hours later mails once and says when it was written', async () => {
    const id = crypto.randomUUID();
    await admin.device.do('ticket.create', { id, title: 'Night shift report', priority: 'low', assigneeId: tech.id });
    // Give the ticket a creation time in the past, as if opened this morning.
    const { tickets } = await import('../../../../drizzle/schema');
    const opened = new Date(Date.now() - 8 * HOUR);
    await t.database.db.update(tickets).set({ createdAt: opened }).where(eq(tickets.id, id));
    const written = new Date(Date.now() - 5 * HOUR);
    const comment = { ...tech.device.mutation('comment.create', { id: crypto.randomUUID(), ticketId: id, body: 'Fixed the fuse box.' }), at: written.toISOString() };
    const first = await newMails(() => tech.device.pushRaw([comment]));
    const again = await newMails(() => tech.device.pushRaw([comment]));
    expect(again.mails).toEqual([]);
    expect(first.mails).toHaveLength(1);
    const [mail] = first.mails;
    const [event] = mail?.events as MailEvent[];
    expect(event).toMatchObject({ type: 'ticketComment', at: written.toISOString() });
    // Shown to the admin in Chicago: when it was written, and that it arrived later.
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Chicago', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(written);
    expect(mail?.textBody).toMatch(new RegExp(`Written: \\w{3} \\d{1,2} \\w{3}, ${local} \\(written offline; it reached the server `));
  });

  it('a shift planned by an admin in Chicago is mailed in the technician’s own zone (Kolkata)', async () => {
    const id = crypto.randomUUID();
    // 09:00–17:00 in Kolkata (UTC+05:30) is 21:30–05:30 the evening before in Chicago (UTC-06:00 in January).
    const { mails } = await newMails(() => admin.device.do('schedule.create', { id, technicianId: tech.id, start: '2031-01-07T03:30:00.000Z', end: '2031-01-07T11:30:00.000Z' }));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipientId: tech.id, kind: 'schedule', subject: 'New shift: Tue 7 Jan, 09:00–17:00' });
    expect(mails[0]?.textBody).toContain('Times are in your time zone (Asia/Kolkata).');
    expect(mails[0]?.textBody).toContain(`https://sched.example.com/calendar?week=2031-01-06&shift=${id}`);
    expect(mails[0]?.textBody).not.toContain('21:30');

    const moved = await newMails(() => admin.device.do('schedule.update', { id, baseVersion: 0, patch: { start: '2031-01-07T04:30:00.000Z', end: '2031-01-07T12:30:00.000Z' } }));
    expect(moved.mails[0]?.subject).toBe('Shift changed: Tue 7 Jan, 10:00–18:00');
    expect(moved.mails[0]?.textBody).toContain('It was: Tue 7 Jan, 09:00–17:00');
    const removed = await newMails(() => admin.device.do('schedule.delete', { id, baseVersion: 0 }));
    expect(removed.mails[0]?.subject).toBe('Shift removed: Tue 7 Jan, 10:00–18:00');
  });

  it('time off approved or denied mails the technician who asked', async () => {
    const id = crypto.randomUUID();
    await tech.device.do('timeOff.create', { id, technicianId: tech.id, startDate: '2031-02-03', endDate: '2031-02-04', kind: 'vacation' });
    const { mails } = await newMails(() => admin.device.do('timeOff.update', { id, baseVersion: 0, patch: { status: 'approved' } }));
    expect(mails.map((m) => [m.recipientId, m.subject])).toEqual([[tech.id, 'Time off approved: Mon 3 Feb – Tue 4 Feb']]);
  });

  it('each user turns each kind off for themself; the setting reaches their own pull and nobody else’s', async () => {
    expect((await other.device.do('mailSettings.update', { patch: { ticketAssigned: false } })).status).toBe('applied');
    const id = crypto.randomUUID();
    const { mails } = await newMails(async () => {
      await admin.device.do('ticket.create', { id, title: 'Quiet', priority: 'low', assigneeId: other.id });
      await admin.device.do('ticket.update', { id, baseVersion: 0, patch: { status: 'in_progress' } });
    });
    // Assignment mail is off for them; status mail is still on.
    expect(mails.map((m) => [m.recipientId, m.kind])).toEqual([[other.id, 'ticketStatus']]);

    const own = latest(await new SyncDevice(other.device.http).pullAll(), 'mailSettings', other.id);
    expect(own).toMatchObject({ id: other.id, ticketAssigned: false, ticketStatus: true });
    for (const someoneElse of [admin, tech]) {
      const changes = await new SyncDevice(someoneElse.device.http).pullAll();
      expect(changes.filter((c) => c.entity === 'mailSettings' && c.id !== someoneElse.id)).toEqual([]);
    }
  });

  it('with no SendGrid key nothing is sent: the outbox keeps every mail and shows it to admins', async () => {
    const list = (await admin.device.http.request('GET', '/api/admin/mail?status=queued')).body as MailList;
    expect(list.delivery).toBe('off');
    expect(list.mails.length).toBeGreaterThan(5);
    expect(list.mails.every((m) => m.status === 'queued' && m.attempts === 0 && m.sentAt === null)).toBe(true);
    const [newest] = list.mails;
    const detail = (await admin.device.http.request('GET', `/api/admin/mail/${newest?.id}`)).body as { mail: MailDetail };
    expect(detail.mail).toMatchObject({ id: newest?.id, attemptHistory: [] });
    expect(detail.mail.text).toContain('Hello ');
    expect(detail.mail.html).toContain('<!doctype html>');
  });

  it('an inactive user is not mailed', async () => {
    const gone = await person('technician', 'UTC');
    await t.database.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
    const { mails } = await newMails(() => admin.device.do('ticket.create', { id: crypto.randomUUID(), title: 'For nobody', priority: 'low', assigneeId: gone.id }));
    expect(mails).toEqual([]);
  });
});

describe.each(drivers)('batched notification mail on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver, { MAIL_BATCH_SECONDS: '60' });
  });
  afterAll(() => t.close());

  /** Sends what is due, as the delivery worker does, and answers what went out. */
  const deliverDue = async () => {
    const transport = recordingTransport();
    await new MailWorker(t.database.db, { transport, claimMs: 60_000 }).drain();
    return transport.sent;
  };
  const sentTo = async (recipientId: string) =>
    t.database.db.select().from(mailOutbox).where(and(eq(mailOutbox.recipientId, recipientId), eq(mailOutbox.status, 'sent'))).orderBy(asc(mailOutbox.createdAt));

  it('changes to one ticket for one recipient within the window become one mail listing them', async () => {
    const admin = new SyncDevice((await t.signedIn('admin')).client);
    const { userId: techId } = await t.signedIn('technician');
    const id = crypto.randomUUID();
    await admin.do('ticket.create', { id, title: 'Batch me', priority: 'low', assigneeId: techId });
    await admin.do('ticket.update', { id, baseVersion: 0, patch: { status: 'in_progress' } });
    await admin.do('comment.create', { id: crypto.randomUUID(), ticketId: id, body: 'Parts ordered.' });
    // Another ticket is another mail.
    await admin.do('ticket.create', { id: crypto.randomUUID(), title: 'Separate', priority: 'low', assigneeId: techId });

    // Due when the window closes, a minute after the first change: nothing goes before.
    await mailWritten(t.database.db);
    const [first] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.recipientId, techId)).orderBy(asc(mailOutbox.createdAt)).limit(1);
    expect((first?.nextAttemptAt.getTime() ?? 0) - (first?.createdAt.getTime() ?? 0)).toBeGreaterThanOrEqual(59_000);
    expect(await deliverDue()).toEqual([]);

    await windowPasses(t);
    const sent = await deliverDue();
    expect(sent.map((m) => m.subject).sort()).toEqual(['Assigned to you: Separate', 'Batch me: 3 updates']);
    const mails = await sentTo(techId);
    expect(mails.map((m) => m.subject)).toEqual(['Batch me: 3 updates', 'Assigned to you: Separate']);
    const [batch] = mails;
    expect(batch?.kind).toBe('ticketActivity');
    expect((batch?.events as MailEvent[]).map((e) => e.type)).toEqual(['ticketAssigned', 'ticketStatus', 'ticketComment']);
    expect(batch?.textBody).toContain('> Parts ordered.');
    expect(sent.find((m) => m.id === batch?.id)?.text).toBe(batch?.textBody);
  });

  it('a change after the window closed is a mail of its own', async () => {
    const admin = new SyncDevice((await t.signedIn('admin')).client);
    const { userId: techId } = await t.signedIn('technician');
    const id = crypto.randomUUID();
    await admin.do('ticket.create', { id, title: 'Twice', priority: 'low', assigneeId: techId });
    await admin.do('ticket.update', { id, baseVersion: 0, patch: { status: 'in_progress' } });
    await windowPasses(t);
    await admin.do('comment.create', { id: crypto.randomUUID(), ticketId: id, body: 'Later on.' });
    expect((await deliverDue()).map((m) => m.subject)).toEqual(['Twice: 2 updates']);
    await windowPasses(t);
    expect((await deliverDue()).map((m) => m.subject)).toEqual(['New comment on Twice']);
  });

  it('a week of shifts planned for one technician in one push is one mail, not one per shift', async () => {
    const admin = new SyncDevice((await t.signedIn('admin')).client);
    const { userId: techId } = await t.signedIn('technician');
    const { userId: otherId } = await t.signedIn('technician');
    const shifts = [5, 6, 7, 8, 9].map((day) => admin.mutation('schedule.create', { id: crypto.randomUUID(), technicianId: techId, start: `2031-05-0${day}T08:00:00.000Z`, end: `2031-05-0${day}T16:00:00.000Z` }));
    const res = await admin.pushRaw([...shifts, admin.mutation('schedule.create', { id: crypto.randomUUID(), technicianId: otherId, start: '2031-05-05T08:00:00.000Z', end: '2031-05-05T16:00:00.000Z' })]);
    expect((res.body as PushResponse).results.every((r) => r.status === 'applied')).toBe(true);
    await windowPasses(t);
    await deliverDue();
    expect((await sentTo(techId)).map((m) => [m.kind, m.subject])).toEqual([['schedule', 'Your schedule: 5 changes']]);
    expect(await t.database.db.$count(mailOutbox, eq(mailOutbox.recipientId, otherId))).toBe(1);
  });

  it('dozens of long comments on one ticket in one push make one mail of bounded size', async () => {
    const admin = new SyncDevice((await t.signedIn('admin')).client);
    const { userId: techId } = await t.signedIn('technician');
    const id = crypto.randomUUID();
    await admin.do('ticket.create', { id, title: 'Noisy', priority: 'low', assigneeId: techId });
    // Three times what a mail lists, each quoted at full length: 120 kB of quotes if all were listed.
    const comments = Array.from({ length: 60 }, (_, i) => admin.mutation('comment.create', { id: crypto.randomUUID(), ticketId: id, body: `${i} ${'x'.repeat(3_000)}` }));
    expect((await admin.pushRaw(comments)).status).toBe(200);
    // Waiting, the comments past the ones a mail lists keep no text.
    await mailWritten(t.database.db);
    const waiting = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.recipientId, techId));
    expect(waiting.reduce((n, m) => n + JSON.stringify(m.events).length, 0)).toBeLessThan(70_000);
    await windowPasses(t);
    await deliverDue();
    const [mail, ...more] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.recipientId, techId));
    expect(more).toEqual([]);
    expect(mail?.subject).toBe('Noisy: 61 updates');
    expect(mail?.htmlBody.length).toBeLessThan(100_000);
  });
});

describe.each(drivers)('links in mail without APP_URL on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver, { MAIL_BATCH_SECONDS: '0', PORT: '4321' });
  });
  afterAll(() => t.close());

  it('never come from the Host the pushing client chose: the mail goes to someone else', async () => {
    const admin = new SyncDevice((await t.signedIn('admin')).client);
    const { userId: techId } = await t.signedIn('technician');
    const id = crypto.randomUUID();
    const mutation = admin.mutation('ticket.create', { id, title: 'Click me', priority: 'low', assigneeId: techId });
    // A hostile client names its own host, and a matching Origin so the request is same-site.
    const res = await admin.http.request('POST', 'http://evil.example/api/sync/push', { clientId: admin.clientId, mutations: [mutation] }, { ...SYNC_HEADERS, origin: 'http://evil.example' });
    expect((res.body as PushResponse).results[0]?.status).toBe('applied');
    await mailWritten(t.database.db);
    const [mail] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.recipientId, techId));
    expect(mail?.textBody).not.toContain('evil.example');
    expect(mail?.htmlBody).not.toContain('evil.example');
    expect(mail?.textBody).toContain(`http://localhost:4321/tickets/${id}`);
  });
});
