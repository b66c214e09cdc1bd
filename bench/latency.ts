/**
 * Write to another device (issue 11, target 4), measured end to end in headless Chromium against the
 * real server (`server/main.ts` on embedded PGlite, serving the production client build):
 *
 * Two browser contexts are two phones, signed in as two technicians, A and B, both running the app.
 * A sits on a ticket's page and sends a comment through the app's own path (the "Send comment"
 * button: Dexie queue, replicator push); B sits on Home. Timed from A's click to the moment the
 * comment is a row in B's IndexedDB, which B's page checks on every animation frame and whenever
 * B's replicator tells its tabs that a sync finished (its BroadcastChannel). 100 trials.
 *
 * Each trial is also split at the points the pages can see (Resource Timing for A's push and B's
 * pulls, and B's poke, by wrapping EventSource before the app starts): click → A's push sent,
 * push sent → poke at B, poke → B's pull sent, B's pull(s), pull answered → row seen. (A's push
 * answer can come after the poke: the NOTIFY goes out at commit.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PROTOCOL_VERSION } from '../sync/protocol/version';
import { freePort, signInAt, spawnServer, waitUntilListening } from '../tests/support/server-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ADMIN = { email: 'bench-latency@example.com', password: 'bench latency admin password' };
const PASSWORD = 'bench latency technician password';

export interface LatencyBreakdown {
  /** Click → A's push request starts (the device writes locally, then the replicator sends). */
  clickToPushMs: number;
  /** A's push sent → the poke arrives at B (the push applied and committed, NOTIFY, the poke pacing, SSE). */
  pushToPokeMs: number;
  /** Poke → B's first pull request starts. */
  pokeToPullMs: number;
  /** B's pull requests, first sent → last answered. */
  pullMs: number;
  /** Last pull answered → the row seen in B's IndexedDB. */
  pullToRowMs: number;
}

export interface WriteLatencyFigures {
  trials: number;
  totalsMs: number[];
  p50: number;
  p99: number;
  max: number;
  /** The median of each step over the trials where every step was seen. */
  medianBreakdown: LatencyBreakdown;
  breakdownTrials: number;
}

