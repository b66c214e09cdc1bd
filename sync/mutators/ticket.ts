import { actionTime } from '../domain/action-time';
import { mergePatch } from '../domain/merge';
import { archiveProblem, isArchivable, statusChangeProblem } from '../domain/ticket-status';
import type { MutationArgs } from '../protocol/mutations';
import type { Conflict } from '../protocol/push';
import { existing, isAdmin, insertNew, referenced, requireAdmin } from './guards';
import type { MutationContext, MutationPort } from './port';
import { reject } from './rejection';

/*
 * Tickets. Anyone may create and edit them, offline too; edits of different fields by different
 * people all survive, and a field edited twice keeps the later arrival with the other value in the
 * ticket's history. Status follows the lifecycle and is changed by the assignee or an admin.
 */

/** The time of an action on this ticket (sync-protocol.md, "Time of the action"). */
const whenOn = (ctx: MutationContext, ticket: { createdAt: string }): Date => actionTime(ctx.actedAt, ctx.now, new Date(ticket.createdAt));

const historyValue = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * A category or location picked on a device that was offline while an admin deleted it: the
 * ticket is kept without it (uncategorised, no location) rather than refused as a whole, so the
 * technician's report is never stuck in "needs attention" over a label (decision 015).
 */
async function ifStillThere(port: MutationPort, entity: 'category' | 'location', id: string | null | undefined): Promise<string | null> {
  return id && (await port.get(entity, id)) ? id : null;
}

export async function createTicket(port: MutationPort, ctx: MutationContext, args: MutationArgs<'ticket.create'>): Promise<Conflict[]> {
  const categoryId = await ifStillThere(port, 'category', args.categoryId);
  const locationId = await ifStillThere(port, 'location', args.locationId);
  await referenced(port, 'user', args.assigneeId, 'assigneeId');
  // A ticket opened offline is dated when it was opened, so its history can be too (see actionTime).
  const openedAt = actionTime(ctx.actedAt, ctx.now, ctx.actedAt);
  await insertNew(port, 'ticket', {
    id: args.id,
    title: args.title,
    description: args.description ?? '',
    priority: args.priority,
    status: 'open',
    categoryId,
    locationId,
    assigneeId: args.assigneeId ?? null,
    createdBy: ctx.actor.id,
    archivedAt: null,
  }, openedAt);
  // Creation is not written to history: the row's createdBy and createdAt already say who and when.
  return [];
}

export async function updateTicket(port: MutationPort, ctx: MutationContext, args: MutationArgs<'ticket.update'>): Promise<Conflict[]> {
  const current = await existing(port, 'ticket', args.id);
  const { status } = args.patch;
  if (status !== undefined) {
    const problem = statusChangeProblem(current, status, { id: ctx.actor.id, isAdmin: isAdmin(ctx) });
    if (problem) reject(problem.code, problem.message, problem.code === 'invalid_transition' ? { from: current.status, to: status } : {});
  }
  await referenced(port, 'user', args.patch.assigneeId, 'assigneeId');
  // Moving a ticket to a category or location deleted meanwhile leaves that field as it is.
  const patch = { ...args.patch };
  if (patch.categoryId && !(await ifStillThere(port, 'category', patch.categoryId))) delete patch.categoryId;
  if (patch.locationId && !(await ifStillThere(port, 'location', patch.locationId))) delete patch.locationId;
  const merged = mergePatch(current, await port.fieldVersionsByOthers('ticket', args.id), args.baseVersion, patch);
  if (merged.changes.length === 0) return merged.conflicts;
  // Reopening an archived ticket (archived meanwhile on another device) brings it back from the
  // archive: work in progress must never be hidden there.
  const restored = current.archivedAt !== null && merged.patch.status !== undefined && !isArchivable({ status: merged.patch.status });
  await port.update('ticket', args.id, restored ? { ...merged.patch, archivedAt: null } : merged.patch);
  const conflicted = new Set(merged.conflicts.map((c) => c.field));
  const at = whenOn(ctx, current);
  if (restored) await port.recordHistory({ ticketId: args.id, field: 'archivedAt', from: current.archivedAt, to: null, conflict: false, at });
  for (const change of merged.changes) {
    await port.recordHistory({
      ticketId: args.id,
      field: change.field,
      from: historyValue(change.from),
      to: historyValue(change.to),
      conflict: conflicted.has(change.field),
      at,
    });
  }
  return merged.conflicts;
}

async function setArchived(port: MutationPort, ctx: MutationContext, id: string, archived: boolean): Promise<Conflict[]> {
  requireAdmin(ctx, archived ? 'archive tickets' : 'restore archived tickets');
  const current = await existing(port, 'ticket', id);
  if ((current.archivedAt !== null) === archived) return [];
  const problem = archived ? archiveProblem(current) : null;
  if (problem) reject(problem.code, problem.message, { status: current.status });
  const archivedAt = archived ? ctx.now.toISOString() : null;
  await port.update('ticket', id, { archivedAt });
  await port.recordHistory({ ticketId: id, field: 'archivedAt', from: current.archivedAt, to: archivedAt, conflict: false, at: whenOn(ctx, current) });
  return [];
}

export const archiveTicket = (port: MutationPort, ctx: MutationContext, args: MutationArgs<'ticket.archive'>) =>
  setArchived(port, ctx, args.id, true);

export const unarchiveTicket = (port: MutationPort, ctx: MutationContext, args: MutationArgs<'ticket.unarchive'>) =>
  setArchived(port, ctx, args.id, false);

/** Comments are append-only, so they never conflict; a comment on a deleted ticket is `not_found`. */
export async function createComment(port: MutationPort, ctx: MutationContext, args: MutationArgs<'comment.create'>): Promise<Conflict[]> {
  const ticket = await existing(port, 'ticket', args.ticketId);
  await insertNew(port, 'comment', {
    id: args.id,
    ticketId: args.ticketId,
    authorId: ctx.actor.id,
    body: args.body,
    at: whenOn(ctx, ticket).toISOString(),
  });
  return [];
}
