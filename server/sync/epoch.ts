import { eq } from 'drizzle-orm';
import { serverMeta } from '../../drizzle/schema';
import type { Db } from '../db/database';

/** The server's sync epoch; a restore or reset makes a new one, and old cursors and clients start over. */
export async function readEpoch(db: Db): Promise<string> {
  const [row] = await db.select({ value: serverMeta.value }).from(serverMeta).where(eq(serverMeta.key, 'epoch'));
  if (!row) throw new Error('server_meta has no epoch: migrations did not run');
  return row.value;
}
