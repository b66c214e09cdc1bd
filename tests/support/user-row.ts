import { eq } from 'drizzle-orm';
import { users } from '../../drizzle/schema';
import type { UserRow } from '../../server/auth/sessions';
import type { TestApp } from './test-app';

/** The stored user row, as the server's session middleware hands it to a route. */
export async function userRowOf(t: TestApp, id: string): Promise<UserRow> {
  const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
  if (!row) throw new Error('no user');
  return row as UserRow;
}
