/**
 * Migrates one database per driver once for the whole run; each test file then starts from a copy
 * (PGlite: loadDataDir from a dump; Postgres: CREATE DATABASE … TEMPLATE), so every file sees a clean,
 * fully migrated schema without paying for migrations again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres, pgliteExtensions } from '../../server/db/database';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplateUrl: string | null;
  }
}

export function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/**
 * Copies are named after the run's own database, so two runs against one server (two checkouts,
 * each with its own DATABASE_URL) never drop each other's copies.
 */
export function testDatabasePrefix(templateUrl: string): string {
  return `tsched_t_${new URL(templateUrl).pathname.slice(1).slice(0, 30)}_`;
}

async function dropLeftoverTestDatabases(url: string) {
  const sql = postgres(maintenanceUrl(url), { max: 1, onnotice: () => {} });
  try {
    const like = `${testDatabasePrefix(url).replaceAll('_', '\\_')}%`;
    const rows = await sql<{ datname: string }[]>`select datname from pg_database where datname like ${like}`;
    for (const { datname } of rows) await sql.unsafe(`drop database if exists "${datname}" with (force)`);
  } finally {
    await sql.end();
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'tsched-test-'));
  const pglite = new PGlite({ extensions: pgliteExtensions() });
  const database = await openPglite({ instance: pglite });
  await database.migrate();
  const dump = await pglite.dumpDataDir('none');
  await database.close();
  const templatePath = join(dir, 'pglite-template.tar');
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', templatePath);

  const url = process.env.DATABASE_URL;
  if (url) {
    // Start every run from a clean schema, then migrate it: it becomes the template for each file.
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    await sql.unsafe('drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;');
    await sql.end();
    const pg = await openPostgres(url, { max: 1 });
    await pg.migrate();
    await pg.close();
    await dropLeftoverTestDatabases(url);
  }
  project.provide('postgresTemplateUrl', url ?? null);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url) await dropLeftoverTestDatabases(url);
  };
}
