/**
 * `npm run demo`: fills an empty database (the one `npm start` would open) with the demo crew, so
 * newcomers see the product working. Stops with one line, changing nothing, on a database with data.
 */
import { APP_VERSION } from '../version';
import { ConfigError, loadConfig } from '../config/config';
import { DataDirInUseError } from '../db/data-dir-lock';
import { openConfiguredDatabase } from '../db/open-configured';
import { LiveHub } from '../sync/live-hub';
import { DEMO_PASSWORD } from './crew';
import { DatabaseNotEmpty, fillDemo } from './fill-demo';

async function main(): Promise<number> {
  const config = loadConfig({ ...process.env, LOG_REQUESTS: 'false' });
  const { database, lock } = await openConfiguredDatabase(config);
  const live = new LiveHub(database);
  try {
    await database.migrate();
    await live.start();
    const started = Date.now();
    const result = await fillDemo({ database, config, version: APP_VERSION, live });
    const { counts } = result;
    console.log(
      `Demo ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.people.length} people at 2 depots, ${counts.shifts} shifts over two weeks, ${counts.timeOff} time-off entries, ${counts.tickets} tickets with ${counts.comments} comments.`,
    );
    console.log(`Sign in as any of them with the password "${DEMO_PASSWORD}":`);
    for (const p of result.people) console.log(`  ${p.email.padEnd(26)} ${p.name}${p.role === 'admin' ? ' (dispatcher, administrator)' : ''}`);
    if (result.admin?.generatedPassword) console.log(`The first administrator is ${result.admin.email} with password ${result.admin.generatedPassword} (shown once).`);
    console.log('Start the app with npm start.');
    return 0;
  } catch (error) {
    if (error instanceof DatabaseNotEmpty) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await live.stop();
    await database.close();
    lock?.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.problems.join('\n'));
    else if (error instanceof DataDirInUseError) console.error(`${error.message} Stop the server before running npm run demo.`);
    else console.error('The demo failed:', error);
    process.exit(1);
  },
);
