import { z } from 'zod';
import { TICKET_STATUSES, TIME_OFF_KINDS, type MailKind } from '../../../sync/protocol/enums';

/*
 * What a notification mail tells: one event per change, with the names and titles as they were when
 * the change arrived, so a mail can be written (and written again when a batch grows) without
 * reading anything else. Kept in the outbox row's `events`.
 */

const shift = z.object({ id: z.uuid(), start: z.string(), end: z.string(), locationName: z.string().nullable(), note: z.string() });

const common = {
  /** When the person acted (the mutation's time of action, clamped); ISO 8601. */
  at: z.string(),
  actorName: z.string(),
};
const ticket = z.object({ id: z.uuid(), title: z.string() });

export const mailEventSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('ticketAssigned'), ticket }),
  z.object({ ...common, type: z.literal('ticketStatus'), ticket, from: z.enum(TICKET_STATUSES), to: z.enum(TICKET_STATUSES) }),
  /** `at` is when the comment was written on the device; `arrivedAt` when it reached the server. */
  z.object({ ...common, type: z.literal('ticketComment'), ticket, body: z.string(), arrivedAt: z.string() }),
  z.object({ ...common, type: z.literal('shiftCreated'), shift }),
  z.object({ ...common, type: z.literal('shiftChanged'), shift, before: shift }),
  z.object({ ...common, type: z.literal('shiftDeleted'), shift }),
  z.object({
    ...common,
    type: z.literal('timeOffDecided'),
    timeOff: z.object({ id: z.uuid(), startDate: z.string(), endDate: z.string(), kind: z.enum(TIME_OFF_KINDS), status: z.enum(['approved', 'denied']) }),
  }),
]);

export type MailEvent = z.infer<typeof mailEventSchema>;
export type MailEventType = MailEvent['type'];

/** The setting that turns each event's mail on or off. */
export const KIND_OF_EVENT: Record<MailEventType, MailKind> = {
  ticketAssigned: 'ticketAssigned',
  ticketStatus: 'ticketStatus',
  ticketComment: 'ticketComment',
  shiftCreated: 'schedule',
  shiftChanged: 'schedule',
  shiftDeleted: 'schedule',
  timeOffDecided: 'timeOff',
};

/** An outbox row's kind: the one kind of all its events, or `ticketActivity` for a mixed batch. */
export function kindOfMail(events: readonly MailEvent[]): MailKind | 'ticketActivity' {
  const kinds = new Set(events.map((e) => KIND_OF_EVENT[e.type]));
  const [only] = kinds;
  return kinds.size === 1 && only ? only : 'ticketActivity';
}
