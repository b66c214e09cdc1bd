/** `npm run backup -- --out FILE`: writes a backup of the configured database to FILE. */
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { APP_VERSION } from '../version';
import { writeBackupFile } from '../backup/write-backup';
import { runTool } from './run-tool';

const usage = async () => {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (!values.out) throw new Error('Usage: npm run backup -- --out FILE');
  return resolve(values.out);
};

await runTool(usage, async (database, out) => {
  // Complete or absent: the file appears under its name only once fully written.
  const partial = `${out}.partial`;
  try {
    const counts = await writeBackupFile(database.db, partial, { appVersion: APP_VERSION });
    await rename(partial, out);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`Backed up ${rows} rows in ${Object.keys(counts).length} tables to ${out}`);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
});
