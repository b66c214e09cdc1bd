import type { Accessor } from 'solid-js';
import type { EntityRow } from '../../../sync/protocol/entities';
import type { DeviceDatabase } from '../../db/device-db';
import { device } from '../sync/device';
import { liveSignal } from './live-query';
import { serverOrder } from './server-order';

export type Ticket = EntityRow<'ticket'>;
export type Comment = EntityRow<'comment'>;
export type HistoryEntry = EntityRow<'ticketHistory'>;

/** Every ticket on this device, archived ones too (the list's query decides what it shows). */
export function useAllTickets(): Accessor<Ticket[]> {
  return liveSignal(device.db, ({ db }) => db.ticket.toArray(), []);
}

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

/**
 * One ticket, following its id; `null` while loading or when this device has no such ticket
 * (never synced here, or deleted), `undefined` never: the page tells "not found" from "loading" by
 * the `loaded` flag.
 */
export function useTicket(id: Accessor<string>): Accessor<{ loaded: boolean; ticket: Ticket | null }> {
  const source = () => {
    const d = device.db();
    return d ? { ...d, ticketId: id() } : null;
  };
  return liveSignal<{ db: DeviceDatabase; ticketId: string }, { loaded: boolean; ticket: Ticket | null }>(
    source,
    async ({ db, ticketId }) => ({ loaded: true, ticket: (await db.ticket.get(ticketId)) ?? null }),
    { loaded: false, ticket: null },
  );
}

/** A ticket's comments, oldest first: in the order they reached the server, then those still on this device. */
export function useComments(ticketId: Accessor<string>): Accessor<Comment[]> {
  const source = () => {
    const d = device.db();
    return d ? { ...d, ticketId: ticketId() } : null;
  };
  return liveSignal(source, async ({ db, ticketId }) => (await db.comment.where('ticketId').equals(ticketId).toArray()).sort(serverOrder), []);
}

/**
 * A ticket's history in the order the server applied the changes, each still dated by when it was
 * made: ordered by those dates, two devices whose clocks disagree by a minute could show a ticket
 * closed before it was resolved, each change no longer starting where the previous one ended.
 */
export function useHistory(ticketId: Accessor<string>): Accessor<HistoryEntry[]> {
  const source = () => {
    const d = device.db();
    return d ? { ...d, ticketId: ticketId() } : null;
  };
  return liveSignal(
    source,
    async ({ db, ticketId }) => (await db.ticketHistory.where('ticketId').equals(ticketId).toArray()).sort(serverOrder),
    [],
  );
}

/** Every "closed" entry of every ticket's history on the device (for archiving what was closed long ago). */
export async function closingHistory(): Promise<HistoryEntry[]> {
  const d = device.db();
  return d ? d.db.ticketHistory.filter((h) => h.field === 'status' && h.to === 'closed').toArray() : [];
}

/** Whether a row exists only on this device so far (created offline, not yet confirmed). */
export const isLocalOnly = (row: { version: string }) => row.version === '0';