async function createTechnician(url: string, adminCookie: string, name: string): Promise<{ id: string; email: string }> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}@bench.example.com`;
  const res = await fetch(`${url}/api/users`, {
    method: 'POST',
    headers: { cookie: adminCookie, origin: url, 'content-type': 'application/json' },
    body: JSON.stringify({ email, name, password: PASSWORD, role: 'technician' }),
  });
  if (res.status !== 201) throw new Error(`creating ${name}: HTTP ${res.status} ${await res.text()}`);
  const { user } = (await res.json()) as { user: { id: string } };
  return { id: user.id, email };
}

/** A ticket for A to comment on, made through sync as any device would. */
async function createTicket(url: string, cookie: string): Promise<string> {
  const id = crypto.randomUUID();
  const res = await fetch(`${url}/api/sync/push`, {
    method: 'POST',
    headers: { cookie, origin: url, 'content-type': 'application/json', 'x-sync-protocol': String(PROTOCOL_VERSION) },
    body: JSON.stringify({ clientId: crypto.randomUUID(), mutations: [{ id: 1, name: 'ticket.create', args: { id, title: 'Walk-in freezer alarm', priority: 'high' }, at: new Date().toISOString() }] }),
  });
  const text = await res.text();
  if (res.status !== 200 || !text.includes('"applied"')) throw new Error(`creating the ticket: HTTP ${res.status} ${text}`);
  return id;
}

/** Records, in the page, each poke the app's event stream receives (the app's own listeners are untouched). */
function recordPokes(): void {
  const Original = window.EventSource;
  const pokes: number[] = [];
  (window as unknown as { __pokes: number[] }).__pokes = pokes;
  window.EventSource = class extends Original {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      this.addEventListener('poke', () => pokes.push(performance.timeOrigin + performance.now()));
    }
  };
}

async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  await page.locator('main.content').waitFor();
  return page;
}

/**
 * Arms B's page to notice a comment with this body in its IndexedDB; the promise it leaves in
 * `window.__seen` resolves with the wall-clock time (ms, sub-millisecond) it was first seen.
 */
async function armWatcher(page: Page, dbName: string, userId: string, ticketId: string, body: string): Promise<void> {
  await page.evaluate(
    ({ dbName, userId, ticketId, body }) => {
      const w = window as unknown as { __seen: Promise<number> };
      w.__seen = new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onblocked = () => reject(new Error(`opening ${dbName} is blocked`));
        let opened = false;
        setTimeout(() => opened || reject(new Error(`${dbName} did not open within 10 s`)), 10_000);
        open.onerror = () => reject(new Error(`cannot open ${dbName}`));
        open.onsuccess = () => {
          opened = true;
          const db = open.result;
          let checks = 0;
          let lastRows: unknown[] = [];
          const channel = new BroadcastChannel(`technician-scheduler-sync-${userId}`);
          let done = false;
          let checking = false;
          const finish = (at: number) => {
            done = true;
            channel.close();
            db.close();
            resolve(at);
          };
          const check = () => {
            if (done || checking) return;
            checking = true;
            checks++;
            const request = db.transaction('comment', 'readonly').objectStore('comment').index('ticketId').getAll(ticketId);
            request.onsuccess = () => {
              checking = false;
              const rows = request.result as { body?: string }[];
              lastRows = rows;
              if (rows.some((r) => r.body === body)) finish(performance.timeOrigin + performance.now());
            };
            request.onerror = () => {
              checking = false;
            };
          };
          const frame = () => {
            if (done) return;
            check();
            requestAnimationFrame(frame);
          };
          // The replicator's leader says "changed" to its other tabs when a sync has finished.
          channel.onmessage = check;
          requestAnimationFrame(frame);
          setTimeout(() => {
            if (!done) {
              done = true;
              channel.close();
              db.close();
              reject(new Error(`comment "${body}" not in IndexedDB after 10 s (${checks} checks; comments on the ticket: ${JSON.stringify(lastRows)})`));
            }
          }, 10_000);
        };
      });
    },
    { dbName, userId, ticketId, body },
  );
}

const resourceTimes = (page: Page, path: string, since: number) =>
  page.evaluate(
    ({ path, since }) =>
      performance
        .getEntriesByType('resource')
        .filter((e): e is PerformanceResourceTiming => 'responseEnd' in e)
        .filter((e) => new URL(e.name).pathname === path)
        .map((e) => ({ start: performance.timeOrigin + e.startTime, end: performance.timeOrigin + e.responseEnd }))
        .filter((e) => e.start >= since),
    { path, since },
  );

const quantile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
};
const r1 = (ms: number) => Math.round(ms * 10) / 10;

export async function writeLatencyBenchmark(trials = 100): Promise<WriteLatencyFigures> {
  execSync('node scripts/ensure-client-build.mjs', { stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'tsched-bench-latency-'));
  const server = spawnServer({ PORT: String(await freePort()), DATA_DIR: dataDir, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, BACKUP_INTERVAL_HOURS: '0' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
  try {
    await waitUntilListening(server);
    const adminCookie = await signInAt(server.url, ADMIN.email, ADMIN.password);
    const a = await createTechnician(server.url, adminCookie, 'Alex Field');
    const b = await createTechnician(server.url, adminCookie, 'Blair Field');
    const ticketId = await createTicket(server.url, adminCookie);

    const contextA = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 } });
    const contextB = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 } });
    // tsx compiles the functions handed to the pages with esbuild's keepNames, which wraps named
    // functions in a `__name` helper the pages do not have.
    for (const context of [contextA, contextB]) await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await contextB.addInitScript(recordPokes);
    const pageA = await signIn(contextA, a.email);
    const pageB = await signIn(contextB, b.email);
    // Resource Timing keeps 250 entries by default; B pulls at least once a trial.
    await pageA.evaluate(() => performance.setResourceTimingBufferSize(100_000));
    await pageB.evaluate(() => performance.setResourceTimingBufferSize(100_000));
    await pageA.goto(`/tickets/${ticketId}`);
    const box = pageA.getByLabel('Add a comment');
    await box.waitFor();
    const send = pageA.getByRole('button', { name: 'Send comment' });
    await pageA.evaluate(() => {
      const w = window as unknown as { __clickAt: number };
      document.addEventListener('click', () => (w.__clickAt = performance.timeOrigin + performance.now()), { capture: true });
    });

    const totals: number[] = [];
    const steps: LatencyBreakdown[] = [];
    // Two warm-up trials (first chunks, first pushes) are not counted.
    const log = (m: string) => process.env.BENCH_VERBOSE && console.log(`latency: ${m}`);
    const dbB = `technician-scheduler-${b.id}`;
    log('both phones signed in');
    for (let trial = -2; trial < trials; trial++) {
      const body = `Trial ${trial}: compressor checked ${crypto.randomUUID()}`;
      await box.fill(body);
      await armWatcher(pageB, dbB, b.id, ticketId, body);
      await send.click();
      const seenAt = await pageB.evaluate(() => (window as unknown as { __seen: Promise<number> }).__seen);
      const clickAt = await pageA.evaluate(() => (window as unknown as { __clickAt: number }).__clickAt);
      if (trial < 0) continue;
      totals.push(seenAt - clickAt);

      const pushes = await resourceTimes(pageA, '/api/sync/push', clickAt);
      const pulls = (await resourceTimes(pageB, '/api/sync/pull', clickAt)).filter((p) => p.end <= seenAt);
      const pokes = (await pageB.evaluate(() => (window as unknown as { __pokes: number[] }).__pokes)).filter((t) => t >= clickAt && t <= seenAt);
      const push = pushes[0];
      const poke = pokes.find((t) => push && t >= push.start);
      const after = pulls.filter((p) => poke !== undefined && p.start >= poke);
      const firstPull = after[0];
      const lastPull = after.at(-1);
      if (push && poke !== undefined && firstPull && lastPull) {
        steps.push({
          clickToPushMs: push.start - clickAt,
          pushToPokeMs: poke - push.start,
          pokeToPullMs: firstPull.start - poke,
          pullMs: lastPull.end - firstPull.start,
          pullToRowMs: seenAt - lastPull.end,
        });
      }
      // A person does not comment every few milliseconds; let both devices go idle between trials.
      await pageA.waitForTimeout(150 + Math.random() * 100);
    }
    const median = (pick: (s: LatencyBreakdown) => number) => r1(quantile(steps.map(pick), 0.5));
    return {
      trials,
      totalsMs: totals.map(r1),
      p50: r1(quantile(totals, 0.5)),
      p99: r1(quantile(totals, 0.99)),
      max: r1(Math.max(...totals)),
      breakdownTrials: steps.length,
      medianBreakdown: {
        clickToPushMs: median((s) => s.clickToPushMs),
        pushToPokeMs: median((s) => s.pushToPokeMs),
        pokeToPullMs: median((s) => s.pokeToPullMs),
        pullMs: median((s) => s.pullMs),
        pullToRowMs: median((s) => s.pullToRowMs),
      },
    };
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
