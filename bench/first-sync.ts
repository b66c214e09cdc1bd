/**
 * First sync on a device (issue 11, target 1), against the real server (`server/main.ts` on
 * embedded PGlite, serving the production client build) and Debian's headless Chromium.
 *
 * The server's data directory is seeded directly (SQL through the change-tracking triggers, as
 * any write), then a fresh browser profile signs in through the real sign-in page. Timed from the
 * click on "Sign in":
 *
 *   all rows        until every seeded row is in IndexedDB (counted per table from the page);
 *   first screen    until what a person sees first is there: every user and location, this
 *                   week's shifts and the open tickets;
 *   longest task    the longest main-thread task between the click and the end (PerformanceObserver
 *                   'longtask': only tasks over 50 ms are reported, so 0 means none was);
 *   after reload    the page reloaded once the sync finished must count the same rows (relaxed
 *                   IndexedDB durability must not lose what a transaction acknowledged).
 *
 * Two data sets: 10,000 tickets alone, and a 100,000-row mix (shifts over ±30 weeks, tickets of
 * which a fifth are open, comments, history), written oldest first as a team would have made them,
 * so this week's shifts and the open tickets are the newest changes in the server's change log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { chromium, type Page } from 'playwright-core';
import { hashPassword } from '../server/auth/password';
import { openPglite, pgliteExtensions } from '../server/db/database';
import { freePort, spawnServer, waitUntilListening } from '../tests/support/server-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EMAIL = 'bench@example.com';
const PASSWORD = 'bench first sync password';
const ADMIN_ID = '00000000-0000-4000-8000-000000000001';

export interface FirstSyncMix {
  name: string;
  users: number;
  locations: number;
  /** Shifts per technician and day, one a day over `days` days centred on today. */
  shiftDays: number;
  tickets: number;
  /** Every `openEvery`th ticket is open; the rest are closed. */
  openEvery: number;
  comments: number;
  history: number;
}

export const TEN_THOUSAND_TICKETS: FirstSyncMix = { name: '10,000 tickets', users: 1, locations: 0, shiftDays: 0, tickets: 10_000, openEvery: 5, comments: 0, history: 0 };
/** 50 users, 20 locations, 50 × 420 = 21,000 shifts, 30,000 tickets, 30,000 comments, 19,000 history entries ≈ 100,070 rows. */
export const HUNDRED_THOUSAND_MIX: FirstSyncMix = { name: '100,000 rows', users: 50, locations: 20, shiftDays: 420, tickets: 30_000, openEvery: 5, comments: 30_000, history: 18_930 };

export interface Expected {
  tables: Record<string, number>;
  weekStart: string;
  weekEnd: string;
  weekShifts: number;
  openTickets: number;
}

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of this week, the window the first screen (the week board) shows. */
function thisWeek(now = new Date()): { start: Date; end: Date } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = new Date(today - ((now.getUTCDay() + 6) % 7) * DAY_MS);
  return { start, end: new Date(start.getTime() + 7 * DAY_MS) };
}

/**
 * Writes the data set into a fresh PGlite data directory, in ten slices from oldest to newest (each
 * slice: its shifts, then its tickets, comments and history), so the change log holds them in the
 * order a team would have made them.
 */
