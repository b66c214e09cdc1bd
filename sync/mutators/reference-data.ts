import { mergePatch } from '../domain/merge';
import { DEFAULT_CATEGORY_COLOR } from '../protocol/fields';
import type { MutationArgs } from '../protocol/mutations';
import type { Conflict } from '../protocol/push';
import { existing, insertNew, requireAdmin } from './guards';
import type { MutationContext, MutationPort } from './port';

/*
 * Locations, categories and quick links: admin-only lists that everyone reads. Offline edits by an
 * admin apply at once on the device; the server merges field by field like any update.
 */

export async function createLocation(port: MutationPort, ctx: MutationContext, args: MutationArgs<'location.create'>): Promise<Conflict[]> {
  requireAdmin(ctx, 'manage locations');
  await insertNew(port, 'location', { ...args, address: args.address ?? '' });
  return [];
}

export async function updateLocation(port: MutationPort, ctx: MutationContext, args: MutationArgs<'location.update'>): Promise<Conflict[]> {
  requireAdmin(ctx, 'manage locations');
  const current = await existing(port, 'location', args.id);
  const merged = mergePatch(current, await port.fieldVersions('location', args.id), args.baseVersion, args.patch);
  if (merged.changes.length) await port.update('location', args.id, merged.patch);
  return merged.conflicts;
}

export async function deleteLocation(port: MutationPort, ctx: MutationContext, args: MutationArgs<'location.delete'>): Promise<Conflict[]> {
  requireAdmin(ctx, 'manage locations');
  await existing(port, 'location', args.id);
  await port.delete('location', args.id);
  return [];
}

export async function createCategory(port: MutationPort, ctx: MutationContext, args: MutationArgs<'category.create'>): Promise<Conflict[]> {
  requireAdmin(ctx, 'manage categories');
  await insertNew(port, 'category', { ...args, color: args.color ?? DEFAULT_CATEGORY_COLOR });
  return [];
}

export async function updateCategory(port: MutationPort, ctx: MutationContext, args: MutationArgs<'category.update'>): Promise<Conflict[]> {
  requireAdmin(ctx, 'manage categories');
  const current = await existing(port, 'category', args.id);
  const merged = mergePatch(current, await port.fieldVersions('category', args.id), args.baseVersion, args.patch);
  if (merged.changes.length) await port.update('category', args.id, merged.patch);
  return merged.conflicts;
}

export async function deleteCategory(port: MutationPort, ctx: MutationContext, args: MutationArgs<'category.delete'>): Promise<Conflict[]> {
  requireAdmin(ctx, 'manage categories');
  await existing(port, 'category', args.id);
  await port.delete('category', args.id);
  return [];
}

export async function createQuickLink(port: MutationPort, ctx: MutationContext, args: MutationArgs<'quickLink.create'>): Promise<Conflict[]> {
  requireAdmin(ctx, 'manage quick links');
  await insertNew(port, 'quickLink', { ...args, position: args.position ?? 0 });
  return [];
}

export async function updateQuickLink(port: MutationPort, ctx: MutationContext, args: MutationArgs<'quickLink.update'>): Promise<Conflict[]> {
  requireAdmin(ctx, 'manage quick links');
  const current = await existing(port, 'quickLink', args.id);
  const merged = mergePatch(current, await port.fieldVersions('quickLink', args.id), args.baseVersion, args.patch);
  if (merged.changes.length) await port.update('quickLink', args.id, merged.patch);
  return merged.conflicts;
}

export async function deleteQuickLink(port: MutationPort, ctx: MutationContext, args: MutationArgs<'quickLink.delete'>): Promise<Conflict[]> {
  requireAdmin(ctx, 'manage quick links');
  await existing(port, 'quickLink', args.id);
  await port.delete('quickLink', args.id);
  return [];
}
