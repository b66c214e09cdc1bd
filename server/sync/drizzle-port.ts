import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { scheduleClaims, schedules, ticketHistory, timeOff } from '../../drizzle/schema';
import type { EntityName, EntityRow } from '../../sync/protocol/entities';
import type { MutationContext, MutationPort } from '../../sync/mutators/port';
import type { Db } from '../db/database';
import { entityTables, toWireRow } from './entity-tables';

/**
 * The mutators' port on the server: Drizzle, inside the mutation's transaction. `clientId` is the
 * pushing device (null outside a push), whose own earlier changes are not conflicts.
 */
export function drizzlePort(tx: Db, ctx: MutationContext, clientId: string | null): MutationPort {
  /**
   * Before a technician's schedule is checked, this transaction writes their `schedule_claims` row
   * (once). At REPEATABLE READ the database reports only write conflicts, so the invariants that
   * span rows — no shift inside approved time off, whichever is written second, nor after a zone
   * change moves the time off — rest on it: two transactions that check one technician's schedule
   * at the same time both write this row, and the second fails to serialize and runs again on a
   * snapshot that shows the first (docs/decisions/028-push-at-repeatable-read.md).
   */
  const claimed = new Set<string>();
  const claimSchedule = async (technicianId: string) => {
    if (claimed.has(technicianId)) return;
    await tx
      .insert(scheduleClaims)
      .values({ technicianId, claims: 1 })
      .onConflictDoUpdate({ target: scheduleClaims.technicianId, set: { claims: sql`${scheduleClaims.claims} + 1` } });
    claimed.add(technicianId);
  };
  return {
    async get<E extends EntityName>(entity: E, id: string) {
      const t = entityTables[entity];
      const [row] = await tx.select().from(t.table).where(eq(t.id, id));
      return row ? toWireRow(entity, row) : undefined;
    },
    async insert(entity, row, createdAt) {
      const t = entityTables[entity];
      const values = createdAt ? { ...t.toDb(row), createdAt } : t.toDb(row);
      const inserted = await tx.insert(t.table).values(values).onConflictDoNothing({ target: t.id }).returning({ id: t.id });
      return inserted.length > 0;
    },
    async update(entity, id, patch) {
      const t = entityTables[entity];
      await tx.update(t.table).set(t.toDb(patch)).where(eq(t.id, id));
    },
    async delete(entity, id) {
      const t = entityTables[entity];
      await tx.delete(t.table).where(eq(t.id, id));
    },
    async schedulesOverlapping(technicianId, start, end) {
      await claimSchedule(technicianId);
      const rows = await tx
        .select()
        .from(schedules)
        .where(and(eq(schedules.technicianId, technicianId), lt(schedules.startsAt, end), gt(schedules.endsAt, start)));
      return rows.map((r) => toWireRow('schedule', r));
    },
    async timeOffOf(technicianId, status) {
      await claimSchedule(technicianId);
      const rows = await tx
        .select()
        .from(timeOff)
        .where(and(eq(timeOff.technicianId, technicianId), eq(timeOff.status, status)));
      return rows.map((r) => toWireRow('timeOff', r)) as EntityRow<'timeOff'>[];
    },
    async fieldVersionsByOthers(entity, id) {
      const t = entityTables[entity];
      const [row] = await tx.select({ fv: t.fieldVersions, fc: t.fieldClients }).from(t.table).where(eq(t.id, id));
      const byColumn = (row?.fv ?? {}) as Record<string, number>;
      const writers = (row?.fc ?? {}) as Record<string, string | null>;
      const byField: Record<string, number> = {};
      for (const [column, version] of Object.entries(byColumn)) {
        const field = t.wireFieldOfColumn[column];
        if (field && (clientId === null || writers[column] !== clientId)) byField[field] = Number(version);
      }
      return byField;
    },
    async recordHistory(entry) {
      await tx.insert(ticketHistory).values({
        ticketId: entry.ticketId,
        actorId: ctx.actor.id,
        field: entry.field,
        fromValue: entry.from,
        toValue: entry.to,
        conflict: entry.conflict,
        at: entry.at,
      });
    },
  };
}
