import { Hono } from 'hono';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../drizzle/schema';
import {
  createUserRequestSchema,
  resetPasswordRequestSchema,
  updateUserRequestSchema,
} from '../../sync/protocol/auth';
import type { AppDeps, AppEnv } from '../app-env';
import { requireAdmin, requireUser } from '../auth/middleware';
import { hashPassword } from '../auth/password';
import { endUserSessions } from '../auth/end-sessions';
import type { UserRow } from '../auth/sessions';
import type { Db } from '../db/database';
import { UNIQUE_VIOLATION, sqlState } from '../db/pg-error';
import { withTransaction } from '../db/transaction';
import { ApiError } from '../http/api-error';
import { drizzlePort } from '../sync/drizzle-port';
import { MutationRejected } from '../../sync/mutators/rejection';
import { requireZoneChangeKeepsTimeOffClear } from '../../sync/mutators/time-off';
import { parseBody } from '../http/parse-body';
import { toUserDto } from './user-dto';

async function findUser(db: Db, id: string): Promise<UserRow> {
  const [user] = z.uuid().safeParse(id).success ? await db.select().from(users).where(eq(users.id, id)) : [];
  if (!user) throw new ApiError(404, 'not_found', 'No such user.');
  return user;
}

function emailTaken(error: unknown): never {
  if (sqlState(error) === UNIQUE_VIOLATION) {
    throw new ApiError(409, 'email_taken', 'Another user already has this email address.');
  }
  throw error;
}

/**
 * An admin removing another admin's access must still be one when it is done: two admins removing
 * each other at the same moment each passed the session check before either change was written, and
 * would leave the team with no admin (nobody left to manage users, approve time off or restore). The
 * active admins' rows are locked, so the second of the two waits for the first and, its snapshot
 * now stale, runs again and finds its own access gone. (Not after: an admin cannot remove their own.)
 */
async function requireStillAdmin(tx: Db, admin: UserRow): Promise<void> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(asc(users.id))
    .for('update');
  if (!admins.some((a) => a.id === admin.id)) throw new ApiError(403, 'forbidden', 'Your administrator access was removed meanwhile.');
}

/**
 * Writes an admin's changes to a user. A new time zone moves the user's approved time off (whole
 * days in their own zone), so it is checked like the technician's own change through sync, in one
 * serializable transaction; the port's check writes the user's schedule claim, so no push can book a
 * shift into the moved time off meanwhile (pushes run at REPEATABLE READ: decision 028).
 */
async function updateUser(db: Db, admin: UserRow, id: string, patch: z.output<typeof updateUserRequestSchema>): Promise<UserRow[]> {
  return withTransaction(db, 'serializable', async (tx) => {
    if (patch.active === false || patch.role === 'technician') await requireStillAdmin(tx, admin);
    const { timezone } = patch;
    if (timezone !== undefined) {
      const port = drizzlePort(tx, { actor: { id: admin.id, role: admin.role }, now: new Date(), actedAt: new Date() }, null);
      const user = await port.get('user', id);
      if (!user) throw new ApiError(404, 'not_found', 'No such user.');
      try {
        await requireZoneChangeKeepsTimeOffClear(port, user, timezone);
      } catch (error) {
        if (error instanceof MutationRejected) throw new ApiError(409, error.code, error.message, error.details);
        throw error;
      }
    }
    return tx.update(users).set(patch).where(eq(users.id, id)).returning();
  });
}

export function userRoutes(deps: AppDeps) {
  const { db } = deps.database;

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      requireUser(c);
      const rows = await db.select().from(users).orderBy(asc(users.name));
      return c.json({ users: rows.map(toUserDto) });
    })
    .post('/', async (c) => {
      requireAdmin(c);
      const body = await parseBody(c, createUserRequestSchema);
      const [created] = await db
        .insert(users)
        .values({
          email: body.email,
          name: body.name,
          role: body.role,
          passwordHash: await hashPassword(body.password),
          ...(body.timezone ? { timezone: body.timezone } : {}),
          ...(body.color ? { color: body.color } : {}),
        })
        .returning()
        .catch(emailTaken);
      if (!created) throw new Error('user insert returned nothing');
      return c.json({ user: toUserDto(created) }, 201);
    })
    .patch('/:id', async (c) => {
      const { user: admin } = requireAdmin(c);
      const target = await findUser(db, c.req.param('id'));
      const patch = await parseBody(c, updateUserRequestSchema);
      if (target.id === admin.id && (patch.active === false || patch.role === 'technician')) {
        throw new ApiError(400, 'own_access', 'You cannot deactivate yourself or remove your own admin role.');
      }
      const [updated] = Object.keys(patch).length ? await updateUser(db, admin, target.id, patch) : [target];
      if (!updated) throw new ApiError(404, 'not_found', 'No such user.');
      if (patch.active === false) await endUserSessions(deps, target.id);
      return c.json({ user: toUserDto(updated) });
    })
    .post('/:id/password', async (c) => {
      const { user: admin, sessionId } = requireAdmin(c);
      const target = await findUser(db, c.req.param('id'));
      const body = await parseBody(c, resetPasswordRequestSchema);
      await db.update(users).set({ passwordHash: await hashPassword(body.password) }).where(eq(users.id, target.id));
      // A reset means the old password may be known to someone else: end their sessions.
      await endUserSessions(deps, target.id, target.id === admin.id ? sessionId : undefined);
      return c.body(null, 204);
    });
}
