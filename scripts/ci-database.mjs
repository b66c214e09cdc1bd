// Creates or drops a throw-away Postgres database for one CI run: `create NAME` / `drop NAME`.
// Connects to the server's `postgres` database as the `postgres` user (trust auth on CI machines).
import postgres from 'postgres';

const [action, name] = process.argv.slice(2);
if (!['create', 'drop'].includes(action ?? '') || !/^[a-z0-9_]+$/.test(name ?? '')) {
  console.error('usage: ci-database.mjs create|drop NAME');
  process.exit(2);
}
const sql = postgres(process.env.CI_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
try {
  if (action === 'create') await sql.unsafe(`create database "${name}"`);
  else await sql.unsafe(`drop database if exists "${name}" with (force)`);
} finally {
  await sql.end();
}
