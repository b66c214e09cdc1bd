import type { EntityName, EntityRow, NewRow } from '../protocol/entities';
import type { MutationContext, MutationPort } from './port';
import { reject } from './rejection';

export const isAdmin = (ctx: MutationContext) => ctx.actor.role === 'admin';

export function requireAdmin(ctx: MutationContext, what: string): void {
  if (!isAdmin(ctx)) reject('forbidden', `Only an administrator may ${what}.`);
}

export async function existing<E extends EntityName>(port: MutationPort, entity: E, id: string): Promise<EntityRow<E>> {
  const row = await port.get(entity, id);
  if (!row) reject('not_found', `That ${entity} no longer exists (it may have been deleted).`, { entity, id });
  return row;
}

/**
 * Inserts a row whose id the device made; an id already taken is refused. It checks and writes in
 * one step, so creates cost one statement on the server; call it after every other check.
 */
export async function insertNew<E extends EntityName>(port: MutationPort, entity: E, row: NewRow<E>, createdAt?: Date): Promise<void> {
  if (!(await port.insert(entity, row, createdAt))) reject('invalid', `A ${entity} with id ${row.id} already exists.`);
}

/** A referenced row (location, category, assignee…) must exist when one is named. */
export async function referenced(port: MutationPort, entity: EntityName, id: string | null | undefined, field: string): Promise<void> {
  if (id && !(await port.get(entity, id))) reject('invalid', `${field}: no such ${entity}.`, { field });
}

export async function activeTechnician(port: MutationPort, id: string): Promise<EntityRow<'user'>> {
  const user = await port.get('user', id);
  if (!user || !user.active) reject('invalid', 'technicianId: no such active user.', { field: 'technicianId' });
  return user;
}
