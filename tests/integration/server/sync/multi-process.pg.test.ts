import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../../sync/protocol/version';
import type { PullResponse } from '../../../../sync/protocol/pull';
import { freePort, signInAt, spawnServer, waitUntilListening, type ServerProcess } from '../../../support/server-process';
import { SseReader } from '../../../support/sse';
import { createPostgresTestDatabase, drivers } from '../../../support/test-database';

const ADMIN = { email: 'dispatch@example.com', password: 'two servers one db' };
const headers = (url: string, cookie: string) => ({ 'content-type': 'application/json', origin: url, cookie, 'x-sync-protocol': String(PROTOCOL_VERSION) });

const signIn = (url: string) => signInAt(url, ADMIN.email, ADMIN.password);

/** Two server processes behind a pretend load balancer, one Postgres: they must stay in step. */
describe.runIf(drivers.includes('postgres'))('two server processes on one Postgres', () => {
  let database: { url: string; drop: () => Promise<void> };
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    for (let i = 0; i < 2; i++) {
      servers.push(spawnServer({ PORT: String(await freePort()), DATABASE_URL: database.url, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }));
    }
    await Promise.all(servers.map((s) => waitUntilListening(s)));
  }, 90_000);
  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
    await database.drop();
  });

  it('a push to one reaches an event stream on the other as a poke within a second, and either pull sees it', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const cookieA = await signIn(a.url);
    const cookieB = await signIn(b.url);
    const stream = await fetch(`${b.url}/api/sync/events`, { headers: { cookie: cookieB } });
    expect(stream.status).toBe(200);
    const events = new SseReader(stream);
    await events.next('presence');
    events.clear();

    const ticketId = crypto.randomUUID();
    const started = Date.now();
    const push = await fetch(`${a.url}/api/sync/push`, {
      method: 'POST',
      headers: headers(a.url, cookieA),
      body: JSON.stringify({ clientId: crypto.randomUUID(), mutations: [{ id: 1, name: 'ticket.create', args: { id: ticketId, title: 'Across servers', priority: 'high' }, at: new Date().toISOString() }] }),
    });
    expect(push.status).toBe(200);
    await events.next('poke', 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);

    for (const server of [a, b]) {
      const cookie = server === a ? cookieA : cookieB;
      const res = await fetch(`${server.url}/api/sync/pull?clientId=${crypto.randomUUID()}`, { headers: headers(server.url, cookie) });
      const body = (await res.json()) as PullResponse;
      expect(body.changes.some((c) => c.entity === 'ticket' && c.id === ticketId)).toBe(true);
    }

    // Presence crosses processes too: a technician connected to A shows up on B's stream.
    const created = await fetch(`${a.url}/api/users`, {
      method: 'POST',
      headers: headers(a.url, cookieA),
      body: JSON.stringify({ email: 'field@example.com', name: 'Field Tech', password: 'field tech password', role: 'technician' }),
    });
    const techId = ((await created.json()) as { user: { id: string } }).user.id;
    const techCookie = await signInAt(a.url, 'field@example.com', 'field tech password');
    events.clear();
    const streamA = await fetch(`${a.url}/api/sync/events`, { headers: { cookie: techCookie } });
    const presence = JSON.parse((await events.next('presence', 2_000)).data) as { online: string[] };
    expect(presence.online).toContain(techId);
    await streamA.body?.cancel();
    await events.close();
  }, 60_000);

  it('a logout through one ends the event stream that session holds on the other within a second or two', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const cookie = await signIn(b.url);
    const stream = await fetch(`${b.url}/api/sync/events`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    const events = new SseReader(stream);
    await events.next('presence');
    const logout = await fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers: { origin: a.url, cookie } });
    expect(logout.status).toBe(204);
    expect(await events.ended(2_000)).toBe(true);
  }, 30_000);
});
