import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { mailAttempts, mailOutbox, users } from '../../../../drizzle/schema';
import { sendgridTransport } from '../../../../server/mail/sendgrid';
import { MailWorker, NOT_SENT_INACTIVE, type WorkerOptions } from '../../../../server/mail/worker';
import type { MailDetail, MailList } from '../../../../sync/protocol/mail';
import { FakeSendgrid } from '../../../support/fake-sendgrid';
import { drivers } from '../../../support/test-database';
import { startTestApp, type TestApp } from '../../../support/test-app';

const KEY = 'SG.test-key';

describe.each(drivers)('mail delivery through @sendgrid/mail to an imitation of SendGrid on %s', (driver) => {
  let t: TestApp;
  let sendgrid: FakeSendgrid;
  let baseUrl: string;
  const workers: MailWorker[] = [];

  beforeAll(async () => {
    sendgrid = new FakeSendgrid();
    baseUrl = await sendgrid.start();
    t = await startTestApp(driver, { SENDGRID_API_KEY: KEY, MAIL_FROM: 'dispatch@example.com', APP_URL: 'https://sched.example.com', SENDGRID_BASE_URL: baseUrl });
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    sendgrid.received.length = 0;
    sendgrid.respond = () => ({ status: 202 });
  });
  afterAll(async () => {
    await sendgrid.stop();
    await t.close();
  });

  const worker = (options: Partial<WorkerOptions> = {}) => {
    const transport = sendgridTransport({ apiKey: KEY, baseUrl, from: 'dispatch@example.com', timeoutMs: 2_000 });
    const w = new MailWorker(t.database.db, { transport, claimMs: 5_000, pollMs: 10, retryBaseMs: 20, retryMaxMs: 100, ...options });
    workers.push(w);
    return w;
  };

  const queueMail = async (to = 'priya@example.com') => {
    const [row] = await t.database.db
      .insert(mailOutbox)
      .values({ kind: 'ticketAssigned', toEmail: to, subject: 'Assigned to you: Boiler', textBody: 'Plain words', htmlBody: '<p>Plain words</p>' })
      .returning();
    if (!row) throw new Error('insert failed');
    return row.id;
  };
  const mail = async (id: string) => (await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0];
  const attempts = (id: string) => t.database.db.select().from(mailAttempts).where(eq(mailAttempts.mailId, id)).orderBy(asc(mailAttempts.number));
  const until = async (what: () => Promise<boolean>, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await what())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('202 marks the mail sent; the request carries the key, the sender, both bodies and the outbox id', async () => {
    const id = await queueMail();
    await worker().drain();
    expect(await mail(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect((await mail(id))?.sentAt).toBeInstanceOf(Date);
    expect(await attempts(id)).toEqual([expect.objectContaining({ number: 1, outcome: 'sent', httpStatus: 202, error: null })]);
    const [received] = sendgrid.received;
    expect(received?.authorization).toBe(`Bearer ${KEY}`);
    expect(received?.body).toMatchObject({
      from: { email: 'dispatch@example.com' },
      subject: 'Assigned to you: Boiler',
      personalizations: [{ to: [{ email: 'priya@example.com' }] }],
      content: [
        { type: 'text/plain', value: 'Plain words' },
        { type: 'text/html', value: '<p>Plain words</p>' },
      ],
      custom_args: { outbox_id: id },
    });
  });

  it('500 and 429 are retried with backoff and then sent; every attempt is kept', async () => {
    const id = await queueMail();
    sendgrid.respond = (_m, i) =>
      i === 0
        ? { status: 500, body: { errors: [{ message: 'Internal error', field: null }] } }
        : i === 1
          ? { status: 429, body: { errors: [{ message: 'too many requests' }] }, headers: { 'retry-after': '0' } }
          : { status: 202 };
    const started = Date.now();
    const w = worker();
    w.start();
    await until(async () => (await mail(id))?.status === 'sent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(20);
    expect(await mail(id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect((await attempts(id)).map((a) => [a.number, a.outcome, a.httpStatus, a.error])).toEqual([
      [1, 'retry', 500, '500: Internal error'],
      [2, 'retry', 429, '429: too many requests'],
      [3, 'sent', 202, null],
    ]);
    expect(sendgrid.outboxIds()).toEqual([id, id, id]);
  });

  it('a huge Retry-After is honoured only up to the longest backoff, so the mail is neither parked for years nor sent again and again', async () => {
    const id = await queueMail();
    sendgrid.respond = (_m, i) => (i === 0 ? { status: 429, body: { errors: [{ message: 'slow down' }] }, headers: { 'retry-after': '99999999999' } } : { status: 202 });
    const w = worker({ retryMaxMs: 200 });
    await w.round();
    const after = await mail(id);
    expect(after).toMatchObject({ status: 'queued', attempts: 1, lastError: '429: slow down' });
    expect(after?.nextAttemptAt.getTime()).toBeLessThan(Date.now() + 60_000);
    w.start();
    await until(async () => (await mail(id))?.status === 'sent');
    expect(sendgrid.outboxIds()).toEqual([id, id]);
  });

  it('a network error is retried like a 5xx', async () => {
    const id = await queueMail();
    const nowhere = sendgridTransport({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9', from: 'dispatch@example.com', timeoutMs: 1_000 });
    await new MailWorker(t.database.db, { transport: nowhere, claimMs: 5_000, retryBaseMs: 20, retryMaxMs: 100 }).round();
    const after = await mail(id);
    expect(after).toMatchObject({ status: 'queued', attempts: 1 });
    expect(after?.lastError).toMatch(/ECONNREFUSED/);
    expect((await attempts(id))[0]).toMatchObject({ outcome: 'retry', httpStatus: null });
    // Due again after a backoff, not at once.
    expect(after?.nextAttemptAt.getTime()).toBeGreaterThan(after?.createdAt.getTime() ?? Infinity);
    worker().start();
    await until(async () => (await mail(id))?.status === 'sent');
  });

  it('400 marks the mail failed with SendGrid’s error text; an admin’s retry queues it and it is sent', async () => {
    const id = await queueMail('not-an-address');
    sendgrid.respond = (_m, i) =>
      i === 0 ? { status: 400, body: { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email', help: null }] } } : { status: 202 };
    await worker().drain();
    expect(await mail(id)).toMatchObject({ status: 'failed', attempts: 1, lastError: '400: Does not contain a valid address. (field: personalizations.0.to.0.email)' });

    const { client } = await t.signedIn('admin');
    const failed = (await client.request('GET', '/api/admin/mail?status=failed')).body as MailList;
    expect(failed.delivery).toBe('sendgrid');
    expect(failed.mails.find((m) => m.id === id)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('valid address') });
    const detail = (await client.request('GET', `/api/admin/mail/${id}`)).body as { mail: MailDetail };
    expect(detail.mail.attemptHistory).toEqual([expect.objectContaining({ number: 1, outcome: 'failed', httpStatus: 400 })]);

    expect((await client.request('POST', `/api/admin/mail/${id}/retry`)).status).toBe(204);
    await worker().drain();
    expect(await mail(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await client.request('POST', `/api/admin/mail/${id}/retry`)).code).toBe('not_failed');
  });

  it('a claim whose sender died is taken over once its lease is over, and sent with the same outbox id', async () => {
    const id = await queueMail();
    // This worker claims and then "dies": it never sends and never records anything.
    const dying = worker({ claimMs: 300, onClaimed: () => Promise.reject(new Error('killed between claiming and sending')) });
    await expect(dying.round()).rejects.toThrow('killed');
    expect(await mail(id)).toMatchObject({ status: 'queued', attempts: 1 });
    // Before the lease is over nobody else takes it.
    const heir = worker({ claimMs: 300 });
    expect(await heir.round()).toBe(0);
    await new Promise((r) => setTimeout(r, 350));
    await heir.drain();
    expect(await mail(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await attempts(id)).map((a) => a.outcome)).toEqual([null, 'sent']);
    expect(sendgrid.outboxIds()).toEqual([id]);
  });

  it('mail queued before its recipient is deactivated is never sent; after an address change it goes to the new address', async () => {
    const { client: admin } = await t.signedIn('admin');
    const leaving = await t.signedIn('technician');
    const moving = await t.signedIn('technician');
    const queueFor = async (recipientId: string, toEmail: string) => {
      const [row] = await t.database.db
        .insert(mailOutbox)
        .values({ kind: 'schedule', recipientId, toEmail, subject: 'New shift', textBody: 'Tickets and shifts', htmlBody: '<p>Tickets and shifts</p>' })
        .returning();
      if (!row) throw new Error('insert failed');
      return row.id;
    };
    const toLeaver = await queueFor(leaving.userId, leaving.email);
    const toMover = await queueFor(moving.userId, moving.email);
    expect((await admin.request('PATCH', `/api/users/${leaving.userId}`, { active: false })).status).toBe(200);
    // No endpoint changes an address today; the database is where one would.
    const newAddress = `moved-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await t.database.db.update(users).set({ email: newAddress }).where(eq(users.id, moving.userId));

    await worker().drain();
    expect(sendgrid.received.map((m) => m.body.personalizations[0]?.to[0]?.email)).toEqual([newAddress]);
    expect(await mail(toMover)).toMatchObject({ status: 'sent', toEmail: newAddress });
    expect(await mail(toLeaver)).toMatchObject({ status: 'failed', lastError: NOT_SENT_INACTIVE });
    expect((await attempts(toLeaver)).map((a) => [a.outcome, a.httpStatus])).toEqual([['failed', null]]);
  });

  it('stop() waits for the sends in flight and records them', async () => {
    const id = await queueMail();
    sendgrid.respond = () => ({ status: 202, delayMs: 300 });
    const w = worker();
    w.start();
    await sendgrid.waitFor(1);
    await w.stop();
    expect(await mail(id)).toMatchObject({ status: 'sent' });
  });

  it('only admins read the outbox; an unknown mail is a 404', async () => {
    const { client } = await t.signedIn('technician');
    expect((await client.request('GET', '/api/admin/mail')).status).toBe(403);
    const { client: admin } = await t.signedIn('admin');
    expect((await admin.request('GET', `/api/admin/mail/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await admin.request('GET', '/api/admin/mail?status=lost')).code).toBe('invalid');
  });
});
