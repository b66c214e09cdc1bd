import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncClients, tickets } from '../../../drizzle/schema';
import { openPglite, openPostgres, type Database } from '../../../server/db/database';
import type { PushResponse } from '../../../sync/protocol/push';
import { PROTOCOL_VERSION } from '../../../sync/protocol/version';
import { freePort, signInAt, spawnServer, type ServerProcess } from '../../support/server-process';
import { SseReader } from '../../support/sse';
import { createPostgresTestDatabase, drivers } from '../../support/test-database';

const ADMIN = { email: 'ops@example.com', password: 'shutdown test password' };
/** Tickets created by the push; each is also edited in the same push (see below). */
const TICKETS = 250;
const MUTATIONS = TICKETS * 2;

async function waitForHealthz(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    const res = await fetch(`${server.url}/healthz`).catch(() => null);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no /healthz in time:\n${server.output()}`);
}

describe.each(drivers)('the production build on %s', (driver) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tsched-prod-'));
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  const running: ServerProcess[] = [];

  beforeAll(async () => {
    // The same command the Dockerfile and `npm run build` use for the server.
    execFileSync('npm', ['run', 'build:server'], { stdio: 'pipe' });
    if (driver === 'postgres') {
      const created = await createPostgresTestDatabase();
      databaseUrl = created.url;
      dropDatabase = created.drop;
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of running) s.child.kill('SIGKILL');
    await dropDatabase?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const env: Record<string, string> = {
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      BACKUP_INTERVAL_HOURS: '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
    const server = spawnServer(env, { built: true });
    running.push(server);
    await waitForHealthz(server);
    return server;
  };

  const openDatabase = (): Promise<Database> =>
    databaseUrl ? openPostgres(databaseUrl, { max: 1 }) : openPglite({ dataDir: join(dataDir, 'pglite') });

  it('on SIGTERM during a push, finishes that push whole, ends the event streams, and exits cleanly', async () => {
    const server = await start();
    const cookie = await signInAt(server.url, ADMIN.email, ADMIN.password);
    const headers = { 'content-type': 'application/json', origin: server.url, cookie, 'x-sync-protocol': String(PROTOCOL_VERSION) };

    const events = new SseReader(await fetch(`${server.url}/api/sync/events`, { headers: { cookie } }));
    await events.next('presence');

    const clientId = crypto.randomUUID();
    const ids = Array.from({ length: TICKETS }, () => crypto.randomUUID());
    // Each ticket is created and then edited: an edit writes out the inserts held back before it
    // (decision 021), so the push runs a statement at a time and lasts long enough to be cut into.
    const mutations = ids.flatMap((id, i) => [
      { id: 2 * i + 1, name: 'ticket.create', args: { id, title: `Ticket ${i}`, priority: 'medium', description: 'x'.repeat(2_000) }, at: new Date().toISOString() },
      { id: 2 * i + 2, name: 'ticket.update', args: { id, baseVersion: 0, patch: { priority: 'high' } }, at: new Date().toISOString() },
    ]);
    let answeredAt = 0;
    const pushing = fetch(`${server.url}/api/sync/push`, { method: 'POST', headers, body: JSON.stringify({ clientId, mutations }) }).then(
      async (res) => {
        answeredAt = performance.now();
        return { status: res.status, body: (await res.json()) as PushResponse };
      },
      (error: unknown) => {
        answeredAt = performance.now();
        return { status: 0, body: null, error };
      },
    );
    // Long enough for the body to arrive and processing to start; the push takes far longer.
    await new Promise((r) => setTimeout(r, 150));
    const signalledAt = performance.now();
    server.child.kill('SIGTERM');

    const answer = await pushing;
    expect(answeredAt, 'the push was still under way when SIGTERM arrived').toBeGreaterThan(signalledAt);
    expect(await events.ended(10_000)).toBe(true);
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/SIGTERM received[\s\S]*Stopped\./);

    const database = await openDatabase();
    try {
      const stored = await database.db.select({ id: tickets.id }).from(tickets).where(inArray(tickets.id, ids));
      const [client] = await database.db.select().from(syncClients).where(inArray(syncClients.clientId, [clientId]));
      // Wholly applied or not at all — and with a graceful shutdown, wholly applied and answered.
      expect([0, TICKETS]).toContain(stored.length);
      expect(answer.status).toBe(200);
      expect(answer.body?.results.filter((r) => r.status === 'applied')).toHaveLength(MUTATIONS);
      expect(stored).toHaveLength(TICKETS);
      expect(client?.lastMutationId).toBe(MUTATIONS);
    } finally {
      await database.close();
    }
    expect(existsSync(join(dataDir, 'server.lock'))).toBe(false);

    // The data folder was left clean: the next start needs no recovery.
    const next = await start();
    expect(next.output()).not.toMatch(/stale lock|did not shut down cleanly/);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  }, 180_000);
});
