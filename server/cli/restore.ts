/**
 * `npm run restore -- FILE`: replaces all data in the configured database with the backup in FILE.
 * The whole file is checked first; a bad one changes nothing.
 */
import { constants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseBackup } from '../backup/backup-document';
import { restoreBackup } from '../backup/restore-backup';
import { runTool } from './run-tool';

const readBackup = async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error('Usage: npm run restore -- FILE');
  // A file past the longest string JavaScript can hold would fail half-way through reading it, with
  // an error naming string lengths in hex; say what it means before reading anything.
  const { size } = await stat(file);
  if (size > constants.MAX_STRING_LENGTH) {
    const mib = (n: number) => `${Math.floor(n / (1024 * 1024))} MiB`;
    throw new Error(`${file} is ${mib(size)}: larger than the ${mib(constants.MAX_STRING_LENGTH)} a restore can read. Nothing was changed.`);
  }
  return { file, backup: parseBackup(await readFile(file, 'utf8')) };
};

await runTool(readBackup, async (database, { file, backup }) => {
  const { restored } = await restoreBackup(database.db, backup);
  const rows = Object.values(restored).reduce((a, b) => a + b, 0);
  console.log(`Restored ${rows} rows in ${Object.keys(restored).length} tables from ${file} (backup taken ${backup.createdAt}).`);
  console.log('Every device starts over with a full sync; changes not yet sent from them are kept and sent again.');
});
