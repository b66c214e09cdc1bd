import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { PROTOCOL_VERSION } from '../../../../sync/protocol/version';
import type { MailDetail, MailList } from '../../../../sync/protocol/mail';
import { FakeSendgrid } from '../../../support/fake-sendgrid';
import { freePort, signInAt, spawnServer, waitUntilListening, type ServerProcess } from '../../../support/server-process';
import { createPostgresTestDatabase, drivers } from '../../../support/test-database';

const ADMIN = { email: 'dispatch@example.com', password: 'mail test password' };
const TECH = { email: 'priya@example.com', password: 'technician password' };

const headers = (url: string, cookie: string) => ({ 'content-type': 'application/json', origin: url, cookie, 'x-sync-protocol': String(PROTOCOL_VERSION) });

async function api<T>(url: string, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, { method, headers: headers(url, cookie), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? null : await res.json()) as T;
}

async function until(what: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a server killed between claiming a mail and hearing SendGrid’s answer', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tsched-mail-'));
  const sendgrid = new FakeSendgrid();
  const running: ServerProcess[] = [];
  let env: Record<string, string>;
  beforeAll(async () => {
    env = {
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SENDGRID_API_KEY: 'SG.process-test',
      MAIL_FROM: 'dispatch@example.com',
      APP_URL: 'http://sched.example.com',
      SENDGRID_BASE_URL: await sendgrid.start(),
      MAIL_BATCH_SECONDS: '0',
      MAIL_CLAIM_SECONDS: '2',
    };
  });
  const start = async () => {
    const server = spawnServer({ ...env, PORT: String(await freePort()) });
    running.push(server);
    await waitUntilListening(server);
    return server;
  };
  afterAll(async () => {
    for (const s of running) s.child.kill('SIGKILL');
    await Promise.all(running.map((s) => s.exited));
    await sendgrid.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends the mail after restart, with the same outbox id; the push retried against the new process mails nobody again', async () => {
    const first = await start();
    const admin = await signInAt(first.url, ADMIN.email, ADMIN.password);
    const { user: tech } = await api<{ user: { id: string } }>(first.url, admin, 'POST', '/api/users', { ...TECH, name: 'Priya', role: 'technician' });

    // SendGrid takes the request and never answers; the server dies waiting.
    sendgrid.respond = () => ({ status: 202, hold: true });
    const push = { clientId: crypto.randomUUID(), mutations: [{ id: 1, name: 'ticket.create', args: { id: crypto.randomUUID(), title: 'Boiler leaks', priority: 'high', assigneeId: tech.id }, at: new Date().toISOString() }] };
    await api(first.url, admin, 'POST', '/api/sync/push', push);
    await sendgrid.waitFor(1);
    first.child.kill('SIGKILL');
    await first.exited;

    sendgrid.respond = () => ({ status: 202 });
    const second = await start();
    const cookie = await signInAt(second.url, ADMIN.email, ADMIN.password);
    // The device never heard its answer either, and pushes the same batch to the new process.
    await api(second.url, cookie, 'POST', '/api/sync/push', push);
    await until(async () => (await api<MailList>(second.url, cookie, 'GET', '/api/admin/mail?status=sent')).mails.length === 1);

    const [sent] = (await api<MailList>(second.url, cookie, 'GET', '/api/admin/mail')).mails;
    expect(sent).toMatchObject({ to: TECH.email, status: 'sent', attempts: 2, subject: 'Assigned to you: Boiler leaks' });
    // At least once: SendGrid saw it twice, both times with the outbox id to recognise it by.
    expect(sendgrid.outboxIds()).toEqual([sent?.id, sent?.id]);
    const { mail } = await api<{ mail: MailDetail }>(second.url, cookie, 'GET', `/api/admin/mail/${sent?.id}`);
    expect(mail.attemptHistory.map((a) => a.outcome)).toEqual([null, 'sent']);
  }, 120_000);
});

describe.runIf(drivers.includes('postgres'))('two server processes draining one outbox on Postgres', () => {
  let database: { url: string; drop: () => Promise<void> };
  const sendgrid = new FakeSendgrid();
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    const baseUrl = await sendgrid.start();
    // A little latency, so both processes have claims in flight at once.
    sendgrid.respond = () => ({ status: 202, delayMs: 5 });
    for (let i = 0; i < 2; i++) {
      servers.push(
        spawnServer({
          PORT: String(await freePort()),
          DATABASE_URL: database.url,
          ADMIN_EMAIL: ADMIN.email,
          ADMIN_PASSWORD: ADMIN.password,
          // A key of its own per process, so the imitation can tell who sent what.
          SENDGRID_API_KEY: `SG.process-${i}`,
          MAIL_FROM: 'dispatch@example.com',
          APP_URL: 'http://sched.example.com',
          SENDGRID_BASE_URL: baseUrl,
        }),
      );
      // One at a time: both would migrate the same empty database at once otherwise.
      await waitUntilListening(servers[i] as ServerProcess);
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await sendgrid.stop();
    await database.drop();
  });

  it('never sends one mail twice', async () => {
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    try {
      const count = 300;
      await sql`insert into mail_outbox (kind, to_email, subject, text_body)
                select 'ticketAssigned', 'tech' || n || '@example.com', 'Mail ' || n, 'Body ' || n from generate_series(1, ${count}) n`;
      await sendgrid.waitFor(count, 60_000);
      await until(async () => Number((await sql`select count(*)::int as n from mail_outbox where status = 'sent'`)[0]?.n) === count, 30_000);
      const ids = sendgrid.outboxIds();
      expect(ids).toHaveLength(count);
      expect(new Set(ids).size).toBe(count);
      const [attempts] = await sql`select max(number)::int as most, count(*)::int as tries from mail_attempts`;
      expect(attempts).toEqual({ most: 1, tries: count });
      // Both processes took part.
      expect(new Set(sendgrid.received.map((m) => m.authorization))).toEqual(new Set(['Bearer SG.process-0', 'Bearer SG.process-1']));
    } finally {
      await sql.end();
    }
  }, 120_000);
});
