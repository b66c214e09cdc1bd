import { z } from 'zod';
import { mailEventSchema } from './mail-event';

/*
 * An event as a push writes it (`mail_events.event`): what happened, with what only the push knows —
 * the actor's name and the ticket's title as they were, who the notice is for by its nature (an
 * assignee, a technician) and, for a comment, the ticket's creator and assignee as the push read
 * them — but not yet who else is told, their names, addresses or settings, nor place names: the
 * mail worker looks those up when it writes the mail (server/mail/write-mail.ts), so a push reads
 * nothing for mail.
 */
export const pendingEventSchema = z.object({
  /** The event; a shift's `locationName` is filled in from `locations` when the mail is written. */
  mail: mailEventSchema,
  /** Who the notice is for by its nature (the actor is left out when the mail is written). */
  to: z.array(z.uuid()),
  /** A comment: its ticket's followers (creator, assignee, earlier commenters) are told too. */
  followers: z.object({ ticketId: z.uuid(), commentId: z.uuid(), createdBy: z.uuid().nullable(), assigneeId: z.uuid().nullable() }).nullable(),
  /** The places of a shift event (`shift`, and `before` for a move), named when the mail is written. */
  locations: z.object({ shift: z.uuid().nullable(), before: z.uuid().nullable() }).nullable(),
});

export type PendingEvent = z.infer<typeof pendingEventSchema>;
