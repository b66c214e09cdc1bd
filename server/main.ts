/**
 * `npm start`: read the configuration, open the database (embedded PGlite unless DATABASE_URL is
 * set), migrate, make sure an admin exists, and serve the app and API on one port.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { purgeExpiredSessions } from './auth/sessions';
import { purgeStaleThrottle } from './auth/throttle';
import { bootstrapAdmin, DEFAULT_ADMIN_EMAIL } from './bootstrap-admin';
import { ConfigError, loadConfig, type Config } from './config/config';
import { acquireDataDirLock, DataDirInUseError, type DataDirLock } from './db/data-dir-lock';
import { openPglite, openPostgres, type Database } from './db/database';
import { mailWorkerFor } from './mail/start-delivery';
import { LiveHub } from './sync/live-hub';
import { purgeExpired } from './sync/retention';
import { APP_VERSION } from './version';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.problems.join('\n'));
    throw error;
  }
}

async function openDatabase(config: Config): Promise<{ database: Database; lock?: DataDirLock }> {
  if (config.databaseUrl) return { database: await openPostgres(config.databaseUrl) };
  const dataDir = resolve(config.dataDir);
  const pgliteDir = join(dataDir, 'pglite');
  let lock: DataDirLock;
  try {
    lock = acquireDataDirLock(dataDir, pgliteDir);
  } catch (error) {
    if (error instanceof DataDirInUseError) fail(error.message);
    throw error;
  }
  return { database: await openPglite({ dataDir: pgliteDir }), lock };
}

async function main() {
  const config = readConfig();
  const { database, lock } = await openDatabase(config);
  await database.migrate();
  const admin = await bootstrapAdmin(database.db, config);

  const clientDir = fileURLToPath(new URL('../dist/client', import.meta.url));
  const live = new LiveHub(database);
  await live.start();
  const app = createApp({ database, config, clientDir, version: APP_VERSION, live });
  const mailWorker = mailWorkerFor(database.db, config);
  mailWorker?.start();
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    const url = config.appUrl ?? `http://localhost:${info.port}`;
    const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${resolve(config.dataDir)}`;
    console.log(`Technician Scheduler ${APP_VERSION} is running at ${url} (data: ${where})`);
    if (admin?.generatedPassword) {
      console.log(`Sign in as ${admin.email} with password ${admin.generatedPassword}`);
      console.log('This password is shown only once: change it under Profile after signing in.');
    } else if (admin) {
      console.log(`Sign in as ${admin.email} with the ADMIN_PASSWORD you set.`);
    } else {
      console.log(`Sign in with your account (the first admin was ${config.adminEmail ?? DEFAULT_ADMIN_EMAIL}).`);
    }
    console.log(
      mailWorker
        ? `Mail is sent through SendGrid (${config.sendgridBaseUrl}) from ${config.mailFrom}.`
        : 'Mail is not sent (no SENDGRID_API_KEY): the outbox keeps every mail; admins see them at /dev/mail.',
    );
  });

  const purge = () =>
    Promise.all([
      purgeExpired(database.db).catch((error: unknown) => console.error('Purging expired sync data failed:', error)),
      purgeExpiredSessions(database.db).catch((error: unknown) => console.error('Purging expired sessions failed:', error)),
      purgeStaleThrottle(database.db).catch((error: unknown) => console.error('Purging old sign-in counts failed:', error)),
    ]);
  void purge();
  const purgeTimer = setInterval(() => void purge(), 60 * 60_000);
  purgeTimer.unref();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down.`);
    server.close();
    clearInterval(purgeTimer);
    // Sends in flight finish and are recorded before the database closes.
    void Promise.all([mailWorker?.stop(), live.stop()])
      .then(() => database.close())
      .catch((error: unknown) => console.error('Closing the database failed:', error))
      .finally(() => {
        lock?.release();
        process.exit(0);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  server.on('error', (error: NodeJS.ErrnoException) => {
    lock?.release();
    fail(error.code === 'EADDRINUSE' ? `Port ${config.port} is already in use: set PORT to another port.` : String(error));
  });
}

main().catch((error: unknown) => {
  console.error('Start-up failed:', error);
  process.exit(1);
});
