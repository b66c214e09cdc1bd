/**
 * Idle per-pull service time (issue 11): one device pulls the same small incremental page again
 * and again, nothing else running, so the figure is what one pull costs the server, which is what
 * the many-devices run multiplies by its queue length. 10,000 tickets stored, then 5 (the usual
 * page after a poke) and 100 of them changed; each page pulled 300 times from the same cursor,
 * through HTTP (`app.request`, session check included) and through `pull()` alone. On PGlite the
 * database runs in this process, so its CPU time per pull is printed too (steadier than wall time
 * on a shared machine). Then a poke's burst: 50 devices pulling the same page from the same cursor
 * at once (each its own clientId), timed until the last answer, 30 times.
 *
 *   npx tsx bench/pull-idle.ts pglite|postgres     (postgres: DATABASE_URL, a fresh database is made)
 */
import { sql } from 'drizzle-orm';
import { users } from '../drizzle/schema';
import { pull } from '../server/sync/pull';
import type { PullResponse } from '../sync/protocol/pull';
import { PROTOCOL_VERSION } from '../sync/protocol/version';
import { startBenchServer } from './harness';

const RUNS = 300;

async function main() {
  const driver = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
  const s = await startBenchServer(driver, process.env.DATABASE_URL);
  const headers = { 'content-type': 'application/json', origin: 'http://localhost', cookie: s.cookie, 'x-sync-protocol': String(PROTOCOL_VERSION) };
  await s.database.rows(sql`insert into tickets (id, title, description, priority)
    select gen_random_uuid(), 'Seeded ticket ' || g, repeat('x', 120), 'medium' from generate_series(1, 10000) g`);
  const clientId = crypto.randomUUID();
  const [admin] = await s.database.db.select().from(users).limit(1);
  if (!admin) throw new Error('no user');
  const viaHttp = async (cursor?: string): Promise<PullResponse> => {
    const q = new URLSearchParams({ clientId, limit: '1000', ...(cursor ? { cursor } : {}) });
    const res = await s.app.request(`/api/sync/pull?${q}`, { headers });
    if (res.status !== 200) throw new Error(await res.text());
    return (await res.json()) as PullResponse;
  };
  let start: string | undefined;
  for (;;) {
    const page = await viaHttp(start);
    start = page.cursor;
    if (!page.hasMore) break;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] ?? NaN;
  const time = async (once: () => Promise<unknown>) => {
    const wall: number[] = [];
    const cpu = process.cpuUsage();
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await once();
      wall.push(performance.now() - t);
    }
    const used = process.cpuUsage(cpu);
    return `median ${median(wall).toFixed(2)} ms, p90 ${p90(wall).toFixed(2)} ms, this process's CPU ${((used.user + used.system) / 1000 / RUNS).toFixed(2)} ms a pull`;
  };
  for (const n of [5, 100]) {
    await s.database.rows(sql`update tickets set priority = 'high' where id in (select id from tickets order by id limit ${n})`);
    const first = await viaHttp(start);
    if (first.changes.length !== n) throw new Error(`expected ${n} changes, got ${first.changes.length}`);
    console.log(`${driver} incremental pull of ${n} changes, HTTP: ${await time(() => viaHttp(start))}`);
    console.log(`${driver} incremental pull of ${n} changes, pull(): ${await time(() => pull(s.database.db, admin, { clientId, cursor: start, limit: 1000 }))}`);
    if (n === 5) {
      const clients = Array.from({ length: 50 }, () => crypto.randomUUID());
      const burst = (through: (clientId: string) => Promise<unknown>) => async () => {
        await Promise.all(clients.map(through));
      };
      const httpOne = async (id: string) => {
        const res = await s.app.request(`/api/sync/pull?${new URLSearchParams({ clientId: id, limit: '1000', cursor: start ?? '' })}`, { headers });
        await res.text();
      };
      const bursts = async (name: string, through: (clientId: string) => Promise<unknown>) => {
        const wall: number[] = [];
        const cpu = process.cpuUsage();
        for (let i = 0; i < 30; i++) {
          const t = performance.now();
          await burst(through)();
          wall.push(performance.now() - t);
        }
        const used = process.cpuUsage(cpu);
        console.log(`${driver} 50 pulls of ${n} changes at once, ${name}: last answer after median ${median(wall).toFixed(1)} ms, p90 ${p90(wall).toFixed(1)} ms, this process's CPU ${((used.user + used.system) / 1000 / 30).toFixed(1)} ms a burst`);
      };
      await bursts('HTTP', httpOne);
      await bursts('pull()', (id) => pull(s.database.db, admin, { clientId: id, cursor: start, limit: 1000 }));
    }
    await s.database.rows(sql`update tickets set priority = 'medium' where priority = 'high'`);
  }
  await s.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
