import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, signInAt, spawnServer, waitUntilListening, type ServerProcess } from '../../support/server-process';

const ADMIN = { email: 'boss@example.com', password: 'crash test password' };

const signIn = (url: string) => signInAt(url, ADMIN.email, ADMIN.password);

describe('the embedded database across crashes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tsched-crash-'));
  const running: ServerProcess[] = [];
  const start = async () => {
    const env = { PORT: String(await freePort()), DATA_DIR: dataDir, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
    const server = spawnServer(env);
    running.push(server);
    return server;
  };
  afterAll(() => {
    for (const s of running) s.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write and the sessions through kill -9, and refuses a second server on the same DATA_DIR', async () => {
    const first = await start();
    await waitUntilListening(first);

    const second = await start();
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`is in use by another server (process ${first.child.pid})`);

    const cookie = await signIn(first.url);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const email = `tech${i}@example.com`;
        const res = await fetch(`${first.url}/api/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: first.url, cookie },
          body: JSON.stringify({ email, name: `Tech ${i}`, password: 'long enough password', role: 'technician' }),
        }).catch(() => null);
        if (res?.status === 201) acknowledged.push(email);
        else break;
      }
    })();
    while (acknowledged.length < 25) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    stop = true;
    await writer;
    await first.exited;
    // PGlite's own lock file is left behind; the next start must clear it rather than hang.
    expect(existsSync(join(dataDir, 'pglite', 'postmaster.pid'))).toBe(true);

    const restarted = await start();
    await waitUntilListening(restarted);
    expect(restarted.output()).toMatch(/Removing stale lock/);
    const res = await fetch(`${restarted.url}/api/users`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const { users } = (await res.json()) as { users: { email: string }[] };
    const stored = new Set(users.map((u) => u.email));
    const missing = acknowledged.filter((e) => !stored.has(e));
    expect(missing).toEqual([]);
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
    expect(existsSync(join(dataDir, 'server.lock'))).toBe(false);
  }, 120_000);
});
