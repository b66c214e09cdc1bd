import { mergePatch } from '../domain/merge';
import type { NewRow } from '../protocol/entities';
import { DEFAULT_CATEGORY_COLOR } from '../protocol/fields';
import type { MutationArgs } from '../protocol/mutations';
import type { Conflict } from '../protocol/push';
import { existing, insertNew, requireAdmin } from './guards';
import type { MutationContext, MutationPort } from './port';

/*
 * Locations, categories and quick links: admin-only lists that everyone reads. Offline edits by an
 * admin apply at once on the device; the server merges field by field like any update. The three
 * behave alike, so one factory makes their create, update and delete.
 */

type ListEntity = 'location' | 'category' | 'quickLink';

function adminList<E extends ListEntity, C extends { id: string }>(entity: E, what: string, toRow: (args: C) => NewRow<E>) {
  return {
    async create(port: MutationPort, ctx: MutationContext, args: C): Promise<Conflict[]> {
      requireAdmin(ctx, `manage ${what}`);
      await insertNew(port, entity, toRow(args));
      return [];
    },
    async update(port: MutationPort, ctx: MutationContext, args: { id: string; baseVersion: number; patch: Partial<NewRow<E>> }): Promise<Conflict[]> {
      requireAdmin(ctx, `manage ${what}`);
      const current = await existing(port, entity, args.id);
      const merged = mergePatch(current, await port.fieldVersionsByOthers(entity, args.id), args.baseVersion, args.patch);
      if (merged.changes.length) await port.update(entity, args.id, merged.patch);
      return merged.conflicts;
    },
    async delete(port: MutationPort, ctx: MutationContext, args: { id: string }): Promise<Conflict[]> {
      requireAdmin(ctx, `manage ${what}`);
      await existing(port, entity, args.id);
      await port.delete(entity, args.id);
      return [];
    },
  };
}

export const locations = adminList('location', 'locations', (args: MutationArgs<'location.create'>) => ({ ...args, address: args.address ?? '' }));
export const categories = adminList('category', 'categories', (args: MutationArgs<'category.create'>) => ({ ...args, color: args.color ?? DEFAULT_CATEGORY_COLOR }));
export const quickLinks = adminList('quickLink', 'quick links', (args: MutationArgs<'quickLink.create'>) => ({ ...args, position: args.position ?? 0 }));
