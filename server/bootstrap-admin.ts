import { count } from 'drizzle-orm';
import { users } from '../drizzle/schema';
import { hashPassword } from './auth/password';
import { generatePassword } from './auth/session-token';
import type { Config } from './config/config';
import type { Db } from './db/database';

export const DEFAULT_ADMIN_EMAIL = 'admin@example.com';

/**
 * First start on an empty database creates the admin. Returns what to tell the operator, or null
 * when users already exist. The generated password is printed once and stored only as a hash.
 */
export async function bootstrapAdmin(
  db: Db,
  config: Pick<Config, 'adminEmail' | 'adminPassword'>,
): Promise<{ email: string; generatedPassword?: string } | null> {
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return null;
  const email = (config.adminEmail ?? DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
  const generatedPassword = config.adminPassword ? undefined : generatePassword();
  const password = config.adminPassword ?? generatedPassword ?? '';
  const inserted = await db
    .insert(users)
    .values({ email, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(password) })
    .onConflictDoNothing()
    .returning({ id: users.id });
  // Another server process created it first.
  if (inserted.length === 0) return null;
  return generatedPassword ? { email, generatedPassword } : { email };
}
