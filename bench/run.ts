/**
 * `npm run bench`: sync benchmarks on embedded PGlite and, when reachable, real PostgreSQL.
 *
 *   push throughput   mutations/s through POST /api/sync/push (in-process, app.request) in batches
 *                     of 1, 10 and 100, next to two raw limits measured in the same run: single-row
 *                     INSERTs through the same driver, committed in the push handler's grouping
 *                     (one transaction per batch), into a trigger-less copy of tickets and into
 *                     tickets itself. `npm run bench -- push` runs these alone.
 *   first pull        a device's first sync of 10,000 and 100,000 rows: rows/s, bytes, peak RSS.
 *   incremental pull  100 changes pulled with 10,000 vs 100,000 rows stored.
 *
 *   week board        (Chromium) the real WeekBoard with 300 technicians and 2,000 shifts a week:
 *                     first render once the rows are loaded, and moving to the next week.
 *
 *   ticket list       (Chromium) the real ticket query and list with 10,000 tickets: searching,
 *                     filtering by status and sorting, each to the next layout.
 *
 *   first sync        (Chromium, the real server and client build) a new device signing in to a
 *                     team with 10,000 tickets, and with a 100,000-row mix: until every row is in
 *                     IndexedDB, until the first screen's data is, and the longest main-thread task
 *                     on the way: see bench/first-sync.ts.
 *
 *   initial-js, lighthouse, cold-start   (Chromium, the real server and client build) the first
 *                     load on a phone: see bench/first-load.ts.
 *
 *   many devices      50 simulated devices (own users, sessions, clientIds, event streams) pushing
 *                     and pulling against one real server process for 30 s: see bench/devices.ts.
 *   write latency     (Chromium, the real server and client build) a comment sent on phone A until it
 *                     is a row in phone B's IndexedDB, 100 trials: see bench/latency.ts.
 *
 * `npm run bench` runs all; `npm run bench -- sync` (or push, devices, latency, board, tickets,
 * first-sync, initial-js, lighthouse, cold-start) one group.
 * Results: printed as a table and merged into bench/results/latest.json (a group replaces its own rows).
 * Postgres: BENCH_POSTGRES_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { sql } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { tickets, users } from '../drizzle/schema';
import type { Driver } from '../server/db/database';
import type { PullResponse } from '../sync/protocol/pull';
import { PROTOCOL_VERSION } from '../sync/protocol/version';
import { boardBenchmark } from './board';
import { firstSyncBenchmark, HUNDRED_THOUSAND_MIX, TEN_THOUSAND_TICKETS } from './first-sync';
import { DEFAULT_DEVICES_OPTIONS, devicesBenchmark } from './devices';
import { writeLatencyBenchmark } from './latency';
import { coldStartOffline, initialJs, lighthouseBoth, startFirstLoadServer } from './first-load';
import { ticketListBenchmark } from './tickets';
import { startBenchServer, withPeakMemory, type BenchServer } from './harness';

const headers = (s: BenchServer) => ({ 'content-type': 'application/json', origin: 'http://localhost', cookie: s.cookie, 'x-sync-protocol': String(PROTOCOL_VERSION) });

interface Row {
  driver: Driver | 'chromium';
  benchmark: string;
  value: number;
  unit: string;
  note?: string;
}
const results: Row[] = [];
const record = (row: Row) => {
  results.push(row);
  console.log(`${row.driver.padEnd(8)} ${row.benchmark.padEnd(42)} ${String(row.value).padStart(10)} ${row.unit}${row.note ? `  (${row.note})` : ''}`);
};

/** `assigneeId`: each ticket is assigned to this user, so each mutation also writes a mail to the outbox. */
async function pushThroughput(s: BenchServer, batch: number, total: number, assigneeId?: string): Promise<number> {
  const clientId = crypto.randomUUID();
  let next = 1;
  const started = performance.now();
  while (next <= total) {
    const mutations = Array.from({ length: batch }, () => ({
      id: next++,
      name: 'ticket.create',
      args: { id: crypto.randomUUID(), title: 'Bench ticket', priority: 'low', ...(assigneeId ? { assigneeId } : {}) },
      at: new Date().toISOString(),
    }));
    const res = await s.app.request('/api/sync/push', { method: 'POST', headers: headers(s), body: JSON.stringify({ clientId, mutations }) });
    if (res.status !== 200) throw new Error(`push ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  }
  return (total / (performance.now() - started)) * 1000;
}

/**
 * The tickets table's columns and defaults without its change-tracking trigger, constraints or
 * indexes but the key (issue 11's baseline: plain INSERTs into a trigger-less table). Created in
 * the bench database only.
 */
const benchRaw = pgTable('bench_raw', { id: uuid('id').primaryKey(), title: text('title').notNull(), priority: text('priority').notNull() });

async function createBenchRaw(s: BenchServer): Promise<void> {
  await s.database.rows(sql`create table bench_raw (like tickets including defaults)`);
  await s.database.rows(sql`alter table bench_raw add primary key (id)`);
}

/**
 * The raw limit: single-row INSERTs through the same driver, `perTransaction` to a commit, as a
 * push batch commits; into the real tickets table (trigger and NOTIFY included) or into bench_raw.
 */
async function rawInsertRate(s: BenchServer, total: number, perTransaction: number, table: typeof tickets | typeof benchRaw): Promise<number> {
  const started = performance.now();
  for (let done = 0; done < total; done += perTransaction) {
    await s.database.db.transaction(async (tx) => {
      for (let i = 0; i < perTransaction; i++) {
        await tx.insert(table).values({ id: crypto.randomUUID(), title: 'Raw ticket', priority: 'low' });
      }
    });
  }
  return (total / (performance.now() - started)) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const percent = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

/** Push next to both raw limits, in batches of 1, 10 and 100, and push when every mutation mails. */
async function pushBenchmarks(driver: Driver, pgUrl: string | undefined): Promise<void> {
  const s = await startBenchServer(driver, pgUrl);
  try {
    await createBenchRaw(s);
    let plain = 0;
    for (const batch of [1, 10, 100]) {
      // Three interleaved rounds, median of each: load from elsewhere on a shared machine then
      // weighs on all three measures alike instead of on whichever ran during a spike.
      const total = batch === 1 ? 300 : 1500;
      const runs = { bare: [] as number[], raw: [] as number[], push: [] as number[] };
      for (let round = 0; round < 3; round++) {
        runs.bare.push(await rawInsertRate(s, total, batch, benchRaw));
        runs.raw.push(await rawInsertRate(s, total, batch, tickets));
        runs.push.push(await pushThroughput(s, batch, total));
      }
      const bare = median(runs.bare);
      const raw = median(runs.raw);
      plain = median(runs.push);
      const spread = (xs: number[]) => `runs ${xs.map(Math.round).join(', ')}`;
      record({ driver, benchmark: `raw INSERTs without trigger, ${batch} per transaction`, value: Math.round(bare), unit: 'rows/s', note: spread(runs.bare) });
      record({ driver, benchmark: `raw single-row INSERTs, ${batch} per transaction`, value: Math.round(raw), unit: 'rows/s', note: `into tickets: change-tracking trigger and NOTIFY; ${spread(runs.raw)}` });
      record({ driver, benchmark: `push, batches of ${batch}`, value: Math.round(plain), unit: 'mutations/s', note: `${percent(plain, bare)} of raw without trigger, ${percent(plain, raw)} of raw with trigger; ${spread(runs.push)}` });
    }
    // Every ticket assigned to someone: each mutation also looks up names and settings and writes a mail.
    const [tech] = await s.database.db.insert(users).values({ email: 'bench-tech@example.com', name: 'Bench Tech', role: 'technician', passwordHash: 'unused' }).returning({ id: users.id });
    const mailing = await pushThroughput(s, 100, 3000, tech?.id);
    record({ driver, benchmark: 'push, batches of 100, each mailing', value: Math.round(mailing), unit: 'mutations/s', note: `${percent(mailing, plain)} of plain push` });
  } finally {
    await s.close();
  }
}

/** Bulk-loads tickets (through the triggers, like any write) until the table holds `count` rows. */
async function seedTickets(s: BenchServer, count: number): Promise<void> {
  const [{ n } = { n: 0 }] = await s.database.rows<{ n: number }>(sql`select count(*)::int as n from tickets`);
  for (let have = n; have < count; ) {
    const chunk = Math.min(5_000, count - have);
    await s.database.rows(sql`insert into tickets (id, title, description, priority)
      select gen_random_uuid(), 'Seeded ticket ' || g, repeat('x', 120), 'medium' from generate_series(1, ${chunk}) g`);
    have += chunk;
  }
}

async function pullAll(s: BenchServer, cursor?: string): Promise<{ rows: number; bytes: number; cursor: string }> {
  const clientId = crypto.randomUUID();
  let rows = 0;
  let bytes = 0;
  let at = cursor;
  for (;;) {
    const q = new URLSearchParams({ clientId, limit: '5000', ...(at ? { cursor: at } : {}) });
    const res = await s.app.request(`/api/sync/pull?${q}`, { headers: headers(s) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`pull ${res.status}: ${text}`);
    bytes += text.length;
    const body = JSON.parse(text) as PullResponse;
    rows += body.changes.length;
    at = body.cursor;
    if (!body.hasMore) return { rows, bytes, cursor: at };
  }
}

async function pullBenchmarks(s: BenchServer, size: number): Promise<void> {
  await seedTickets(s, size);
  const { result, peakMb } = await withPeakMemory(async () => {
    const started = performance.now();
    const pulled = await pullAll(s);
    return { ...pulled, ms: performance.now() - started };
  });
  record({ driver: s.driver, benchmark: `first pull, ${size} rows stored`, value: Math.round((result.rows / result.ms) * 1000), unit: 'rows/s', note: `${result.rows} rows, ${(result.bytes / 1e6).toFixed(1)} MB, ${Math.round(result.ms)} ms, peak RSS ${peakMb} MB` });

  await s.database.rows(sql`update tickets set priority = 'high' where id in (select id from tickets order by id limit 100)`);
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const incremental = await pullAll(s, result.cursor);
    runs.push(performance.now() - started);
    if (incremental.rows !== 100) throw new Error(`expected 100 changes, got ${incremental.rows}`);
  }
  runs.sort((a, b) => a - b);
  record({ driver: s.driver, benchmark: `incremental pull of 100 changes, ${size} stored`, value: Number((runs[2] ?? 0).toFixed(1)), unit: 'ms (median of 5)' });
}

async function postgresUrl(): Promise<string | undefined> {
  const candidate = process.env.BENCH_POSTGRES_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const probe = postgres(candidate, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await probe`select 1`;
    return candidate;
  } catch {
    return undefined;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

interface SyncTarget {
  drivers: Driver[];
  pgUrl: string | undefined;
}

async function syncTargets(): Promise<SyncTarget> {
  const pgUrl = await postgresUrl();
  if (!pgUrl) console.log('No PostgreSQL reachable: PGlite only.');
  return { drivers: pgUrl ? ['pglite', 'postgres'] : ['pglite'], pgUrl };
}

async function pushGroup() {
  const { drivers, pgUrl } = await syncTargets();
  for (const driver of drivers) await pushBenchmarks(driver, pgUrl);
}

async function syncBenchmarks() {
  const { drivers, pgUrl } = await syncTargets();
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
  for (const driver of drivers) {
    await pushBenchmarks(driver, pgUrl);
    for (const size of sizes) {
      const fresh = await startBenchServer(driver, pgUrl);
      try {
        await pullBenchmarks(fresh, size);
      } finally {
        await fresh.close();
      }
    }
  }
}

async function boardBenchmarks() {
  // BENCH_RUNS: more fresh pages for a steadier median on a busy machine.
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const figures = await boardBenchmark(300, 2000, runs);
  const unit = `ms (median of ${runs})`;
  record({ driver: 'chromium', benchmark: 'week board, first render (300 people, 2,000 shifts)', value: figures.firstRenderMs, unit, note: 'target < 50 ms' });
  record({ driver: 'chromium', benchmark: 'week board, next week (2,000 shifts)', value: figures.nextWeekMs, unit, note: 'target < 50 ms' });
  record({ driver: 'chromium', benchmark: 'week board, scroll to the last of 300 rows', value: figures.scrollToEndMs, unit, note: 'until the last row is drawn (whole frames)' });
  record({ driver: 'chromium', benchmark: 'week board, first render, main-thread CPU', value: figures.firstRenderCpuMs, unit, note: 'the work itself, without waits for a CPU' });
  record({ driver: 'chromium', benchmark: 'week board, next week, main-thread CPU', value: figures.nextWeekCpuMs, unit, note: 'the work itself, without waits for a CPU' });
}

async function ticketListBenchmarks() {
  const f = await ticketListBenchmark();
  const row = (benchmark: string, value: number, note = 'target < 50 ms') => record({ driver: 'chromium', benchmark, value, unit: 'ms (median of 5)', note });
  row('ticket list, first render (10,000 tickets)', f.firstRenderMs, 'once the rows are on the device');
  row('ticket list, search "boil" (10,000)', f.searchMs);
  row('ticket list, refine search (10,000)', f.searchRefineMs);
  row('ticket list, clear search (10,000)', f.searchClearMs);
  row('ticket list, status filter (10,000)', f.statusFilterMs);
  row('ticket list, sort by last update (10,000)', f.sortMs);
  row('ticket list, query alone (10,000)', f.queryOnlyMs, 'filtering and sorting without drawing');
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

async function withFirstLoadServer(run: (baseUrl: string) => Promise<void>): Promise<void> {
  const s = await startFirstLoadServer();
  try {
    await run(s.server.url);
  } finally {
    await s.stop();
  }
}

async function initialJsBenchmarks() {
  await withFirstLoadServer(async (url) => {
    const { signIn, afterSignIn } = await initialJs(url);
    record({ driver: 'chromium', benchmark: 'initial JS before sign-in, gzip', value: kb(signIn.gzipBytes), unit: 'KB', note: `target ≤ 120 KB; ${signIn.files} files, ${kb(signIn.rawBytes)} KB uncompressed` });
    record({ driver: 'chromium', benchmark: 'initial JS before sign-in, as sent', value: kb(signIn.sentBytes), unit: 'KB', note: 'brotli, by content negotiation' });
    record({ driver: 'chromium', benchmark: 'JS added by sign-in and the default page, gzip', value: kb(afterSignIn.gzipBytes), unit: 'KB', note: `${afterSignIn.files} files, ${kb(afterSignIn.sentBytes)} KB as sent` });
  });
}

async function lighthouseBenchmarks() {
  await withFirstLoadServer(async (url) => {
    const pages = await lighthouseBoth(url);
    for (const [name, f] of [['sign-in page', pages.signIn], ['Home (default page after sign-in)', pages.home]] as const) {
      const detail = `median of ${f.allScores.length} runs (${f.allScores.join(', ')}); FCP ${f.firstContentfulPaintMs} ms, LCP ${f.largestContentfulPaintMs} ms, TBT ${f.totalBlockingTimeMs} ms, unused JS ${kb(f.unusedJsBytes)} KB`;
      record({ driver: 'chromium', benchmark: `Lighthouse mobile performance, ${name}`, value: f.performance, unit: 'score', note: `target ≥ 0.95; ${detail}` });
      record({ driver: 'chromium', benchmark: `Lighthouse mobile accessibility, ${name}`, value: f.accessibility, unit: 'score', note: 'target 1.0' });
      record({ driver: 'chromium', benchmark: `blocking time from CPU time (4×), ${name}`, value: f.cpu.blockingMs, unit: 'ms', note: `same run; main thread ${f.cpu.cpuMs} ms CPU after FCP, longest task ${f.cpu.longestTaskCpuMs} ms (bench/cpu-blocking-time.ts)` });
    }
  });
}

async function coldStartBenchmarks() {
  await withFirstLoadServer(async (url) => {
    const { medianMs, runsMs } = await coldStartOffline(url);
    record({ driver: 'chromium', benchmark: 'cold start with no network to the default page', value: medianMs, unit: 'ms (median of 5)', note: `runs ${runsMs.join(', ')} ms; service worker and IndexedDB` });
  });
}

async function firstSyncBenchmarks() {
  const only = process.env.BENCH_FIRST_SYNC;
  const mixes = only === '10000' ? [TEN_THOUSAND_TICKETS] : only === '100000' ? [HUNDRED_THOUSAND_MIX] : [TEN_THOUSAND_TICKETS, HUNDRED_THOUSAND_MIX];
  for (const mix of mixes) {
    const f = await firstSyncBenchmark(mix);
    const target = mix === TEN_THOUSAND_TICKETS ? 'target < 1,500 ms' : 'target < 15,000 ms';
    record({ driver: 'chromium', benchmark: `first sync, ${mix.name}, all in IndexedDB`, value: f.allRowsMs, unit: 'ms', note: `${target}; ${f.rows} rows, ${Math.round((f.rows / f.allRowsMs) * 1000)} rows/s from the sign-in click` });
    record({ driver: 'chromium', benchmark: `first sync, ${mix.name}, first screen's data`, value: f.firstScreenMs, unit: 'ms', note: `users, locations, ${f.expected.weekShifts} shifts this week, ${f.expected.openTickets} open tickets` });
    record({ driver: 'chromium', benchmark: `first sync, ${mix.name}, longest main-thread task`, value: f.longestTaskMs, unit: 'ms', note: `target ≤ 100 ms; ${f.longTasks} tasks over 50 ms; ${f.rowsAfterReload} rows after a reload` });
  }
}

/** Failures of the system under test (not missed targets): the run exits non-zero after recording them. */
const runErrors: string[] = [];

async function devicesBenchmarks() {
  const pgUrl = await postgresUrl();
  if (!pgUrl) console.log('No PostgreSQL reachable: PGlite only.');
  // BENCH_DRIVERS=postgres (or pglite) runs one of the two while working on it.
  const only = process.env.BENCH_DRIVERS?.split(',');
  const drivers = (pgUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const)).filter((d) => !only || only.includes(d));
  for (const driver of drivers) {
    // BENCH_DEVICES and BENCH_SECONDS shrink the run while working on it; the figures are for 50 and 30.
    const options = { ...DEFAULT_DEVICES_OPTIONS, devices: Number(process.env.BENCH_DEVICES ?? 50), seconds: Number(process.env.BENCH_SECONDS ?? 30) };
    const f = await devicesBenchmark(driver === 'postgres' ? pgUrl : undefined, options);
    const d = `${f.seconds} s, ${options.devices} devices`;
    record({ driver, benchmark: 'many devices, requests', value: Math.round(f.requests / f.seconds), unit: 'requests/s', note: `${f.requests} requests in ${d}; ${f.pokes} pokes received` });
    record({ driver, benchmark: 'many devices, mutations', value: Math.round(f.mutations / f.seconds), unit: 'mutations/s', note: `${f.mutations} mutations` });
    for (const [kind, l] of Object.entries(f.latency)) {
      record({ driver, benchmark: `many devices, ${kind} p50`, value: l.p50, unit: 'ms', note: `${l.count} requests` });
      record({ driver, benchmark: `many devices, ${kind} p99`, value: l.p99, unit: 'ms', note: `target < 250 ms; max ${l.max} ms` });
    }
    record({ driver, benchmark: 'many devices, errors', value: f.errors.length, unit: 'errors', note: 'target 0: non-2xx, network failures, rejected mutations' });
    record({ driver, benchmark: 'many devices, server RSS at the end', value: f.rss.endMb, unit: 'MB', note: `start ${f.rss.startMb} MB, peak ${f.rss.peakMb} MB; target flat` });
    record({ driver, benchmark: 'many devices, server CPU', value: Math.round((f.serverCpuSeconds / f.seconds) * 100), unit: '% of one core', note: `devices' process: ${Math.round((f.clientCpuSeconds / f.seconds) * 100)}%; the server's main thread waited ${f.serverRunQueueSeconds} s for a CPU` });
    if (process.env.BENCH_VERBOSE) console.log(`RSS samples (MB, every 0.5 s): ${f.rss.samples.join(' ')}`);
    for (const e of f.errors) console.error(`  ${driver} error: ${e}`);
    if (f.errors.length) runErrors.push(`${driver}: ${f.errors.length} errors in the many-devices run`);
  }
}

