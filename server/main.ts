/**
 * `npm start` (and `npm run start:prod`, built): read the configuration, open the database
 * (embedded PGlite unless DATABASE_URL is set), migrate, make sure an admin exists, and serve the
 * app and API on one port. SIGTERM or SIGINT shuts down gracefully.
 */
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { APP_ROOT } from './app-root';
import { purgeExpiredSessions } from './auth/sessions';
import { purgeStaleThrottle } from './auth/throttle';
import { bootstrapAdmin, DEFAULT_ADMIN_EMAIL } from './bootstrap-admin';
import { ConfigError, loadConfig, type Config } from './config/config';
import { AutomaticBackups } from './backup/automatic-backups';
import { DataDirInUseError, type DataDirLock } from './db/data-dir-lock';
import type { Database } from './db/database';
import { openConfiguredDatabase } from './db/open-configured';
import { stopServing } from './http/stop-serving';
import { purgeOldMail } from './mail/retention';
import { mailWorkerFor } from './mail/start-delivery';
import { MailWriter } from './mail/write-mail';
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
  try {
    return await openConfiguredDatabase(config);
  } catch (error) {
    if (error instanceof DataDirInUseError) fail(error.message);
    throw error;
  }
}

/** How long in-flight requests get to finish on SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  const config = readConfig();
  const { database, lock } = await openDatabase(config);
  await database.migrate();
  const admin = await bootstrapAdmin(database.db, config);

  const clientDir = join(APP_ROOT, 'dist', 'client');
  const live = new LiveHub(database);
  await live.start();
  const backups = new AutomaticBackups(database.db, {
    dir: join(resolve(config.dataDir), 'backups'),
    intervalHours: config.backupIntervalHours,
    keep: config.backupKeep,
    appVersion: APP_VERSION,
  });
  await backups.start();
  const app = createApp({ database, config, clientDir, version: APP_VERSION, live, backups });
  const mailWorker = mailWorkerFor(database.db, config);
  mailWorker?.start();
  // Without a worker, mail is still written from what pushes leave (server/mail/write-mail.ts).
  const mailWriter = mailWorker ? null : new MailWriter(database.db);
  mailWriter?.start();
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
      purgeOldMail(database.db, config.mailKeepDays).catch((error: unknown) => console.error('Purging old mail failed:', error)),
      purgeStaleThrottle(database.db).catch((error: unknown) => console.error('Purging old sign-in counts failed:', error)),
    ]);
  void purge();
  const purgeTimer = setInterval(() => void purge(), 60 * 60_000);
  purgeTimer.unref();

  // Graceful shutdown: stop taking requests, end the event streams (devices reconnect, to another
  // process behind a load balancer), let requests under way finish (a push commits whole), abandon
  // an automatic backup being written (it may take longer than `docker stop` waits; the next start
  // takes it), and only then close the database.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests under way, then shutting down.`);
    clearInterval(purgeTimer);
    live.closeStreams();
    try {
      await stopServing(server as Server, SHUTDOWN_GRACE_MS);
      await backups.stop({ abandon: true });
      // Sends in flight finish and are recorded before the database closes.
      await mailWorker?.stop();
      await mailWriter?.stop();
      await live.stop();
      await database.close();
    } catch (error) {
      console.error('Shutting down cleanly failed:', error);
    } finally {
      lock?.release();
      console.log('Stopped.');
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  server.on('error', (error: NodeJS.ErrnoException) => {
    lock?.release();
    fail(error.code === 'EADDRINUSE' ? `Port ${config.port} is already in use: set PORT to another port.` : String(error));
  });
}

main().catch((error: unknown) => {
  console.error('Start-up failed:', error);
  process.exit(1);
});
