import type { Accessor } from 'solid-js';
import type { EntityRow } from '../../../sync/protocol/entities';
import { device } from '../sync/device';
import { liveSignal } from './live-query';

export type Ticket = EntityRow<'ticket'>;

/** Open (not archived) tickets on this device, most recently changed first. */
export function useTickets(): Accessor<Ticket[]> {
  return liveSignal(
    device.db,
    async ({ db }) => {
      const rows = await db.ticket.filter((t) => t.archivedAt === null).toArray();
      return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
    [],
  );
}

/** Whether a row exists only on this device so far (created offline, not yet confirmed). */
export const isLocalOnly = (row: { version: string }) => row.version === '0';