async function latencyBenchmarks() {
  const f = await writeLatencyBenchmark(Number(process.env.BENCH_TRIALS ?? 100));
  const b = f.medianBreakdown;
  const steps = `medians over ${f.breakdownTrials} trials: click→push sent ${b.clickToPushMs}, push sent→poke at B ${b.pushToPokeMs}, poke→pull ${b.pokeToPullMs}, pull ${b.pullMs}, pull→row ${b.pullToRowMs} ms`;
  record({ driver: 'chromium', benchmark: 'write on phone A to row in phone B\'s IndexedDB p50', value: f.p50, unit: 'ms', note: `target < 100 ms; ${f.trials} trials; ${steps}` });
  record({ driver: 'chromium', benchmark: 'write on phone A to row in phone B\'s IndexedDB p99', value: f.p99, unit: 'ms', note: `target < 300 ms; max ${f.max} ms` });
  if (process.env.BENCH_VERBOSE) console.log(`each trial (ms): ${f.totalsMs.join(' ')}`);
}

const GROUPS: Record<string, () => Promise<void>> = {
  'first-sync': firstSyncBenchmarks,
  sync: syncBenchmarks,
  push: pushGroup,
  devices: devicesBenchmarks,
  latency: latencyBenchmarks,
  board: boardBenchmarks,
  tickets: ticketListBenchmarks,
  'initial-js': initialJsBenchmarks,
  lighthouse: lighthouseBenchmarks,
  'cold-start': coldStartBenchmarks,
};

async function main() {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in GROUPS));
  if (unknown.length) throw new Error(`Unknown benchmark ${unknown.join(', ')}: choose from ${Object.keys(GROUPS).join(', ')}.`);
  // `push` is part of `sync`; alone it runs only when asked for.
  for (const [name, run] of Object.entries(GROUPS)) if ((asked.length === 0 && name !== 'push') || asked.includes(name)) await run();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const path = 'bench/results/latest.json';
  const previous = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { results?: Row[] }).results ?? [] : [];
  const replaced = new Set(results.map((r) => `${r.driver}|${r.benchmark}`));
  const merged = [...previous.filter((r) => !replaced.has(`${r.driver}|${r.benchmark}`)), ...results];
  writeFileSync(path, `${JSON.stringify({ date: new Date().toISOString(), machine, results: merged }, null, 2)}\n`);
  console.log(`\nWritten to ${path} (${machine})`);
  if (runErrors.length) throw new Error(`The run had errors:\n${runErrors.join('\n')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