async function seed(dataDir: string, mix: FirstSyncMix): Promise<Expected> {
  const database = await openPglite({ instance: new PGlite(dataDir, { extensions: pgliteExtensions() }) });
  try {
    await database.migrate();
    const hash = await hashPassword(PASSWORD);
    await database.rows(sql`insert into users (id, email, name, role, password_hash) values (${ADMIN_ID}::uuid, ${EMAIL}, 'Bench Admin', 'admin', ${hash})`);
    if (mix.users > 1) {
      await database.rows(sql`insert into users (id, email, name, role, password_hash)
        select gen_random_uuid(), 'tech' || g || '@example.com', 'Technician ' || g, 'technician', 'unused' from generate_series(2, ${mix.users}::int) g`);
    }
    if (mix.locations > 0) {
      await database.rows(sql`insert into locations (id, name, address, timezone)
        select gen_random_uuid(), 'Site ' || g, g || ' Main Street', 'UTC' from generate_series(1, ${mix.locations}::int) g`);
    }
    const week = thisWeek();
    const firstDay = new Date(week.start.getTime() - Math.floor(mix.shiftDays / 2) * DAY_MS);
    const slices = 10;
    for (let slice = 0; slice < slices; slice++) {
      const part = (n: number) => [Math.floor((n * slice) / slices), Math.floor((n * (slice + 1)) / slices)] as const;
      const [d0, d1] = part(mix.shiftDays);
      if (d1 > d0) {
        await database.rows(sql`insert into schedules (id, technician_id, location_id, starts_at, ends_at, note)
          select gen_random_uuid(), u.id, (select id from locations order by id offset (d % ${Math.max(mix.locations, 1)}::int) limit 1),
                 ${firstDay.toISOString()}::timestamptz + d * interval '1 day' + interval '8 hours',
                 ${firstDay.toISOString()}::timestamptz + d * interval '1 day' + interval '16 hours', 'Shift'
            from users u cross join generate_series(${d0}::int, ${d1 - 1}::int) d where u.role = 'technician'`);
      }
      const [t0, t1] = part(mix.tickets);
      if (t1 > t0) {
        await database.rows(sql`insert into tickets (id, title, description, priority, status, created_by)
          select gen_random_uuid(), 'Seeded ticket ' || g, repeat('x', 120), 'medium',
                 case when g % ${mix.openEvery}::int = 0 then 'open' else 'closed' end, ${ADMIN_ID}::uuid
            from generate_series(${t0 + 1}::int, ${t1}::int) g`);
      }
      const [c0, c1] = part(mix.comments);
      if (c1 > c0) {
        await database.rows(sql`insert into ticket_comments (id, ticket_id, author_id, body)
          select gen_random_uuid(), t.id, ${ADMIN_ID}::uuid, 'A comment about the work, long enough to be a real note. ' || t.n
            from (select id, row_number() over (order by version) as n from tickets) t
            join generate_series(${c0 + 1}::int, ${c1}::int) g on t.n = 1 + (g % (select count(*) from tickets))`);
      }
      const [h0, h1] = part(mix.history);
      if (h1 > h0) {
        await database.rows(sql`insert into ticket_history (id, ticket_id, actor_id, field, from_value, to_value)
          select gen_random_uuid(), t.id, ${ADMIN_ID}::uuid, 'status', 'open', 'closed'
            from (select id, row_number() over (order by version) as n from tickets) t
            join generate_series(${h0 + 1}::int, ${h1}::int) g on t.n = 1 + (g % (select count(*) from tickets))`);
      }
    }
    const count = async (query: ReturnType<typeof sql>) => Number((await database.rows<{ n: number }>(query))[0]?.n ?? 0);
    const tables: Record<string, number> = {
      user: await count(sql`select count(*)::int as n from users`),
      location: await count(sql`select count(*)::int as n from locations`),
      schedule: await count(sql`select count(*)::int as n from schedules`),
      ticket: await count(sql`select count(*)::int as n from tickets`),
      comment: await count(sql`select count(*)::int as n from ticket_comments`),
      ticketHistory: await count(sql`select count(*)::int as n from ticket_history`),
    };
    return {
      tables,
      weekStart: week.start.toISOString(),
      weekEnd: week.end.toISOString(),
      weekShifts: await count(sql`select count(*)::int as n from schedules where starts_at >= ${week.start.toISOString()}::timestamptz and starts_at < ${week.end.toISOString()}::timestamptz`),
      openTickets: await count(sql`select count(*)::int as n from tickets where status in ('open', 'in_progress', 'pending') and archived_at is null`),
    };
  } finally {
    await database.close();
  }
}

export interface FirstSyncFigures {
  rows: number;
  /** From the sign-in click until every row is in IndexedDB. */
  allRowsMs: number;
  /** From the click until users, locations, this week's shifts and the open tickets are in IndexedDB. */
  firstScreenMs: number;
  /** The longest main-thread task from the click to the end (0: none over 50 ms). */
  longestTaskMs: number;
  longTasks: number;
  rowsAfterReload: number;
}

/**
 * Counts what is in the device database, from the page, with a connection of its own. Kept as text:
 * tsx would wrap named functions in a helper the page does not have.
 */
const COUNT_IN_PAGE = `async ({ dbName, weekStart, weekEnd, names }) => {
  // Opening a database that does not exist yet would create it empty, ahead of the app's Dexie.
  const known = await indexedDB.databases();
  if (!known.some((d) => d.name === dbName)) return null;
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    const stores = names.filter((n) => db.objectStoreNames.contains(n));
    if (stores.length < names.length) return null;
    const tx = db.transaction(stores, 'readonly');
    const ask = (req) => new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tables = {};
    for (const n of stores) tables[n] = await ask(tx.objectStore(n).count());
    const weekShifts = await ask(tx.objectStore('schedule').index('start').count(IDBKeyRange.bound(weekStart, weekEnd, false, true)));
    let openTickets = 0;
    for (const s of ['open', 'in_progress', 'pending']) openTickets += await ask(tx.objectStore('ticket').index('status').count(s));
    return { tables, weekShifts, openTickets };
  } finally {
    db.close();
  }
}`;

