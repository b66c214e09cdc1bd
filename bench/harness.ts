import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { users } from '../drizzle/schema';
import { createApp } from '../server/app';
import { hashPassword } from '../server/auth/password';
import { loadConfig } from '../server/config/config';
import { openPglite, openPostgres, pgliteExtensions, type Database, type Driver } from '../server/db/database';
import { LiveHub } from '../server/sync/live-hub';

export interface BenchServer {
  driver: Driver;
  database: Database;
  app: ReturnType<typeof createApp>;
  cookie: string;
  close(): Promise<void>;
}

const ADMIN = { email: 'bench@example.com', password: 'benchmark password' };

/** A migrated database of the given kind with the real app on top and a signed-in admin. */
export async function startBenchServer(driver: Driver, postgresUrl: string | undefined): Promise<BenchServer> {
  let database: Database;
  let dropDatabase = async () => {};
  if (driver === 'pglite') {
    database = await openPglite({ instance: new PGlite({ extensions: pgliteExtensions() }) });
  } else {
    if (!postgresUrl) throw new Error('no Postgres URL');
    const name = `tsched_bench_${process.pid}_${Date.now()}`;
    const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    database = await openPostgres(url.toString(), { max: 10 });
    dropDatabase = async () => {
      const dropper = postgres(postgresUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    };
  }
  await database.migrate();
  await database.db.insert(users).values({ email: ADMIN.email, name: 'Bench', role: 'admin', passwordHash: await hashPassword(ADMIN.password) });
  const live = new LiveHub(database);
  await live.start();
  const app = createApp({ database, config: loadConfig({ LOG_REQUESTS: 'false' }), version: 'bench', live });
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    driver,
    database,
    app,
    cookie,
    close: async () => {
      await live.stop();
      await database.close();
      await dropDatabase();
    },
  };
}

/** Samples this process's RSS while `work` runs; returns the work's result and the peak in MB. */
export async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}
