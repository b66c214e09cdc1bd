import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppDeps, AppEnv } from '../app-env';

const DB_TIMEOUT_MS = 2_000;

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const db = await Promise.race([
      deps.database.rows(sql`select 1 as ok`).then(() => 'ok' as const),
      new Promise<'down'>((resolve) => setTimeout(() => resolve('down'), DB_TIMEOUT_MS).unref()),
    ]).catch(() => 'down' as const);
    // The last automatic backup is part of the system status: monitoring can alert when it is old.
    const lastBackupAt = deps.backups?.status().lastAt ?? null;
    return c.json({ status: db === 'ok' ? 'ok' : 'degraded', db, version: deps.version, lastBackupAt }, db === 'ok' ? 200 : 503);
  });
}