interface Counts {
  tables: Record<string, number>;
  weekShifts: number;
  openTickets: number;
}

async function countInPage(page: Page, dbName: string, expected: Expected): Promise<Counts | null> {
  const args = { dbName, weekStart: expected.weekStart, weekEnd: expected.weekEnd, names: Object.keys(expected.tables) };
  return page.evaluate(`(${COUNT_IN_PAGE})(${JSON.stringify(args)})`) as Promise<Counts | null>;
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

async function measure(baseUrl: string, expected: Expected): Promise<FirstSyncFigures> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    if (process.env.BENCH_VERBOSE) page.on('console', (m) => console.log(`[page] ${m.text()}`));
    await context.addInitScript(`
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    `);
    await page.goto('/sign-in');
    // A person takes a few seconds to type: by the click the sign-in page has loaded and its
    // service worker has installed (it precaches the app), so that work is not counted as the sync's.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    const dbName = `technician-scheduler-${ADMIN_ID}`;
    const total = sum(expected.tables);
    const clickedAt = Date.now();
    if (process.env.BENCH_VERBOSE) {
      page.on('request', (r) => {
        if (r.url().includes('/api/')) console.log(`  ${Date.now() - clickedAt} ms  → ${r.method()} ${new URL(r.url()).pathname}`);
      });
      page.on('requestfinished', (r) => {
        if (r.url().includes('/api/')) console.log(`  ${Date.now() - clickedAt} ms  ← ${new URL(r.url()).pathname} (${Math.round(r.timing().responseStart)} ms to first byte)`);
      });
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    let firstScreenMs = NaN;
    let allRowsMs = NaN;
    const deadline = clickedAt + 120_000;
    while (Date.now() < deadline) {
      const counts = await countInPage(page, dbName, expected);
      const now = Date.now() - clickedAt;
      if (counts) {
        if (Number.isNaN(firstScreenMs) && counts.tables.user === expected.tables.user && counts.tables.location === expected.tables.location && counts.weekShifts === expected.weekShifts && counts.openTickets === expected.openTickets) firstScreenMs = now;
        if (sum(counts.tables) === total) {
          allRowsMs = now;
          break;
        }
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    if (Number.isNaN(allRowsMs)) throw new Error(`first sync: not all ${total} rows arrived in 120 s`);
    // Until the poll saw them: a task that ran after the last row landed is not the sync's.
    const tasks = ((await page.evaluate('window.__longTasks')) as { start: number; duration: number }[]).filter((t) => t.start >= clickedAt && t.start <= clickedAt + allRowsMs);
    const longestTaskMs = Math.round(Math.max(0, ...tasks.map((t) => t.duration)));
    if (process.env.BENCH_VERBOSE) console.log('long tasks', tasks.map((t) => `${Math.round(t.start - clickedAt)}+${Math.round(t.duration)}`).join(' '));
    // Let the replicator finish its cycle, then reload: what IndexedDB acknowledged must still be there.
    await page.waitForTimeout(1000);
    await page.reload();
    await page.locator('main.content').waitFor();
    const after = await countInPage(page, dbName, expected);
    const rowsAfterReload = after ? sum(after.tables) : 0;
    if (rowsAfterReload !== total) throw new Error(`first sync: ${rowsAfterReload} of ${total} rows after a reload`);
    return { rows: total, allRowsMs, firstScreenMs, longestTaskMs, longTasks: tasks.length, rowsAfterReload };
  } finally {
    await browser.close();
  }
}

/** Seeds `mix` into a new server's data directory, starts the server, and measures one first sync. */
export async function firstSyncBenchmark(mix: FirstSyncMix): Promise<FirstSyncFigures & { expected: Expected }> {
  execSync('node scripts/ensure-client-build.mjs', { stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'tsched-first-sync-'));
  try {
    const expected = await seed(join(dataDir, 'pglite'), mix);
    // No automatic backup: on a first start it would write one at once, while the device signs in.
    const server = spawnServer({ PORT: String(await freePort()), DATA_DIR: dataDir, ADMIN_EMAIL: EMAIL, ADMIN_PASSWORD: PASSWORD, BACKUP_INTERVAL_HOURS: '0' });
    try {
      await waitUntilListening(server, 120_000);
      const figures = await measure(server.url, expected);
      return { ...figures, expected };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
